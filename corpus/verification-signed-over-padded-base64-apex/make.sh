#!/usr/bin/env bash
# An RS256 Salesforce JWT-bearer assertion signed over the padded standard-base64 text.
#
# The seed's Apex code signs `EncodingUtil.base64Encode(header) + '.' +
# base64Encode(payload)` and only afterwards makes the segments URL-safe
# (replace '+' '/' and strip '=') for the token it sends: the signature covers
# a text the token no longer contains, and Salesforce answers invalid_grant.
# This reproduces those steps with coreutils base64 and openssl dgst; the key is
# a fresh RSA-2048 key from openssl genpkey (only the public half is kept).
set -euo pipefail
cd "$(dirname "$0")"
NOW=1763384400
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/key.pem" 2>/dev/null
openssl pkey -in "$TMP/key.pem" -pubout -out key.pub.pem
HEADER_STD=$(printf '{"alg":"RS256"}' | base64 -w 0)
PAYLOAD_STD=$(printf '{"iss":"3MVG9A2kN3Bn17hs8MIaQx1voVGy","sub":"integration@example.com","aud":"https://login.salesforce.com","exp":%d}' "$((NOW + 300))" | base64 -w 0)
SIG=$(printf '%s.%s' "$HEADER_STD" "$PAYLOAD_STD" | openssl dgst -sha256 -sign "$TMP/key.pem" -binary | base64 -w 0 | tr -d '=' | tr '+/' '-_')
url() { printf '%s' "$1" | tr -d '=' | tr '+/' '-_'; }
printf '%s.%s.%s' "$(url "$HEADER_STD")" "$(url "$PAYLOAD_STD")" "$SIG" > input.txt
cat input.txt

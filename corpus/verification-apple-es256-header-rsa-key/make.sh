#!/usr/bin/env bash
# A Sign in with Apple client secret with alg ES256 in its header, signed with an RSA key.
#
# Apple requires ES256 with the .p8 EC key it issues; the developer's script
# hard-codes the header but signs with the RSA key the team already used for
# another service (`openssl dgst -sha256 -sign rsa.pem`, which makes an RS256
# signature). The verifier holds the RSA public key (key.pub.pem); the RSA key
# is fresh (openssl genpkey).
set -euo pipefail
cd "$(dirname "$0")"
NOW=1763384400
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$TMP/rsa.pem" 2>/dev/null
openssl pkey -in "$TMP/rsa.pem" -pubout -out key.pub.pem
b64url() { base64 -w 0 | tr -d '=' | tr '+/' '-_'; }
HEADER=$(printf '{"alg":"ES256","kid":"ABC123DEFG"}' | b64url)
PAYLOAD=$(printf '{"iss":"DEF123GHIJ","iat":%d,"exp":%d,"aud":"https://appleid.apple.com","sub":"com.example.app"}' "$NOW" "$((NOW + 86400))" | b64url)
SIG=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$TMP/rsa.pem" -binary | b64url)
printf '%s.%s.%s' "$HEADER" "$PAYLOAD" "$SIG" > input.txt
cat input.txt

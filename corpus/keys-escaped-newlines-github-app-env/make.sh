#!/bin/sh
# Regenerates input.txt in this folder.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$T/key.pem" 2>/dev/null
awk '{printf "%s\\n", $0}' "$T/key.pem" > input.txt

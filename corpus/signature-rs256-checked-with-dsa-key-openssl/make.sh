#!/bin/sh
# Regenerates input.txt (an RS256 token, PyJWT) and key.pub.pem (a DSA public key, OpenSSL).
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
openssl dsaparam -out "$T/params.pem" 2048 2>/dev/null
openssl gendsa -out "$T/dsa.pem" "$T/params.pem" 2>/dev/null
openssl pkey -in "$T/dsa.pem" -pubout -out key.pub.pem
python3 - <<'PY'
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
NOW = 1763384400  # 2025-11-17T13:00:00Z
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
token = jwt.encode({"iss": "https://issuer.example.com", "sub": "user-42", "iat": NOW, "exp": NOW + 900}, key, algorithm="RS256")
open("input.txt", "w").write(token)
PY

#!/bin/sh
# The PKCS#8 RSA private key a developer is about to paste into Apex for Crypto.sign.
cd "$(dirname "$0")" && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out input.txt 2>/dev/null

#!/bin/sh
# Regenerates input.txt in this folder.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$T/key.pem" 2>/dev/null
openssl pkey -in "$T/key.pem" -pubout -out input.txt

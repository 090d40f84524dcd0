#!/bin/sh
# input.txt is a published file, kept byte for byte (see case.json for where and its licence);
# nothing is generated. This checks that it still is that key: the SHA-256 of its
# SubjectPublicKeyInfo is the fingerprint jwtlint/data/sample-keys.json lists.
set -eu
cd "$(dirname "$0")"
test "$(openssl pkey -in input.txt -pubout -outform DER | sha256sum | cut -d' ' -f1)" = d8907a8cdc0cc9b6a64c6ef9f8ec8ffb2d0bfb96e83addbbf5a5138d14fb12f1

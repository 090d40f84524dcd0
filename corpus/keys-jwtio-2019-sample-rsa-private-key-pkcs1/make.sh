#!/bin/sh
# input.txt is a published file, kept byte for byte (see case.json for where and its licence);
# nothing is generated. This checks that it still is that key: the SHA-256 of its
# SubjectPublicKeyInfo is the fingerprint jwtlint/data/sample-keys.json lists.
set -eu
cd "$(dirname "$0")"
test "$(openssl pkey -in input.txt -pubout -outform DER | sha256sum | cut -d' ' -f1)" = 37c2309b6c001277c1b3f534d48489b0d5ff9b1d82f1447b66b6d3a0a59d88b0

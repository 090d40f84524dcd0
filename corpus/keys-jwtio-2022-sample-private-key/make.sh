#!/bin/sh
# input.txt is a published file, kept byte for byte (see case.json for where and its licence);
# nothing is generated. This checks that it still is that key: the SHA-256 of its
# SubjectPublicKeyInfo is the fingerprint jwtlint/data/sample-keys.json lists.
set -eu
cd "$(dirname "$0")"
test "$(openssl pkey -in input.txt -pubout -outform DER | sha256sum | cut -d' ' -f1)" = f56c8b01227f62ddbc16eb29a6ac0b310e276760a5e06302fa881a35146f6bc7

#!/bin/sh
# input.txt is a published file, kept byte for byte (see case.json for where and its licence);
# nothing is generated. This checks that it still is that key: the SHA-256 of its
# SubjectPublicKeyInfo is the fingerprint jwtlint/data/sample-keys.json lists.
set -eu
cd "$(dirname "$0")"
test "$(openssl pkey -pubin -in input.txt -outform DER | sha256sum | cut -d' ' -f1)" = a40f0f2e2974dc76a82df6ffe08ed0d79955c79e7ad0c20d97ae8f9246ade1c1

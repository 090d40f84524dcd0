#!/bin/sh
# input.txt is a published file, kept byte for byte (see case.json for where and its licence);
# nothing is generated. This checks that it still is that key: the SHA-256 of its
# SubjectPublicKeyInfo is the fingerprint jwtlint/data/sample-keys.json lists.
set -eu
cd "$(dirname "$0")"
test "$(openssl pkey -pubin -in input.txt -outform DER | sha256sum | cut -d' ' -f1)" = d2f8d7917928bbe7a457bdbaa0f69221a49b0fbc867ea34b700e9e78364d57e8

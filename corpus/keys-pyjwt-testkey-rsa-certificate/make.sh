#!/bin/sh
# input.txt is a published file, kept byte for byte (see case.json for where and its licence);
# nothing is generated. This checks that it still is that key: the SHA-256 of its
# SubjectPublicKeyInfo is the fingerprint jwtlint/data/sample-keys.json lists.
set -eu
cd "$(dirname "$0")"
test "$(openssl x509 -in input.txt -pubkey -noout | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)" = d3c6b207c9f500e783546e40682450c7650ed21bdf6a7f70ffe8ad0c5a4027a8

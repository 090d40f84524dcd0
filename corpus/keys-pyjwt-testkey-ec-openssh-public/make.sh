#!/bin/sh
# input.txt is a published file, kept byte for byte (see case.json for where and its licence);
# nothing is generated. This checks that it still is that key: the SHA-256 of its
# SubjectPublicKeyInfo is the fingerprint jwtlint/data/sample-keys.json lists.
set -eu
cd "$(dirname "$0")"
test "$(ssh-keygen -e -m PKCS8 -f input.txt | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)" = 0e8d7322b0c7bd329d39602f7369591692e9c17cd7611b11283818e5497043e6

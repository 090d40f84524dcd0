#!/bin/sh
# Regenerates input.txt in this folder.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
openssl genrsa -traditional -out input.txt 2048 2>/dev/null

#!/bin/sh
# Regenerates input.txt in this folder.
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/old.key" -out "$T/old.crt" -days 3650 -subj /CN=api.example.com 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/new.key" -out "$T/new.crt" -days 3650 -subj /CN=api.example.com 2>/dev/null
cat "$T/old.crt" "$T/new.key" > input.txt

#!/bin/sh
# A JWT built in a shell script the way many blog posts show, with GNU
# coreutils `base64` (which wraps its output at 76 columns and uses the
# standard alphabet with padding) and `openssl dgst -hmac`.
set -eu
header='{"alg":"HS256","typ":"JWT"}'
payload='{"sub":"deploy-bot","scope":"repo:read repo:write packages:read","iat":1732700000,"exp":1732703600}'
h=$(printf '%s' "$header" | base64)
p=$(printf '%s' "$payload" | base64)
sig=$(printf '%s' "$h.$p" | openssl dgst -sha256 -hmac "ci-signing-secret-please-rotate" -binary | base64)
printf '%s' "$h.$p.$sig" > "$(dirname "$0")/input.txt"

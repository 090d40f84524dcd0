#!/bin/sh
# A shell script whose header variable was never set (JWT_HEADER misspelled
# as JWT_HEADERS): the header segment comes out empty. Built with coreutils
# base64/tr and openssl, the way the script intended (base64url, no padding).
set -u
JWT_HEADERS='{"alg":"HS256","typ":"JWT"}'
b64url() { base64 -w0 | tr '+/' '-_' | tr -d '='; }
h=$(printf '%s' "${JWT_HEADER:-}" | b64url)
p=$(printf '%s' '{"sub":"backup-job","iat":1732700000,"exp":1732700900}' | b64url)
sig=$(printf '%s' "$h.$p" | openssl dgst -sha256 -hmac "backup-job-secret-with-32-bytes!" -binary | b64url)
printf '%s' "$h.$p.$sig" > "$(dirname "$0")/input.txt"

#!/bin/sh
# An EC P-256 key generated for a Salesforce JWT bearer integration (the flow takes RS256 only).
cd "$(dirname "$0")" && openssl ecparam -name prime256v1 -genkey -noout -out input.txt

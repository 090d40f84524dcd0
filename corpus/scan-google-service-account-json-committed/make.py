"""A Google Cloud service-account key file committed to a repository.

`gcloud iam service-accounts keys create key.json` writes a JSON file whose
`private_key` member is an RSA 2048-bit PKCS#8 PEM with its newlines escaped
as `\\n` (JSON strings). Committing it hands out the account's credentials;
Google's docs say to keep key files out of source code. The key here is a
fresh RSA key made with cryptography, in the same JSON layout, for a made-up
project.
"""

import json
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
doc = {
    "type": "service_account",
    "project_id": "acme-billing-prod",
    "private_key_id": "3f1c2b7a9d0e4f5a6b7c8d9e0f1a2b3c4d5e6f70",
    "private_key": pem.decode(),
    "client_email": "deployer@acme-billing-prod.iam.gserviceaccount.com",
    "client_id": "104729384756102938475",
    "auth_uri": "https://accounts.google.com/o/oauth2/auth",
    "token_uri": "https://oauth2.googleapis.com/token",
    "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
    "client_x509_cert_url": "https://www.googleapis.com/robot/v1/metadata/x509/deployer%40acme-billing-prod.iam.gserviceaccount.com",
    "universe_domain": "googleapis.com",
}
(here / "input.txt").write_text(json.dumps(doc, indent=2) + "\n")

"""The payload of jsonwebtoken issue 209: "exp": 60 meant as "expires in 60 seconds".

jsonwebtoken signs the claims as given and adds iat, so exp (1970-01-01T00:01:00Z)
lies 46 years before iat and every verify() answers `jwt expired`. Node runs the
real library; Date.now is pinned so iat is reproducible. The issue signed with
its own `cert`; a random HS256 secret stands in for it.
Needs: npm install --prefix /tmp/npm-jwt jsonwebtoken@9.0.3 (not in the repo).
"""

import os
import subprocess
from pathlib import Path

here = Path(__file__).parent
JS = r"""
const jwt = require('jsonwebtoken');
Date.now = () => 1464652800000;  // 2016-05-31T00:00:00Z, the day of the issue
const body = { sub: 'admin@admin.com', iss: 'https://apevolve.tcs.com', permissions: 'Admin', exp: 60 };
process.stdout.write(jwt.sign(body, '0c9f6e2b7a1d4e8f9a3b5c7d1e2f4a6b'));
"""
env = {**os.environ, "NODE_PATH": "/tmp/npm-jwt/node_modules"}
token = subprocess.run(["node", "-e", JS], env=env, capture_output=True, text=True, check=True).stdout
(here / "input.txt").write_text(token)
print(token)

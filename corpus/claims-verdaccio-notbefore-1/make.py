"""Verdaccio's web session token with the sample config's `notBefore: 1`.

Verdaccio passes its config (`web: sign: expiresIn: 7d, notBefore: 1`) to
jsonwebtoken's sign options, so nbf = iat + 1: a token used within the same
second is rejected with `jwt not active`. Node runs the real library; Date.now
is pinned so iat and nbf are reproducible.
Needs: npm install --prefix /tmp/npm-jwt jsonwebtoken@9.0.3 (not in the repo).
"""

import os
import subprocess
from pathlib import Path

here = Path(__file__).parent
JS = r"""
const jwt = require('jsonwebtoken');
Date.now = () => 1569664800000;  // 2019-09-28T10:00:00Z, the day of the issue
const user = { real_groups: [], name: 'kopax', groups: ['$all', '$authenticated', '@all', '@authenticated', 'all'] };
process.stdout.write(jwt.sign(user, '8d4c0a1b2e3f4a5b6c7d8e9f0a1b2c3d', { expiresIn: '7d', notBefore: 1 }));
"""
env = {**os.environ, "NODE_PATH": "/tmp/npm-jwt/node_modules"}
token = subprocess.run(["node", "-e", JS], env=env, capture_output=True, text=True, check=True).stdout
(here / "input.txt").write_text(token)
print(token)

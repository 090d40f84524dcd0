"""A jsonwebtoken token signed without expiresIn: it carries iat and no exp.

jsonwebtoken adds iat itself and adds exp only when asked (expiresIn or an
exp claim); the issue's answer was "just don't set expiresIn". Node runs the
real library; Date.now is pinned so jsonwebtoken's own iat is reproducible.
Needs: npm install --prefix /tmp/npm-jwt jsonwebtoken@9.0.3 (not in the repo).
"""

import os
import subprocess
from pathlib import Path

here = Path(__file__).parent
JS = r"""
const jwt = require('jsonwebtoken');
Date.now = () => 1475830800000;  // 2016-10-07T09:00:00Z, the day of the issue
process.stdout.write(jwt.sign({ user: 'alvaro.paco', role: 'integration' }, 'f3b8c1d2e9a7465b8c0d1e2f3a4b5c6d'));
"""
env = {**os.environ, "NODE_PATH": "/tmp/npm-jwt/node_modules"}
token = subprocess.run(["node", "-e", JS], env=env, capture_output=True, text=True, check=True).stdout
(here / "input.txt").write_text(token)
print(token)

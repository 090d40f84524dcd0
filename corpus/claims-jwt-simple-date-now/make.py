"""The code from a jwt-simple issue: nbf and exp taken from JavaScript's Date.now().

`jwt.encode({ nbf: Date.now(), exp: Date.now() + 900000 }, "secretKey")` is run
as written by node with the real jwt-simple; Date.now is pinned so the
millisecond values are reproducible. Both claims come out in milliseconds.
Needs: npm install --prefix /tmp/npm-jwt jwt-simple@0.5.6 (not in the repo).
"""

import os
import subprocess
from pathlib import Path

here = Path(__file__).parent
JS = r"""
const jwt = require('jwt-simple');
Date.now = () => 1482998400123;  // 2016-12-29T08:00:00.123Z, the day of the comment
process.stdout.write(jwt.encode({ nbf: Date.now(), exp: Date.now() + 900000 }, "secretKey"));
"""
env = {**os.environ, "NODE_PATH": "/tmp/npm-jwt/node_modules"}
token = subprocess.run(["node", "-e", JS], env=env, capture_output=True, text=True, check=True).stdout
(here / "input.txt").write_text(token)
print(token)

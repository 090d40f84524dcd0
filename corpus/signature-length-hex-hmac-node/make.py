"""An HS256 token whose signature is the base64url of a hex string, made with Node.

The Stack Overflow question this reproduces hand-builds a JWT in JavaScript and
signs with a helper that returns the HMAC as hex text (js-sha256's
`sha256.hmac()`), then base64url-encodes that text: the signature segment is
86 characters where jwt.io's is 43, and every verifier says "invalid
signature". Node's `crypto.createHmac(...).digest('hex')` returns the same hex
text, so the script below uses it. The secret is random and thrown away; the
clock is pinned (NOW).
"""

import subprocess
from pathlib import Path

here = Path(__file__).parent
NOW = 1763388000  # 2025-11-17T14:00:00Z

SCRIPT = r"""
const crypto = require('crypto');
const now = Number(process.argv[1]);
function base64url(input) {
  return Buffer.from(typeof input === 'string' ? input : JSON.stringify(input)).toString('base64')
    .replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}
const secret = crypto.randomBytes(32);
const header = { alg: 'HS256', typ: 'JWT' };
const payload = { sub: 'user_8812', name: 'Ada Lovelace', role: 'editor', iat: now, exp: now + 3600 };
const unsigned = [base64url(header), base64url(payload)].join('.');
const signature = crypto.createHmac('sha256', secret).update(unsigned).digest('hex'); // hex text, not bytes
process.stdout.write([unsigned, base64url(signature)].join('.'));
"""

token = subprocess.run(["node", "-e", SCRIPT, str(NOW)], check=True, capture_output=True, text=True).stdout
(here / "input.txt").write_text(token)
print(token)

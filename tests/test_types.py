"""The package ships py.typed: mypy --strict over jwtlint/ and rules/ (as jwtlint.rules, the way
the wheel lays it out: tools/typecheck.py) reports no error."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is in the test extra; not installed here")
def test_mypy_strict_reports_no_error():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "typecheck.py")], capture_output=True, text=True,
                          timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "0 errors" in done.stdout + done.stderr

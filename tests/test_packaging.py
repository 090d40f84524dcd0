"""The wheel ships every rule module: automatic discovery does not follow the
package-dir mapping of rules/ to jwtlint.rules, and an editable install hides
a missing file."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_contains_every_rule_module(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    (wheel,) = tmp_path.glob("jwtlint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for module in sorted((ROOT / "rules").glob("*.py")):
        assert f"jwtlint/rules/{module.name}" in names, f"{module.name} missing from the wheel"
    for module in sorted((ROOT / "jwtlint").rglob("*.py")):  # every subpackage ships, whole
        shipped = module.relative_to(ROOT).as_posix()
        assert shipped in names, f"{shipped} missing from the wheel"
    assert "jwtlint/py.typed" in names
    for data in sorted((ROOT / "jwtlint" / "data").glob("*")) if (ROOT / "jwtlint" / "data").is_dir() else ():
        assert f"jwtlint/data/{data.name}" in names, f"{data.name} missing from the wheel"
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "jwtlint = jwtlint.testing.pytest_plugin" in text
    assert "builtin = jwtlint.rules:RULES" in text and "jwtlint = jwtlint.cli:main" in text

#!/usr/bin/env bash
# Make a venv with a *wheel* install of the current jwtlint tree (no editable
# finder, .pyc compiled at install), optionally with a given typer, for
# `bench_cli.py --compare-venv DIR`.
#
#   bench/make_compare_venv.sh /tmp/jwtlint-typer028 'typer==0.28.0'   # typer before pydantic (0.29 adds it)
#   bench/make_compare_venv.sh /tmp/jwtlint-wheel                      # what pyproject.toml resolves to
#
# The sources are copied to a temporary directory first, so the build never
# writes build/ or *.egg-info into the repository.
set -euo pipefail
dir="${1:?usage: make_compare_venv.sh DIR [TYPER_SPEC]}"
typer_spec="${2:-}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$here/.."
base="${PYTHON:-$(command -v python3)}"
src="$(mktemp -d)"
trap 'rm -rf "$src"' EXIT
cp -r "$repo/pyproject.toml" "$repo/jwtlint" "$repo/rules" "$src/"
if [[ -f "$repo/README.md" ]]; then cp "$repo/README.md" "$src/"; else touch "$src/README.md"; fi
find "$src" -name __pycache__ -prune -exec rm -rf {} +
rm -rf "$dir"
"$base" -m venv "$dir"
"$dir/bin/pip" install -q --disable-pip-version-check ${typer_spec:+"$typer_spec"} "$src"
"$dir/bin/pip" list --disable-pip-version-check 2>/dev/null | grep -iE '^(jwtlint|typer|pydantic|click) ' || true
echo "made $dir: use bench/bench_cli.py --compare-venv $dir"

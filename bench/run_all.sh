#!/usr/bin/env bash
# Run every jwtlint benchmark in one go: the in-process comparison with PyJWT,
# then the whole-process comparison with npm jwt-cli and `python -c pass`.
#
#   bench/run_all.sh                 # default rounds
#   PYTHON=/path/to/python bench/run_all.sh --quick
#   JWT_CLI=/path/to/jwt bench/run_all.sh
#
# --quick: fewer rounds (a rough figure in about 20 s). Any other argument is
# passed to bench_cli.py (e.g. --compare-venv DIR, --no-hyperfine).
# Output is also written to bench/.cache/latest-run.txt.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
mkdir -p "$here/.cache"
# Everything printed is also kept in bench/.cache/latest-run.txt (gitignored).
exec > >(tee "$here/.cache/latest-run.txt") 2>&1
# The Python that has jwtlint and PyJWT installed: $PYTHON, else the active venv's, else python3.
py="${PYTHON:-$(command -v python || command -v python3)}"
lint_args=(--profile 20)
verify_args=()
cli_args=()
for a in "$@"; do
    if [[ "$a" == "--quick" ]]; then
        lint_args=(--rounds 11 --batch 100)
        verify_args=(--rounds 11 --batch 100 --fails 9)
        cli_args+=(--runs 10 --rounds 1 --importtime-runs 3)
    else
        cli_args+=("$a")
    fi
done
echo "# $(date -u '+%Y-%m-%dT%H:%M:%SZ') on $(uname -srm), $(nproc) CPUs; python: $py"
echo "# jwtlint $("$py" -c 'import jwtlint; print(jwtlint.__version__)') at $(git -C "$here/.." rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$here/.." diff --quiet HEAD -- jwtlint rules 2>/dev/null || echo ' (+ uncommitted changes)')"
"$py" "$here/make_token.py"
echo
"$py" "$here/bench_lint.py" "${lint_args[@]}"
echo
"$py" "$here/bench_verify.py" "${verify_args[@]}"
echo
"$py" "$here/bench_cli.py" "${cli_args[@]}"

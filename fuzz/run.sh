#!/bin/sh
# Run atheris harnesses one after another: fuzz/run.sh SECONDS [NAME...]
# (default: every fuzz/fuzz_*.py). Needs a venv with atheris and jwtlint, see
# fuzz/README.md; PY names its python (default /tmp/fz/bin/python).
# MAXLEN caps the input size libFuzzer grows to (default 4096 bytes: small inputs run
# faster; the hypothesis suite and tests/test_limits.py cover large ones).
# Logs, corpora, crashes and the slowest input of each harness go to fuzz/out/.
set -u
cd "$(dirname "$0")"
PY=${PY:-/tmp/fz/bin/python}
secs=$1; shift
names=${*:-$(ls fuzz_*.py | sed 's/^fuzz_//; s/\.py$//')}
mkdir -p out
for n in $names; do
    mkdir -p "out/$n-corpus" "out/$n-crashes"
    "$PY" "fuzz_$n.py" "out/$n-corpus" seeds -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="${MAXLEN:-4096}" \
        -artifact_prefix="out/$n-crashes/" -print_final_stats=1 > "out/$n.log" 2>&1
    echo "$n: exit $? $(grep -E '^stat::number_of_executed_units' "out/$n.log")  slowest $(cat "out/$n.slowest.txt" 2>/dev/null)"
done

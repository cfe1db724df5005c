#!/usr/bin/env bash
# The Spark job on the samples in local[2], with 4 and 16 partitions and the inputs named in two orders: its
# summary and instances must be those of one `icelens report` over the same logs, byte for byte, and its exit
# status that of `icelens report` (3 when a --fail-if check fails). Needs pyspark (PyPI) and Java 17.
#
#   deploy/spark/test_spark.sh [PATH_TO_ICELENS]
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${1:-$(swift build -c release --show-bin-path)/icelens}"
[ -x "$bin" ] || { echo "test_spark.sh: no icelens binary at $bin (swift build -c release --product icelens)" >&2; exit 2; }
# spark-submit: on the PATH, else the one inside the pyspark package (a fresh pip install may not have put it there).
submit="$(command -v spark-submit || python3 -c 'import os, pyspark; print(os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit"))' 2> /dev/null || true)"
[ -n "$submit" ] && [ -x "$submit" ] || { echo "test_spark.sh: needs spark-submit (pip install pyspark)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

figures() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(json.dumps({k: d[k] for k in ("summary", "instances")}, sort_keys=True))' "$1"
}

"$bin" report --format json samples/logs > "$work/one.json" 2> /dev/null
figures "$work/one.json" > "$work/one.figures"
status=0
run() {
    local name="$1"
    shift
    "$submit" --master 'local[2]' --conf spark.ui.enabled=false deploy/spark/icelens_spark.py --icelens "$bin" \
        "$@" > "$work/$name.json" 2> "$work/$name.err" || { echo "FAIL $name: exit $?"; tail -20 "$work/$name.err"; status=1; return; }
    figures "$work/$name.json" > "$work/$name.figures"
    if cmp -s "$work/one.figures" "$work/$name.figures"; then
        echo "ok   $name: the figures of one icelens report"
    else
        echo "FAIL $name: figures differ from one icelens report"
        diff <(tr ',' '\n' < "$work/one.figures") <(tr ',' '\n' < "$work/$name.figures") | head -20 || true
        status=1
    fi
}
run p4 --partitions 4 --format json samples/logs
run p16 --partitions 16 --format json samples/logs/after samples/logs/before
# A failed check: exit 3, as icelens report.
set +e
"$submit" --master 'local[2]' --conf spark.ui.enabled=false deploy/spark/icelens_spark.py --icelens "$bin" \
    --partitions 3 --fail-if 'success_rate < 0.99' -q samples/logs > /dev/null 2> "$work/fail.err"
code=$?
set -e
if [ "$code" = 3 ]; then echo "ok   --fail-if: exit 3"; else echo "FAIL --fail-if: exit $code"; tail -5 "$work/fail.err"; status=1; fi
exit $status

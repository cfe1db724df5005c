#!/usr/bin/env bash
# The Spark job (deploy/spark) against one icelens report on a generated day of event-dense logs in several gzipped
# files, in local[2] on this machine: wall time of each, the job's stages (map and shuffle, reduce, merge), and
# whether the summary and instances are equal. Needs pyspark (pip install pyspark==3.5.3) and Java 17.
#
#   Benchmarks/spark.sh [--bytes 300M] [--files 6] [--partitions 8] [--seed 7]
set -euo pipefail
cd "$(dirname "$0")/.."

bytes=300M
files=6
partitions=8
seed=7
while [ $# -gt 0 ]; do
    case "$1" in
        --bytes) bytes="$2"; shift 2 ;;
        --files) files="$2"; shift 2 ;;
        --partitions) partitions="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        *) echo "spark.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
submit="$(command -v spark-submit || python3 -c 'import os, pyspark; print(os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit"))')"
swift build -c release --product icelens >&2
swift build -c release --product icelens-loggen >&2
bin="$(swift build -c release --show-bin-path)"
dir="bench-data/spark-$bytes-$files-seed$seed"
if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    "$bin/icelens-loggen" corpus --profile events --bytes "$bytes" --seed "$seed" 2> /dev/null > "$dir/all.log"
    (cd "$dir" && split -n "l/$files" -d --additional-suffix=.log all.log day-2026-03-05-part && rm all.log)
    gzip -n -6 "$dir"/*.log
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/time -f "%e %M" -o "$work/one.time" "$bin/icelens" report --format json "$dir" > "$work/one.json" 2> /dev/null
/usr/bin/time -f "%e %M" -o "$work/spark.time" "$submit" --master 'local[2]' --conf spark.ui.enabled=false \
    --driver-memory 2g deploy/spark/icelens_spark.py --icelens "$bin/icelens" --partitions "$partitions" --timings \
    --format json "$dir" > "$work/spark.json" 2> "$work/spark.err"
equal="$(python3 -c '
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
print("equal" if (a["summary"], a["instances"]) == (b["summary"], b["instances"]) else "DIFFERENT")' "$work/one.json" "$work/spark.json")"
read -r one_s one_kb < "$work/one.time"
read -r spark_s spark_kb < "$work/spark.time"
echo "corpus: $dir ($(du -sh "$dir" | cut -f1) gzipped, $files files), $partitions partitions"
echo "icelens report: $one_s s, $((one_kb / 1024)) MiB"
echo "spark (local[2]): $spark_s s, $((spark_kb / 1024)) MiB; $(grep -o 'icelens_spark: .*' "$work/spark.err" | tail -1)"
echo "summary and instances: $equal"
[ "$equal" = equal ]

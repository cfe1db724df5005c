#!/usr/bin/env bash
# Instructions per line, by line shape, for `icelens events` and `icelens report` (valgrind's callgrind counts
# instructions, not seconds: the figures repeat on noisy machines and show a regression of a few percent).
#
#   Benchmarks/callgrind.sh [--lines 4000] [--seed 7]
#
# Lines of each shape (event or other; text, JSON or logfmt) are cut from an event-dense corpus, and coturn logs of
# each prefix variant are generated, each shape run alone (--no-prefetch, one thread); a run on an empty input is the
# fixed cost taken off.
set -euo pipefail
cd "$(dirname "$0")/.."

n=4000
seed=7
while [ $# -gt 0 ]; do
    case "$1" in
        --lines) n="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "callgrind.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
command -v valgrind > /dev/null || { echo "callgrind.sh: needs valgrind (Debian package 'valgrind')" >&2; exit 2; }

swift build -c release --product icelens >&2
swift build -c release --product icelens-loggen >&2
bin="$(swift build -c release --show-bin-path)"
dir=bench-data/callgrind
mkdir -p "$dir"
corpus="$dir/events-20M-seed$seed.log"
[ -s "$corpus" ] || "$bin/icelens-loggen" corpus --profile events --bytes 20M --seed "$seed" > "$corpus" 2> /dev/null

# Which lines became events, then one file per shape.
"$bin/icelens" events "$corpus" 2> /dev/null | grep -o '"source":"[^"]*"' | sed 's/.*://; s/"$//' > "$dir/events.txt"
rm -f "$dir"/shape-*.log
awk -v dir="$dir" 'NR == FNR { e[$1] = 1; next }
    {
        kind = (FNR in e) ? "event" : "other"
        form = ($0 ~ /^[ \t]*\{/) ? "json" : (($0 ~ /^ts=/ || $0 ~ / level=/) ? "logfmt" : "text")
        print > (dir "/shape-" kind "-" form ".log")
    }' "$dir/events.txt" "$corpus"
: > "$dir/empty.log"

instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$dir/cg.out" "$bin/icelens" "$@" --no-prefetch > /dev/null 2>&1 || true
    grep -E '^(summary|totals):' "$dir/cg.out" | head -1 | awk '{ print $2 }'
}

echo "| line shape | lines | bytes a line | events: instructions a line | report: instructions a line |"
echo "| --- | ---: | ---: | ---: | ---: |"
base_events=$(instructions events "$dir/empty.log")
base_report=$(instructions report "$dir/empty.log")
for shape in "$dir"/shape-*.log; do
    name="$(basename "$shape" .log)"
    name="${name#shape-}"
    head -n "$n" "$shape" > "$dir/slice.log"
    count=$(wc -l < "$dir/slice.log")
    [ "$count" -gt 0 ] || continue
    bytes=$(( $(wc -c < "$dir/slice.log") / count ))
    ev=$(instructions events "$dir/slice.log")
    rp=$(instructions report "$dir/slice.log")
    echo "| $name | $count | $bytes | $(( (ev - base_events) / count )) | $(( (rp - base_report) / count )) |"
done
# coturn logs (TURN sessions, no events), one row a prefix variant.
for prefix in uptime thread iso k8s; do
    "$bin/icelens-loggen" coturn --prefix "$prefix" --bytes 4M --seed "$seed" > "$dir/coturn.log" 2> /dev/null
    head -n "$n" "$dir/coturn.log" > "$dir/slice.log"
    count=$(wc -l < "$dir/slice.log")
    bytes=$(( $(wc -c < "$dir/slice.log") / count ))
    ev=$(instructions events "$dir/slice.log")
    rp=$(instructions report "$dir/slice.log")
    echo "| coturn-$prefix | $count | $bytes | $(( (ev - base_events) / count )) | $(( (rp - base_report) / count )) |"
done
echo
echo "Fixed cost (empty input): events $base_events, report $base_report instructions."

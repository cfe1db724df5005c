#!/usr/bin/env bash
# Benchmarks icelens against `gzip -dc` on generated, gzipped corpora of both shapes users have (noise: ~10% event
# lines among long noise lines; events: ~75% event lines, as a browser WebRTC layer or a signaling server writes;
# coturn: a busy coturn server's log, read into TURN sessions) and writes Benchmarks/results/<UTC date>.md (one
# section a profile).
#
#   Benchmarks/run.sh [--bytes 1000000000] [--seed 7] [--runs 3] [--profile both|all|noise|events|coturn]
#
# Corpora are cached in bench-data/ (gitignored) by profile, size and seed and reused when present.
set -euo pipefail
cd "$(dirname "$0")/.."

bytes=1000000000
seed=7
runs=3
profiles="noise events"
while [ $# -gt 0 ]; do
    case "$1" in
        --profile)
            case "$2" in both) profiles="noise events" ;; all) profiles="noise events coturn" ;; *) profiles="$2" ;; esac
            shift 2 ;;
        --bytes) bytes="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done
invocation="Benchmarks/run.sh --bytes $bytes --seed $seed --runs $runs --profile ${profiles// /+}"

if [ ! -x /usr/bin/time ]; then
    echo "run.sh: installing GNU time (Debian package 'time')" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >&2
fi

echo "run.sh: building release" >&2
# One product per call: `swift build` honours only the last --product it is given.
swift build -c release --product icelens >&2
swift build -c release --product icelens-loggen >&2
bin="$(swift build -c release --show-bin-path)"

sections=()
bench_profile() {
profile="$1"
corpus="bench-data/corpus-${profile}-${bytes}-seed${seed}.log.gz"
meta="${corpus%.log.gz}.meta"
if [ -s "$corpus" ] && [ -s "$meta" ]; then
    echo "run.sh: reusing $corpus" >&2
else
    plain="${corpus%.gz}"
    echo "run.sh: generating $plain" >&2
    gen_start=$(date +%s.%N)
    if [ "$profile" = coturn ]; then
        "$bin/icelens-loggen" coturn --bytes "$bytes" --seed "$seed" > "$plain" 2> "bench-data/loggen.stderr"
    else
        "$bin/icelens-loggen" corpus --profile "$profile" --bytes "$bytes" --seed "$seed" > "$plain" 2> "bench-data/loggen.stderr"
    fi
    gen_end=$(date +%s.%N)
    echo "run.sh: gzip -n -6" >&2
    gzip -n -6 -f "$plain"
    gz_end=$(date +%s.%N)
    {
        echo "uncompressed_bytes=$(gzip -dc "$corpus" | wc -c)"
        echo "lines=$(gzip -dc "$corpus" | wc -l)"
        echo "compressed_bytes=$(stat -c %s "$corpus")"
        echo "generate_s=$(awk -v a="$gen_start" -v b="$gen_end" 'BEGIN { printf "%.2f", b - a }')"
        echo "gzip_s=$(awk -v a="$gen_end" -v b="$gz_end" 'BEGIN { printf "%.2f", b - a }')"
    } > "$meta"
fi
# shellcheck disable=SC1090
. "$meta"

# Prints "<best wall s> <peak RSS KiB of that run>" for a command whose stdout goes to /dev/null, or "fail".
best_of() {
    local best="" rss="" t
    t="$(mktemp)"
    for _ in $(seq "$runs"); do
        if ! /usr/bin/time -f '%e %M' -o "$t" "$@" > /dev/null 2> "$t.err"; then
            rm -f "$t" "$t.err"
            echo fail
            return
        fi
        read -r wall kib < <(tail -1 "$t")
        if [ -z "$best" ] || [ "$(echo "$wall < $best" | bc)" = 1 ]; then best="$wall"; rss="$kib"; fi
    done
    rm -f "$t" "$t.err"
    echo "$best $rss"
}

# True when the icelens binary has subcommand $1 (its --help shows a usage) and it runs on a small sample.
supports() {
    local help
    help="$("$bin/icelens" "$1" --help 2>&1)" || return 1
    grep -qi "usage" <<< "$help" || return 1
    "$bin/icelens" "$1" samples/logs/after/server/signaling.log.gz > /dev/null 2>&1
}

mb=$(echo "scale=1; $uncompressed_bytes / 1000000" | bc)
rows=()
gzip_wall=""
# ISA-L rows when this machine can decode with it (Debian libisal2; the build needs libisal-dev).
names=("gzip -dc" "icelens events" "icelens report" "icelens report --format json")
if [ "$profile" = coturn ]; then
    # A coturn log makes TURN sessions, no events: the report and the session list are what read it.
    names=("gzip -dc" "icelens report" "icelens report --format json" "icelens sessions --format ndjson")
elif "$bin/icelens" events --gzip-decoder isal samples/logs/after/server/signaling.log.gz > /dev/null 2>&1; then
    names+=("icelens events --gzip-decoder isal" "icelens report --gzip-decoder isal"
        "icelens report --format json --gzip-decoder isal")
fi
for name in "${names[@]}"; do
    # shellcheck disable=SC2206
    words=(${name#icelens })
    case "$name" in
        "gzip -dc") cmd=(gzip -dc "$corpus") ;;
        *) cmd=("$bin/icelens" "${words[@]}" "$corpus") ;;
    esac
    sub="${name#icelens }"
    if [ "$name" != "gzip -dc" ] && ! supports "${sub%% *}"; then
        rows+=("| \`$name\` | not available | | | | |")
        continue
    fi
    echo "run.sh: timing $name (best of $runs)" >&2
    result="$(best_of "${cmd[@]}")"
    if [ "$result" = fail ]; then
        rows+=("| \`$name\` | failed (non-zero exit) | | | | |")
        continue
    fi
    read -r wall kib <<< "$result"
    [ "$name" = "gzip -dc" ] && gzip_wall="$wall"
    # Guard against a 0.00 s reading on tiny corpora.
    safe_wall=$(echo "if ($wall < 0.01) 0.01 else $wall" | bc)
    mbps=$(echo "scale=1; $uncompressed_bytes / 1000000 / $safe_wall" | bc)
    lps=$(echo "scale=0; $lines / $safe_wall" | bc)
    rss=$(echo "scale=1; $kib / 1024" | bc)
    ratio=$(echo "scale=2; $gzip_wall / $safe_wall" | bc)
    rows+=("| \`$name\` | $wall | $mbps | $lps | $rss | ${ratio}x |")
done

recognised=$("$bin/icelens" events --stats "$corpus" 2>&1 >/dev/null | grep -o '= [0-9,]* recognised' | tr -dc 0-9)
section="$(
    echo "## Profile \`$profile\`"
    echo
    echo "- corpus: \`$corpus\`, $uncompressed_bytes bytes uncompressed ($mb MB), $lines lines ($recognised recognised), $compressed_bytes bytes gzipped (gzip -n -6), seed $seed"
    echo "- corpus generation (release): ${generate_s} s for the plain log, ${gzip_s} s for gzip -n -6"
    echo
    echo "| command | wall s | MB/s | lines/s | peak RSS MiB | vs gzip -dc |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
)"
sections+=("$section")
}

mkdir -p bench-data
for p in $profiles; do bench_profile "$p"; done

date_utc="$(date -u +%Y-%m-%d)"
out="Benchmarks/results/$date_utc.md"
n=2
while [ -e "$out" ]; do out="Benchmarks/results/$date_utc-$n.md"; n=$((n + 1)); done
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
{
    echo "# icelens benchmark, $date_utc"
    echo
    echo "- command: \`$invocation\`"
    echo "- machine: $(nproc) cores, $cpu, $(uname -sr)"
    echo "- toolchain: $(swift --version 2>/dev/null | head -1)"
    echo "- each row: best wall time of $runs runs, stdout to /dev/null, peak RSS of that run (GNU time %e %M);"
    echo "  MB/s and lines/s are of uncompressed input; \"vs gzip -dc\" is gzip's wall time divided by the row's"
    for section in "${sections[@]}"; do
        echo
        echo "$section"
    done
} > "$out"
cat "$out"
echo "run.sh: wrote $out" >&2

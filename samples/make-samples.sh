#!/usr/bin/env bash
# Regenerates the before/after sample logs from a fixed seed. Byte-identical on every run (gzip -n keeps names and
# times out of the headers). `--check` regenerates into a temporary folder and compares with the committed files.
set -euo pipefail
cd "$(dirname "$0")/.."

seed=42
check=0
if [ "${1:-}" = "--check" ]; then check=1; fi

swift build --product icelens-loggen >&2
bin="$(swift build --product icelens-loggen --show-bin-path)/icelens-loggen"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
plain="$tmp/plain"
out="$tmp/samples"
mkdir -p "$plain" "$out"

"$bin" samples --out "$plain" --seed "$seed" > "$out/expected-figures.txt"

for day in before after; do
    mkdir -p "$out/logs/$day/server"
    gzip -n -9 -c "$plain/$day/browser-guides.log" > "$out/logs/$day/browser-guides.log.gz"
    # browser-attendees.log.gz is a multi-member gzip: its two halves compressed separately, then concatenated.
    attendees="$plain/$day/browser-attendees.log"
    half=$(( $(wc -l < "$attendees") / 2 ))
    {
        head -n "$half" "$attendees" | gzip -n -9 -c
        tail -n +"$((half + 1))" "$attendees" | gzip -n -9 -c
    } > "$out/logs/$day/browser-attendees.log.gz"
    gzip -n -9 -c "$plain/$day/server/signaling.log" > "$out/logs/$day/server/signaling.log.gz"
done

files=(expected-figures.txt
    logs/before/browser-guides.log.gz logs/before/browser-attendees.log.gz logs/before/server/signaling.log.gz
    logs/after/browser-guides.log.gz logs/after/browser-attendees.log.gz logs/after/server/signaling.log.gz)

if [ "$check" = 1 ]; then
    status=0
    for f in "${files[@]}"; do
        if cmp -s "$out/$f" "samples/$f"; then echo "same     samples/$f"; else echo "DIFFERS  samples/$f"; status=1; fi
    done
    exit "$status"
fi

for f in "${files[@]}"; do
    mkdir -p "samples/$(dirname "$f")"
    cp "$out/$f" "samples/$f"
done
(cd samples && sha256sum "${files[@]}" && du -cb "${files[@]}" | tail -1)

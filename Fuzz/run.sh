#!/usr/bin/env bash
# Builds the libFuzzer target (instrumented with address sanitizer) and fuzzes icelens's byte paths for a bounded
# time. Fails on a crash, a sanitizer report, a broken line accounting, or an input slower than the timeout.
#
#   Fuzz/run.sh            # 60 s, as CI runs it
#   Fuzz/run.sh 3600       # a long run; findings land in .build-fuzz/findings/
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-60}"
ICELENS_FUZZ=1 swift build -c release --product icelens-fuzz --scratch-path .build-fuzz >&2
bin=.build-fuzz/release/icelens-fuzz

# Seeds: the SPEC's specimen lines, the gzip fixtures of the tests (plain, multi-member, truncated, corrupt,
# padded, garbage), the dump fixtures, and the first lines of each sample log, plain and gzipped.
seeds=.build-fuzz/seeds
work=.build-fuzz/corpus
findings=.build-fuzz/findings
mkdir -p "$seeds" "$work" "$findings"
cp Fuzz/seeds/* Tests/IcelensCoreTests/Fixtures/gz/*.gz "$seeds"/
# The dump fixtures (webrtc-internals, rtcstats, Xirsys): the document and rtcstats sources.
for f in Tests/IcelensCoreTests/Fixtures/dumps/*; do cp "$f" "$seeds/dump_$(basename "$f")"; done
# The coturn fixtures: every prefix variant (the coturn source).
for f in Tests/IcelensCoreTests/Fixtures/coturn/*; do cp "$f" "$seeds/coturn_$(basename "$f")"; done
for f in samples/logs/*/*.gz samples/logs/*/server/*.gz; do
    name=$(echo "$f" | tr '/' '_')
    # head closes the pipe early: zcat's SIGPIPE is expected, not a failure.
    { zcat "$f" || true; } | head -c 4000 > "$seeds/$name.head.log"
    gzip -n -c "$seeds/$name.head.log" > "$seeds/$name.head.gz"
done

# -timeout: an input slower than 2 s is a finding (the quadratic turn: scan took 8.9 s on 320 KB).
"$bin" -max_total_time="$seconds" -timeout=2 -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$findings/" "$work" "$seeds"

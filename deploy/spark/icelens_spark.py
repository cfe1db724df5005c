#!/usr/bin/env python3
"""icelens on Apache Spark: the report of `icelens report` over more logs than one machine reads.

    spark-submit [spark options] deploy/spark/icelens_spark.py --icelens PATH_TO_BINARY --partitions N \
        [report options: --format, --timeout, --since, --until, --fail-if, ...] PATHS...

A tour's lines are spread over several files (the guide's browser, the attendees', the server), so files are not
analysed alone:

1. map: each input file -> its events (`icelens events`: one JSON line an event, with its origin), keyed by tour;
2. shuffle: partitioned by tour (CRC-32 of the tour id), so a tour's events meet in one partition;
3. reduce: each partition -> `icelens report --snapshot` over its events, one events file per original input;
4. merge: `icelens merge` of the partition snapshots on the driver -> the report, in any --format, with the exit
   status `icelens report` would have (3 when a --fail-if check fails).

The summary and instances are those of one `icelens report` over all the logs, whatever the partitioning (tested
in CI); like any merge, the report lists no tour and no flagged connection (each partition's snapshot counts them). The `inputs` accounting names each partition's events files, not the original logs. TURN sessions of
coturn logs and the detail of browser dumps are not carried by events: read those on one machine.
"""

import os
import shutil
import time
import subprocess
import sys
import tempfile
import zlib

# Options of `icelens report`, by the step that takes them.
MAP_VALUE = {"--origin", "--rules", "--max-line-length", "--max-document-size", "--gzip-decoder"}
REDUCE_VALUE = {"--tour", "--peer", "--instance", "--since", "--until", "--timeout", "--idle-window"}
REDUCE_FLAG = {"--flagged"}
MERGE_VALUE = {"--format", "-o", "--output", "--fail-if", "--color", "--snapshot"}
MERGE_FLAG = {"--compact", "-q", "--quiet"}
JOB_FLAG = {"--timings"}

USAGE = """usage: spark-submit [spark options] icelens_spark.py --icelens PATH --partitions N [report options] PATHS...

  --icelens PATH     the icelens binary, built for the executors' OS (shipped to them with the job)
  --partitions N     how many partitions (reduce tasks) the tours are spread over (default 16)
  report options     as `icelens report`: --format, -o, --fail-if, --since, --until, --timeout, --tour, --peer,
                     --instance, --flagged, --idle-window, --origin, --rules, --compact, -q
  --timings          also write each stage's wall time (map and shuffle, reduce, merge) on standard error
  PATHS              files, directories (read recursively) or globs, on any filesystem Spark reads (file:, hdfs:,
                     s3a:, ...); gzip is read by icelens, one task a file"""


class Arguments:
    def __init__(self, argv):
        self.icelens = None
        self.partitions = 16
        self.map_args, self.reduce_args, self.merge_args, self.paths = [], [], [], []
        self.rules = None
        self.timings = False
        i = 0
        while i < len(argv):
            a = argv[i]
            name, _, inline = a.partition("=") if a.startswith("--") else (a, "", "")
            takes = name in MAP_VALUE | REDUCE_VALUE | MERGE_VALUE | {"--icelens", "--partitions"}
            if takes:
                if inline:
                    value = inline
                else:
                    if i + 1 >= len(argv):
                        fail(f"{name} needs a value")
                    i += 1
                    value = argv[i]
                if name == "--icelens":
                    self.icelens = value
                elif name == "--partitions":
                    if not value.isdigit() or int(value) < 1:
                        fail(f"--partitions needs a whole number of 1 or more, got '{value}'")
                    self.partitions = int(value)
                elif name == "--rules":
                    self.rules = value
                elif name in MAP_VALUE:
                    self.map_args += [name, value]
                elif name in REDUCE_VALUE:
                    if name in ("--since", "--until") and value.startswith("-"):
                        # A relative window counts back from the newest line read: each partition's own.
                        fail(f"{name} {value}: a relative time is relative to the newest line each partition reads; "
                             "give a date or a time (2026-03-01, 2026-03-01T08:00:00Z)")
                    self.reduce_args += [name, value]
                else:
                    self.merge_args += [name, value]
            elif a in JOB_FLAG:
                self.timings = True
            elif a in REDUCE_FLAG:
                self.reduce_args.append(a)
            elif a in MERGE_FLAG:
                self.merge_args.append(a)
            elif a in ("-h", "--help"):
                print(USAGE)
                sys.exit(0)
            elif a.startswith("-") and a != "-":
                fail(f"unknown option '{a}'")
            else:
                self.paths.append(a)
            i += 1
        if not self.icelens:
            fail("--icelens PATH is required (the icelens binary for the executors)")
        if not os.access(self.icelens, os.X_OK):
            fail(f"--icelens {self.icelens}: not an executable file")
        if not self.paths:
            fail("no PATHS: give the logs to read (standard input is not read on a cluster)")


def fail(message):
    write_stderr(f"icelens_spark: {message}\n\n{USAGE}\n".encode())
    sys.exit(64)


# The JVM of spark-submit, once the job has started (py4j): its standard error is spark-submit's.
_jvm = None


def write_stderr(data):
    """Writes to standard error. spark-submit joins a Python driver's standard error to its standard output, so the
    driver writes through the JVM's own `System.err` (spark-submit's standard error) once the job has started: the
    report stays alone on standard output, as `icelens report` keeps it."""
    if not data:
        return
    text = data.decode("utf-8", errors="replace")
    if _jvm is not None:
        try:
            _jvm.System.err.print(text)
            _jvm.System.err.flush()
            return
        except Exception:
            pass
    sys.stderr.write(text)
    sys.stderr.flush()


def local_name(path):
    """A relative file name that keeps the original path's folders (its `server` folder marks server-side logs)."""
    for prefix in ("file://", "file:"):
        if path.startswith(prefix):
            path = path[len(prefix):]
            break
    else:
        if "://" in path:
            path = path.split("://", 1)[1]
    return path.lstrip("/") or "input"


def executable(name):
    from pyspark import SparkFiles

    path = SparkFiles.get(name)
    if not os.access(path, os.X_OK):
        os.chmod(path, 0o755)
    return path


def tour_of(line):
    """The tour of an event line of `icelens events`, as written (JSON-escaped bytes: the same for every line of a
    tour), else b"" (events of no tour)."""
    start = line.find(b'"tour":"')
    if start < 0:
        return b""
    start += 8
    end = start
    while True:
        end = line.find(b'"', end)
        if end < 0:
            return b""
        if line[end - 1] != 0x5C or line[start:end].endswith(b"\\\\"):
            return line[start:end]
        end += 1


def tour_partition(partitions):
    return lambda tour: zlib.crc32(tour) % partitions


def main(argv):
    args = Arguments(argv)
    from pyspark.sql import SparkSession

    from pyspark import SparkConf

    builder = SparkSession.builder.appName("icelens")
    # One task a file (gzip cannot be split, and a file is small next to a task's cost): binaryFiles would pack
    # files into splits of up to spark.files.maxPartitionBytes (128 MiB).
    if not SparkConf().contains("spark.files.maxPartitionBytes"):
        builder = builder.config("spark.files.maxPartitionBytes", "1")
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    global _jvm
    _jvm = sc._jvm
    sc._jsc.hadoopConfiguration().set("mapreduce.input.fileinputformat.input.dir.recursive", "true")
    binary = os.path.basename(args.icelens)
    sc.addFile(os.path.abspath(args.icelens))
    map_args = list(args.map_args)
    rules = None
    if args.rules:
        sc.addFile(os.path.abspath(args.rules))
        rules = os.path.basename(args.rules)
    reduce_args = list(args.reduce_args)
    partitions = args.partitions

    def events_of(record):
        """map: one input file -> (tour, (input, line number, event line)) for each of its events."""
        path, data = record
        exe = executable(binary)
        extra = ["--rules", executable(rules)] if rules else []
        with tempfile.TemporaryDirectory(prefix="icelens-map-") as work:
            local = os.path.join(work, local_name(path))
            os.makedirs(os.path.dirname(local), exist_ok=True)
            with open(local, "wb") as f:
                f.write(data)
            run = subprocess.run([exe, "events", *map_args, *extra, local], capture_output=True)
            if run.returncode != 0:
                raise RuntimeError(f"icelens events {path}: {run.stderr.decode(errors='replace')}")
            for number, line in enumerate(run.stdout.splitlines()):
                yield tour_of(line), (path, number, line)

    def snapshot_of(index, items):
        """reduce: the events of a partition's tours -> one snapshot (text), one events file per original input."""
        by_input = {}
        for _, (path, number, line) in items:
            by_input.setdefault(path, []).append((number, line))
        if not by_input:
            return
        exe = executable(binary)
        with tempfile.TemporaryDirectory(prefix="icelens-reduce-") as work:
            files = []
            for path in sorted(by_input):
                local = os.path.join(work, f"partition-{index}", local_name(path) + ".events.ndjson")
                os.makedirs(os.path.dirname(local), exist_ok=True)
                with open(local, "wb") as f:
                    for _, line in sorted(by_input[path]):
                        f.write(line + b"\n")
                files.append(local)
            snap = os.path.join(work, "partition.snap")
            run = subprocess.run(
                [exe, "report", "-q", "-o", os.devnull, "--snapshot", snap, *reduce_args, *files], capture_output=True
            )
            if run.returncode not in (0, 3):
                raise RuntimeError(f"icelens report (partition {index}): {run.stderr.decode(errors='replace')}")
            with open(snap, "rb") as f:
                yield f.read()

    started = time.monotonic()
    events = None
    try:
        inputs = sc.binaryFiles(",".join(args.paths))
        keyed = inputs.flatMap(events_of).partitionBy(partitions, tour_partition(partitions))
        if args.timings:
            # The shuffle's files are written by this count: the reduce then reads them (no second map).
            events = keyed.count()
        shuffled = time.monotonic()
        snapshots = keyed.mapPartitionsWithIndex(snapshot_of).collect()
        reduced = time.monotonic()
    except Exception as error:  # a path that does not exist, a task that failed: said in a line, exit 1
        lines = [line for line in str(error).splitlines() if line.strip()]
        reason = next((line for line in lines if "Exception:" in line or "Error:" in line), lines[0] if lines else "")
        write_stderr(f"icelens_spark: the job failed: {reason.strip()[:500]}\n".encode())
        spark.stop()
        return 1
    spark.stop()

    work = tempfile.mkdtemp(prefix="icelens-merge-")
    try:
        names = []
        for i, text in enumerate(snapshots):
            name = os.path.join(work, f"partition-{i:05d}.snap")
            with open(name, "wb") as f:
                f.write(text)
            names.append(name)
        if not names:
            # No event at all: the report of nothing, as `icelens report` gives it (no tours, exit 0).
            empty = os.path.join(work, "empty.snap")
            nothing = os.path.join(work, "no-events.log")
            open(nothing, "wb").close()
            subprocess.run(
                [args.icelens, "report", "-q", "-o", os.devnull, "--snapshot", empty, *args.reduce_args, nothing],
                capture_output=True,
            )
            names.append(empty)
        merged = subprocess.run([args.icelens, "merge", *args.merge_args, *names], capture_output=True)
        sys.stdout.buffer.write(merged.stdout)
        sys.stdout.flush()
        write_stderr(merged.stderr)
        if args.timings:
            write_stderr(
                f"icelens_spark: {len(names)} snapshots of {partitions} partitions, {events} events; map and shuffle "
                f"{shuffled - started:.1f} s, reduce {reduced - shuffled:.1f} s, merge {time.monotonic() - reduced:.1f} s\n"
                .encode()
            )
        return merged.returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

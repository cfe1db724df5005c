#!/usr/bin/env python3
"""Makes the gzip fixtures for GzipDecodingTests. Deterministic: run it again and nothing changes.

Usage: python3 make-fixtures.py   (from anywhere; writes next to this script)
"""
import gzip
import os
import random

here = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(here, name), "wb") as f:
        f.write(data)


def gz(data):
    # mtime=0 and no file name: byte-identical output on every run; the header is exactly 10 bytes.
    return gzip.compress(data, compresslevel=6, mtime=0)


def log_lines(count, seed):
    rng = random.Random(seed)
    roles = ["guide", "attendee", "server"]
    msgs = [
        "Fetched ICE servers from API: turn:fr-turn{n}.xirsys.com:80?transport=udp",
        "iceConnectionState changed: {state}",
        "Received ice-server-config from guide: turn:fr-turn{n}.xirsys.com:80?transport=udp",
        "Sent ice-server-config to attendees (instance fr-turn{n}.xirsys.com)",
        "Selected candidate pair: relay via turn:fr-turn{n}.xirsys.com:3478?transport=udp",
    ]
    states = ["checking", "connected", "failed", "new"]
    out = []
    for i in range(count):
        msg = rng.choice(msgs).format(n=rng.randint(1, 9), state=rng.choice(states))
        out.append(
            "2026-03-02T10:%02d:%02d.%03dZ [%s] [tour:t-%06x] [peer:a-%d] %s"
            % (i // 60 % 60, i % 60, rng.randint(0, 999), rng.choice(roles), rng.getrandbits(24), rng.randint(1, 99), msg)
        )
    return ("\n".join(out) + "\n").encode()


small = log_lines(40, seed=1)  # ~4 KB
large = log_lines(300, seed=2)  # ~39 KB, compresses to ~5 KB
write("small.log", small)
write("large.log", large)

single = gz(small)
write("single.gz", single)

third = len(small) // 3
write("multi.gz", gz(small[:third]) + gz(small[third : 2 * third]) + gz(small[2 * third :]))

write("padded.gz", single + b"\0" * 1024)

large_gz = gz(large)
write("truncated.gz", large_gz[: len(large_gz) * 6 // 10])

# corrupt.gz: a whole member (single.gz), then a member of large.log whose first deflate byte gets block type
# 11 (reserved): zlib stops with "invalid block type" before decoding any of it.
bad = bytearray(gz(large))
bad[10] |= 0x06
write("corrupt.gz", single + bytes(bad))

# corrupt-mid.gz: large.log with bytes flipped in the middle of the deflate data (caught by zlib or the CRC).
mid = bytearray(large_gz)
for i in range(len(mid) // 2, len(mid) // 2 + 8):
    mid[i] ^= 0xA5
write("corrupt-mid.gz", bytes(mid))

write("garbage.gz", single + b"this is not gzip\n")
write("empty.log", b"")
write("empty-member.gz", gz(b""))
write("empty-then-data.gz", gz(b"") + single)

/// `icelens-loggen coturn`: one coturn server's log of about `targetBytes` bytes on standard output, for the
/// benchmarks of the coturn reader (docs/formats.md "coturn logs"). Sessions overlap as on a busy server (about
/// `openSessions` open at once): TURN allocations (a 401 challenge, the relay address, `new`, permissions and channel
/// binds to several peers, usage and peer usage deltas every five minutes, refreshes, then a deallocation or an
/// allocation timeout), STUN-only binding sessions closed by the watchdog, failed allocations, and a few server
/// errors that name no session. Lines come out in time order in one of coturn's prefix variants.
struct CoturnCommand {
    /// coturn's line prefixes the generator writes.
    enum Prefix: String {
        /// 4.5: `1204: msg`.
        case uptime
        /// 4.6.2-4.16: `1204: (31455): INFO: msg`.
        case thread
        /// 4.17+: `2026-03-05T06:20:04.118+0000 INFO msg`.
        case iso
        /// Kubernetes CRI around 4.6: `2026-03-05T06:20:04.118000000Z stdout F 1204: (31455): INFO: msg`.
        case k8s
    }

    let targetBytes: Int
    let seed: UInt64
    var prefix: Prefix = .thread
    /// Sessions open at once, about.
    var openSessions = 400

    /// One pending line: when, a tie-break, and its message (after the prefix).
    private struct Line {
        var ms: Int64
        var seq: Int
        var level: StaticString
        var isError: Bool
        var text: String
    }

    /// Writes the log to `sink` and a one-line summary to `log`; returns the process exit status.
    func run(sink: ByteSink, log: (String) -> Void) -> Int32 {
        var rng = Xoshiro256(seed: seed)
        let startMs = CivilTime.epochMs(year: 2026, month: 3, day: 5)
        var pending: [Line] = []  // a min-heap by (ms, seq)
        var seq = 0
        var sessions = 0
        func push(_ ms: Int64, _ text: String, level: StaticString = "INFO") {
            seq += 1
            let isError = level.withUTF8Buffer { $0.elementsEqual("ERROR".utf8) }
            pending.append(Line(ms: ms, seq: seq, level: level, isError: isError, text: text))
            var i = pending.count - 1
            while i > 0 {
                let p = (i - 1) / 2
                guard Self.before(pending[i], pending[p]) else { break }
                pending.swapAt(i, p)
                i = p
            }
        }
        func pop() -> Line {
            let top = pending[0]
            let last = pending.removeLast()
            if !pending.isEmpty {
                pending[0] = last
                var i = 0
                while true {
                    let l = 2 * i + 1
                    guard l < pending.count else { break }
                    var m = l
                    if l + 1 < pending.count, Self.before(pending[l + 1], pending[l]) { m = l + 1 }
                    guard Self.before(pending[m], pending[i]) else { break }
                    pending.swapAt(i, m)
                    i = m
                }
            }
            return top
        }
        push(startMs, "Coturn Version Coturn-4.6.2 'Gorst'")
        push(startMs, "Relay address to use: 10.0.0.4")
        push(startMs, "Listener address to use: 10.0.0.4")
        // Mean session length ~20 min: a new session every 20 min / openSessions.
        let gapMs = max(Int64(20 * 60_000 / openSessions), 1)
        var clock = startMs + 1_000
        while sink.bytesWritten < targetBytes, !sink.failed {
            sessions += 1
            session(number: sessions, at: clock, rng: &rng, push: push)
            clock += rng.range64(1, 2 * gapMs)
            while let first = pending.first, first.ms <= clock, sink.bytesWritten < targetBytes {
                write(pop(), startMs: startMs, to: sink)
            }
        }
        sink.finish()
        log(
            "icelens-loggen coturn: \(sink.bytesWritten) bytes, \(sink.linesWritten) lines, \(sessions) sessions "
                + "started, prefix \(prefix.rawValue), seed \(seed)")
        return sink.failed ? 1 : 0
    }

    private static func before(_ a: Line, _ b: Line) -> Bool { a.ms != b.ms ? a.ms < b.ms : a.seq < b.seq }

    /// Pushes every line of session `number`, starting at `t`.
    private func session(
        number: Int, at t: Int64, rng: inout Xoshiro256, push: (Int64, String, StaticString) -> Void
    ) {
        let id = "00\(number % 8)" + String(repeating: "0", count: 15 - String(number).count) + String(number)
        let realm = "tours.example"
        let expiry = t / 1000 + 86_400
        let user = "\(expiry):a-\(number % 97)@t-\(number / 13)"
        let client = "203.0.\(113 + number % 3).\(1 + number % 250):\(40_000 + number % 20_000)"
        let roll = rng.below(100)
        func say(_ ms: Int64, _ text: String) { push(ms, "session \(id): " + text, "INFO") }
        func usage(_ ms: Int64, _ name: String) {
            let rp = rng.range(1, 3_000)
            let sp = rng.range(1, 3_000)
            say(
                ms,
                "\(name): realm=<\(realm)>, username=<\(user)>, rp=\(rp), rb=\(rp * rng.range(90, 1_100)), "
                    + "sp=\(sp), sb=\(sp * rng.range(90, 1_100))")
        }
        func close(_ ms: Int64, reason: String, user: String) {
            say(
                ms,
                "closed (2nd stage), user <\(user)> realm <\(realm)> origin <>, local 10.0.0.4:3478, "
                    + "remote \(client), reason: \(reason)")
        }
        if roll < 25 {
            // STUN-only: binding requests, then the watchdog closes it.
            var ms = t
            for _ in 0..<rng.range(1, 4) {
                say(ms, "realm <\(realm)> user <>: incoming packet BINDING processed, success")
                ms += rng.range64(200, 20_000)
            }
            say(ms + 60_000, "usage: realm=<\(realm)>, username=<>, rp=1, rb=20, sp=1, sb=88")
            close(ms + 60_000, reason: "allocation watchdog determined stale session state", user: "")
            return
        }
        say(t, "realm <\(realm)> user <>: incoming packet message processed, error 401: Unauthorized")
        if roll < 30 {
            // Wrong credentials: the allocation fails and the client goes away.
            say(
                t + 40,
                "realm <\(realm)> user <\(user)>: incoming packet ALLOCATE processed, error 441: Wrong credentials")
            say(
                t + 40,
                "realm <\(realm)> user <\(user)>: incoming packet message processed, error 441: Wrong credentials")
            close(t + 30_000, reason: "allocation watchdog determined stale session state", user: user)
            return
        }
        let relay = "10.0.0.4:\(49_152 + rng.below(16_000))"
        push(t + 40, "IPv4. Local relay addr: " + relay, "INFO")
        say(t + 40, "new, realm=<\(realm)>, username=<\(user)>, lifetime=600")
        say(t + 40, "realm <\(realm)> user <\(user)>: incoming packet ALLOCATE processed, success")
        let peers = (0..<rng.range(1, 3)).map { _ in "198.51.100.\(rng.range(1, 254))" }
        var ms = t + 300
        for peer in peers {
            say(ms, "peer \(peer) lifetime updated: 300")
            say(ms, "realm <\(realm)> user <\(user)>: incoming packet CREATE_PERMISSION processed, success")
            if rng.chance(0.5) {
                say(ms + 20, "realm <\(realm)> user <\(user)>: incoming packet CHANNEL_BIND processed, success")
            }
            ms += rng.range64(10, 400)
        }
        let lengthMs = rng.range64(60_000, 40 * 60_000)
        var next = t + 300_000
        var refresh = t + 540_000
        while next < t + lengthMs || refresh < t + lengthMs {
            if refresh <= next {
                say(refresh, "refreshed, realm=<\(realm)>, username=<\(user)>, lifetime=600")
                say(refresh, "realm <\(realm)> user <\(user)>: incoming packet REFRESH processed, success")
                for peer in peers { say(refresh + 5, "peer \(peer) lifetime updated: 300") }
                refresh += 540_000
            } else {
                usage(next, "usage")
                usage(next, "peer usage")
                next += 300_000
            }
        }
        let end = t + lengthMs
        if rng.chance(0.7) {
            say(end, "refreshed, realm=<\(realm)>, username=<\(user)>, lifetime=0")
            say(end, "realm <\(realm)> user <\(user)>: incoming packet REFRESH processed, success")
        }
        usage(end + 1, "usage")
        usage(end + 1, "peer usage")
        close(end + 1, reason: "allocation timeout", user: user)
        say(end + 1, "delete: realm=<\(realm)>, username=<\(user)>")
        for peer in peers { say(end + 1, "peer \(peer) deleted") }
        if number % 500 == 0 {
            push(end + 2, "A peer IP 169.254.10.7 denied in the range: 169.254.0.0-169.254.255.255", "ERROR")
        }
    }

    /// Writes one line with the chosen prefix.
    private func write(_ line: Line, startMs: Int64, to sink: ByteSink) {
        let uptime = (line.ms - startMs) / 1000
        switch prefix {
        case .uptime:
            sink.int(uptime)
            sink.raw(": ")
            if line.isError { sink.raw("ERROR: ") }  // 4.5 writes no level but an error's
        case .thread:
            sink.int(uptime)
            sink.raw(": (31455): ")
            sink.raw(line.level)
            sink.raw(": ")
        case .iso:
            sink.iso(line.ms, zone: "+0000 ")
            sink.raw(line.level)
            sink.byte(0x20)
        case .k8s:
            sink.iso(line.ms)
            sink.raw(" stdout F ")
            sink.int(uptime)
            sink.raw(": (31455): ")
            sink.raw(line.level)
            sink.raw(": ")
        }
        sink.text(line.text)
        sink.newline()
    }
}

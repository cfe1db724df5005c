#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The level coturn writes in front of a message.
public enum CoturnLevel: String, Sendable {
    case debug = "DEBUG", info = "INFO", control = "CONTROL", warning = "WARNING", error = "ERROR"
}

/// One coturn log line taken apart: the wrappers around it (a Kubernetes CRI or docker-compose prefix, a syslog
/// header) and coturn's own prefix, in every version (docs/formats.md "coturn logs"):
/// `912: msg` (4.5), `57: : msg` (4.5.2-4.6.1), `881: (31455): INFO: msg` (4.6.2-4.16),
/// `2021-11-01T23:57:03+0300: msg` and `...+0100(343249): INFO: msg` (with a timestamp), `2026-08-05T09:01:44.118+0200
/// INFO msg` and `881 INFO msg` (4.17+). What is left is the message.
public struct CoturnLine: Equatable, Sendable {
    /// The wall-clock time the line carries (coturn's own timestamp, else its wrapper's), ms since the epoch.
    public var timeMs: Int64?
    /// Seconds since the server started, when the prefix is an uptime.
    public var uptimeS: Int64?
    /// The thread id of 4.6.2-4.16 prefixes.
    public var thread: Int64?
    /// The message's level, when written.
    public var level: CoturnLevel?
    /// Where the message starts in the line.
    public var messageStart: Int

    /// The line's parts, or nil when it has no coturn prefix.
    public static func parse(_ line: UnsafeRawBufferPointer) -> CoturnLine? {
        var s = Cursor(line)
        var wrapperTimeMs: Int64?
        // docker-compose: `coturn_1  | 32: session ...`.
        if let bar = s.findBar(), bar > 0 {
            s.at = bar + 3
            s.skipSpaces()
        }
        // Kubernetes CRI (`<RFC3339Nano> stdout F `), docker -t, or rsyslog's ISO header (`<time> host ident[pid]: `).
        if s.looksISO(), let token = s.token() {
            let afterToken = s.at
            s.skipSpaces()
            if s.word("stdout") || s.word("stderr"), s.skipSpaces(), s.word("F") || s.word("P"), s.skipSpaces() {
                wrapperTimeMs = Self.time(token)
            } else if s.startsUptime() {
                wrapperTimeMs = Self.time(token)  // `docker logs -t`: a time in front of coturn's uptime prefix
            } else if !s.startsCoturnPrefix(), s.skipSyslogHostIdent() {
                wrapperTimeMs = Self.time(token)
            } else {
                s.at = afterToken - token.count  // coturn's own timestamp: read below
            }
        } else if s.at < s.bytes.count, s.bytes[s.at] &- 0x41 < 26, s.skipBSDSyslogHeader() {
            // `Jan  7 04:12:55 host turnserver: `: a date without a year, of no use as a time.
        }
        // coturn's prefix: an uptime or a timestamp, then `(tid): `, `: : `, `: ` or ` `, then a level.
        var result = CoturnLine(timeMs: wrapperTimeMs, messageStart: 0)
        let start = s.at
        if s.looksISO() {
            var end = s.at
            while end < s.bytes.count, s.bytes[end] != 0x20, s.bytes[end] != 0x28,
                !(s.bytes[end] == 0x3A && end + 1 < s.bytes.count && s.bytes[end + 1] == 0x20)
            {
                end += 1
            }
            let token = UnsafeRawBufferPointer(rebasing: s.bytes[start..<end])
            guard let ms = Self.time(token) else { return nil }
            result.timeMs = ms
            s.at = end
        } else if let uptime = s.number() {
            result.uptimeS = uptime
        } else {
            return nil
        }
        let colon = !s.peek(0x28) && s.take(": ")
        if s.peek(0x28) {  // `(31455): `, right after a timestamp or after `881: `
            s.at += 1
            guard let thread = s.number(), s.take(")") else { return nil }
            result.thread = thread
            guard s.take(": ") else { return nil }
        } else if colon {
            if s.take(": ") {}  // the empty label of 4.5.2-4.6.1
        } else if s.take(" ") {
            // 4.17+: space-delimited; a level follows.
        } else {
            return nil
        }
        let beforeLevel = s.at
        if let level = s.level() {
            if s.take(": ") || s.take(" ") {
                result.level = level
            } else {
                s.at = beforeLevel
            }
        }
        guard s.at < s.bytes.count else { return nil }
        result.messageStart = s.at
        return result
    }

    /// Milliseconds of an ISO-8601 time with an offset as coturn writes it (`+0200` as well as `+02:00`).
    static func time(_ token: UnsafeRawBufferPointer) -> Int64? {
        if let ms = Timestamp.parse(token) { return ms }
        // `%z` without a colon: `2021-11-01T23:57:03+0300`, read again with the colon put in (on the stack).
        let n = token.count
        guard n > 5, n < 64, token[n - 5] == 0x2B || token[n - 5] == 0x2D,
            token[(n - 4)...].allSatisfy(ASCII.isDigit)
        else { return nil }
        return withUnsafeTemporaryAllocation(byteCount: n + 1, alignment: 1) { room in
            room.copyMemory(from: UnsafeRawBufferPointer(rebasing: token[..<(n - 2)]))
            room[n - 2] = 0x3A
            UnsafeMutableRawBufferPointer(rebasing: room[(n - 1)...]).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: token[(n - 2)...]))
            return Timestamp.parse(UnsafeRawBufferPointer(room))
        }
    }

    /// A reading position in a line.
    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var at = 0

        init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

        func peek(_ byte: UInt8) -> Bool { at < bytes.count && bytes[at] == byte }

        /// Takes `text` when the line goes on with it.
        mutating func take(_ text: StaticString) -> Bool {
            let n = text.utf8CodeUnitCount
            guard at + n <= bytes.count, memcmp(bytes.baseAddress! + at, text.utf8Start, n) == 0 else { return false }
            at += n
            return true
        }

        @discardableResult
        mutating func skipSpaces() -> Bool {
            let from = at
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x09 { at += 1 }
            return at > from
        }

        /// Where docker-compose's ` | ` occurs in the first 64 bytes from the current position, before any `:`.
        func findBar() -> Int? {
            var i = at
            while i + 3 <= min(bytes.count, at + 64), bytes[i] != 0x3A {
                if bytes[i] == 0x20, bytes[i + 1] == 0x7C, bytes[i + 2] == 0x20 { return i }
                i += 1
            }
            return nil
        }

        /// Takes the whole word `w` at the current position (followed by a blank, `:` or the end).
        mutating func word(_ w: StaticString) -> Bool {
            let n = w.utf8CodeUnitCount
            guard at + n <= bytes.count else { return false }
            for i in 0..<n where bytes[at + i] != w.utf8Start[i] { return false }
            let end = at + n
            guard end == bytes.count || bytes[end] == 0x20 || bytes[end] == 0x3A else { return false }
            at = end
            return true
        }

        /// Takes a level word at the current position.
        mutating func level() -> CoturnLevel? {
            guard at < bytes.count else { return nil }
            switch bytes[at] {
            case 0x44: return word("DEBUG") ? .debug : nil
            case 0x49: return word("INFO") ? .info : nil
            case 0x43: return word("CONTROL") ? .control : nil
            case 0x57: return word("WARNING") ? .warning : nil
            case 0x45: return word("ERROR") ? .error : nil
            default: return nil
            }
        }

        /// A run of digits as a number (at most 18).
        mutating func number() -> Int64? {
            var n: Int64 = 0
            var digits = 0
            while at < bytes.count, ASCII.isDigit(bytes[at]), digits < 18 {
                n = n * 10 + Int64(bytes[at] - 0x30)
                at += 1
                digits += 1
            }
            return digits > 0 ? n : nil
        }

        /// The bytes up to the next blank.
        mutating func token() -> UnsafeRawBufferPointer? {
            let from = at
            while at < bytes.count, bytes[at] != 0x20, bytes[at] != 0x09 { at += 1 }
            return at > from ? UnsafeRawBufferPointer(rebasing: bytes[from..<at]) : nil
        }

        /// `YYYY-MM-DDT` at the current position.
        func looksISO() -> Bool {
            at + 11 <= bytes.count && (0..<4).allSatisfy { ASCII.isDigit(bytes[at + $0]) } && bytes[at + 4] == 0x2D
                && bytes[at + 7] == 0x2D && bytes[at + 10] == 0x54
        }

        /// Whether coturn's own prefix starts here: an uptime followed by `:`, `(` or a blank and a level.
        func startsCoturnPrefix() -> Bool {
            var i = at
            while i < bytes.count, ASCII.isDigit(bytes[i]) { i += 1 }
            guard i > at, i < bytes.count else {
                // No uptime: a level word (4.17 with the timestamp already read) or a session line.
                var probe = self
                return probe.level() != nil || probe.take("session")
            }
            return bytes[i] == 0x3A || bytes[i] == 0x28 || bytes[i] == 0x20
        }

        /// Whether an uptime prefix starts here: digits, then `:` or `(`.
        func startsUptime() -> Bool {
            var i = at
            while i < bytes.count, ASCII.isDigit(bytes[i]) { i += 1 }
            return i > at && i < bytes.count && (bytes[i] == 0x3A || bytes[i] == 0x28)
        }

        /// `host ident[pid]: ` of a syslog header.
        mutating func skipSyslogHostIdent() -> Bool {
            let from = at
            guard token() != nil, skipSpaces() else {
                at = from
                return false
            }
            var i = at
            while i < bytes.count, bytes[i] != 0x20, bytes[i] != 0x3A { i += 1 }
            guard i + 1 < bytes.count, bytes[i] == 0x3A, bytes[i + 1] == 0x20, i > at else {
                at = from
                return false
            }
            at = i + 2
            return true
        }

        /// `Mmm dd hh:mm:ss host ident[pid]: ` (BSD syslog).
        mutating func skipBSDSyslogHeader() -> Bool {
            let from = at
            let months: [StaticString] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ]
            guard months.contains(where: { word($0) }), skipSpaces(), number() != nil, skipSpaces(), number() != nil,
                take(":"),
                number() != nil, take(":"), number() != nil, skipSpaces(), skipSyslogHostIdent()
            else {
                at = from
                return false
            }
            return true
        }
    }
}

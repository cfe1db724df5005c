#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One end of a time window as users type it (`--since`, `--until`): a point in time, or a time relative to "now",
/// where now is the newest log line read (a report over files: the logs' own now, so a report of last week's files
/// asked for `-2h` shows their last two hours) or the wall clock (`watch`). Parsed once; resolved to milliseconds
/// when now is known.
public enum TimeBound: Sendable, Equatable, CustomStringConvertible {
    /// A fixed point, ms since the epoch (ISO 8601 time, a UTC date, `today`, `yesterday`, epoch seconds or ms).
    case at(ms: Int64)
    /// This many ms before now (`-2h`, `-30m`, `-7d`).
    case beforeNow(ms: Int64)

    /// Parses `text`; `wallClockMs` is the wall clock, which `today` and `yesterday` (UTC days) are read against.
    /// Nil when it is no time.
    public init?(_ text: String, wallClockMs: Int64 = TimeBound.wallClockMs()) {
        let t = text.trimmingASCIISpaces()
        let day: Int64 = 86_400_000
        switch t.lowercased() {
        case "today":
            self = .at(ms: Self.floorDiv(wallClockMs, day) * day)
            return
        case "yesterday":
            self = .at(ms: (Self.floorDiv(wallClockMs, day) - 1) * day)
            return
        case "now":
            self = .beforeNow(ms: 0)
            return
        default:
            break
        }
        if t.hasPrefix("-") {
            guard let span = TimeSpan(String(t.dropFirst())) else { return nil }
            self = .beforeNow(ms: span.ms)
            return
        }
        var bytes = Array(t.utf8)
        // An ISO 8601 basic date (20260302) is a date, not epoch seconds in 1970.
        if bytes.count == 8, bytes.allSatisfy(ASCII.isDigit) {
            bytes = Array(bytes[0..<4]) + [0x2D] + Array(bytes[4..<6]) + [0x2D] + Array(bytes[6..<8])
        }
        if bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D {
            guard let ms = bytes.withUnsafeBytes({ Timestamp.dayMs($0) }) else { return nil }
            self = .at(ms: ms)
            return
        }
        guard let ms = bytes.withUnsafeBytes({ Timestamp.parse($0) }) else { return nil }
        self = .at(ms: ms)
    }

    /// The bound in ms since the epoch, given now (nil when the bound is relative and now is unknown).
    public func resolved(nowMs: Int64?) -> Int64? {
        switch self {
        case .at(let ms): return ms
        case .beforeNow(let ms): return nowMs.map { $0 &- ms }
        }
    }

    /// Whether the bound needs to know now.
    public var isRelative: Bool {
        if case .beforeNow = self { return true }
        return false
    }

    /// As a user would type it: an ISO 8601 time in UTC, or `-2h`.
    public var description: String {
        switch self {
        case .at(let ms): return UTCTimestamp.format(ms: ms)
        case .beforeNow(let ms): return ms == 0 ? "now" : "-\(TimeSpan(ms: ms))"
        }
    }

    /// The wall clock, ms since the epoch.
    public static func wallClockMs() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_REALTIME, &t)
        return Int64(t.tv_sec) * 1000 + Int64(t.tv_nsec) / 1_000_000
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

extension String {
    /// Without leading and trailing ASCII spaces and tabs.
    fileprivate func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}

/// Parses the SPEC's timestamps from bytes into milliseconds since the Unix epoch (UTC): ISO 8601 with `Z`, an
/// offset or no zone (taken as UTC), `T` or a space between date and time, any number of fraction digits; or epoch
/// seconds / milliseconds as a number (above 1e11 it is milliseconds), with an optional fraction.
public enum Timestamp {
    /// The time in `bytes`, or nil when they hold no valid timestamp.
    public static func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let n = bytes.count
        guard n > 0 else { return nil }
        if n >= 10, bytes[4] == 0x2D, ASCII.isDigit(bytes[0]) { return parseISO(bytes) }
        return parseEpoch(bytes)
    }

    /// The last date parsed (`YYYY-MM-DD` as bytes and its day in ms): consecutive log lines share their date, so
    /// the date is validated and converted once a day instead of once a line.
    public struct DateMemo: Sendable {
        var head: UInt64 = 0
        var tail: UInt16 = 0
        var dayMs: Int64 = 0
        var valid = false

        /// An empty memo.
        public init() {}
    }

    /// `parse(_:)` with a memo of the last date: the same result, the date part skipped when it repeats.
    @inline(__always)
    public static func parse(_ bytes: UnsafeRawBufferPointer, memo: inout DateMemo) -> Int64? {
        let n = bytes.count
        guard n >= 10, bytes[4] == 0x2D, ASCII.isDigit(bytes[0]), let base = bytes.baseAddress else {
            return parse(bytes)
        }
        let head = base.loadUnaligned(as: UInt64.self)
        let tail = base.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        if !(memo.valid && memo.head == head && memo.tail == tail) {
            guard let day = dayMs(bytes) else { return nil }
            memo.head = head
            memo.tail = tail
            memo.dayMs = day
            memo.valid = true
        }
        return timeOfDay(bytes, dayMs: memo.dayMs)
    }

    /// Epoch seconds or milliseconds, integer or decimal.
    static func parseEpoch(_ b: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        var whole: Int64 = 0
        var digits = 0
        while i < b.count, ASCII.isDigit(b[i]) {
            guard digits < 16 else { return nil }
            whole = whole * 10 + Int64(b[i] &- 0x30)
            digits += 1
            i += 1
        }
        guard digits > 0 else { return nil }
        var fraction: Int64 = 0
        var scale: Int64 = 1
        if i < b.count, b[i] == 0x2E {
            i += 1
            while i < b.count, ASCII.isDigit(b[i]) {
                if scale < 1000 {
                    fraction = fraction * 10 + Int64(b[i] &- 0x30)
                    scale *= 10
                }
                i += 1
            }
        }
        guard i == b.count else { return nil }
        if whole > 100_000_000_000 { return whole }  // milliseconds
        return whole * 1000 + fraction * (1000 / scale)
    }

    /// ISO 8601 / RFC 3339.
    static func parseISO(_ b: UnsafeRawBufferPointer) -> Int64? {
        guard let day = dayMs(b) else { return nil }
        return timeOfDay(b, dayMs: day)
    }

    /// The number written by the `len` decimal digits at `at`, or nil when `b` ends first or a byte is no digit.
    @inline(__always)
    static func digits(_ b: UnsafeRawBufferPointer, _ at: Int, _ len: Int) -> Int? {
        guard at + len <= b.count else { return nil }
        var v = 0
        for k in at..<(at + len) {
            let c = b[k]
            guard ASCII.isDigit(c) else { return nil }
            v = v * 10 + Int(c &- 0x30)
        }
        return v
    }

    /// The `YYYY-MM-DD` at the start of `b` as ms since the epoch, or nil when it is no valid date.
    static func dayMs(_ b: UnsafeRawBufferPointer) -> Int64? {
        let n = b.count
        func num(_ at: Int, _ len: Int) -> Int? { digits(b, at, len) }
        guard let year = num(0, 4), n > 4, b[4] == 0x2D, let month = num(5, 2), n > 7, b[7] == 0x2D,
            let day = num(8, 2), (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year)
        else { return nil }
        return Int64(daysFromCivil(year, month, day)) * 86_400_000
    }

    /// The rest of an ISO timestamp after its date (whose day is `dayMs`): time of day, fraction and zone.
    static func timeOfDay(_ b: UnsafeRawBufferPointer, dayMs: Int64) -> Int64? {
        let n = b.count
        // Every field read here has two digits: read as a pair (the loop of `digits` cost ~65 instructions each).
        @inline(__always) func pair(_ at: Int) -> Int? {
            guard at &+ 2 <= n else { return nil }
            let high = b[at] &- 0x30
            let low = b[at &+ 1] &- 0x30
            guard high < 10, low < 10 else { return nil }
            return Int(high) &* 10 &+ Int(low)
        }
        var ms = dayMs
        var i = 10
        if i == n { return ms }
        guard b[i] == 0x54 || b[i] == 0x74 || b[i] == 0x20 else { return nil }  // T t space
        i += 1
        guard let hour = pair(i), i + 2 < n, b[i + 2] == 0x3A, let minute = pair(i + 3), hour < 24, minute < 60
        else { return nil }
        i += 5
        var second = 0
        if i < n, b[i] == 0x3A {
            guard let s = pair(i + 1), s <= 60 else { return nil }
            second = s
            i += 3
        }
        ms += Int64(hour * 3_600_000 + minute * 60_000 + second * 1000)
        if i < n, b[i] == 0x2E || b[i] == 0x2C {
            i += 1
            var scale = 100
            let start = i
            while i < n, ASCII.isDigit(b[i]) {
                ms += Int64(Int(b[i] &- 0x30) * scale)
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        if i == n { return ms }
        switch b[i] {
        case 0x5A, 0x7A:  // Z z
            return i + 1 == n ? ms : nil
        case 0x2B, 0x2D:  // + -
            let sign: Int64 = b[i] == 0x2B ? 1 : -1
            guard let oh = pair(i + 1), oh < 24 else { return nil }
            var j = i + 3
            if j < n, b[j] == 0x3A { j += 1 }
            var om = 0
            if j < n {
                guard let m = pair(j), m < 60 else { return nil }
                om = m
                j += 2
            }
            guard j == n else { return nil }
            return ms - sign * Int64(oh * 3_600_000 + om * 60_000)
        default:
            return nil
        }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Formats milliseconds since the epoch as `2026-03-02T10:15:00.123Z`.
    public static func format(_ ms: Int64) -> String {
        UTCTimestamp.format(ms: ms)
    }
}

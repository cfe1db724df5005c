/// Formats ms since the Unix epoch as ISO 8601 UTC text ("2026-03-02T10:15:00.123Z") without Foundation: digits
/// are written straight into bytes (the NDJSON writer appends them to its buffer; no String per field).
public enum UTCTimestamp {
    /// The length of every formatted time.
    public static let length = 24

    /// `ms` as "YYYY-MM-DDTHH:MM:SS.mmmZ" (proleptic Gregorian calendar, UTC).
    public static func format(ms: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(length)
        append(ms: ms, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `ms` as "YYYY-MM-DDTHH:MM:SS.mmmZ" (24 bytes) to `out`.
    public static func append(ms: Int64, to out: inout [UInt8]) {
        let msPerDay: Int64 = 86_400_000
        // Clamp far outside any real log so the arithmetic cannot overflow (years 0001-9999).
        let clamped = min(max(ms, -62_135_596_800_000), 253_402_300_799_999)
        var days = clamped / msPerDay
        var rest = clamped % msPerDay
        if rest < 0 {
            rest += msPerDay
            days -= 1
        }
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let hour = rest / 3_600_000
        let minute = rest / 60_000 % 60
        let second = rest / 1000 % 60
        let milli = rest % 1000
        digits(year, 4, &out)
        out.append(0x2D)
        digits(month, 2, &out)
        out.append(0x2D)
        digits(day, 2, &out)
        out.append(0x54)
        digits(hour, 2, &out)
        out.append(0x3A)
        digits(minute, 2, &out)
        out.append(0x3A)
        digits(second, 2, &out)
        out.append(0x2E)
        digits(milli, 3, &out)
        out.append(0x5A)
    }

    /// Appends the `width` low decimal digits of non-negative `value`, zero-padded.
    @inline(__always)
    private static func digits(_ value: Int64, _ width: Int, _ out: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        while divisor > 0 {
            out.append(0x30 &+ UInt8(truncatingIfNeeded: (v / divisor) % 10))
            v %= divisor
            divisor /= 10
        }
    }
}

/// Formats ms since the Unix epoch as ISO 8601 UTC text ("2026-03-02T10:15:00.123Z") without Foundation: digits
/// are written straight into bytes, and a hot writer (NDJSON) keeps a `DayCache` so that the calendar arithmetic
/// runs once a day, not once an event.
public enum UTCTimestamp {
    /// The length of every formatted time.
    public static let length = 24
    /// Times are clamped to the years 0001-9999, far outside any real log, so the arithmetic cannot overflow.
    static let earliestMs: Int64 = -62_135_596_800_000
    static let latestMs: Int64 = 253_402_300_799_999
    private static let msPerDay: Int64 = 86_400_000

    /// `ms` as "YYYY-MM-DDTHH:MM:SS.mmmZ" (proleptic Gregorian calendar, UTC).
    public static func format(ms: Int64) -> String {
        let out = ByteBuffer(capacity: 64)
        put(ms: ms, to: out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The "YYYY-MM-DDT" of the last day written: consecutive events nearly always share their day.
    final class DayCache {
        fileprivate var day = Int64.min
        fileprivate let prefix = ByteBuffer(capacity: 64)
    }

    /// Appends `ms` as "YYYY-MM-DDTHH:MM:SS.mmmZ" (24 bytes) to `out`; with `cache`, the date part is worked out
    /// once a day.
    static func put(ms: Int64, to out: ByteBuffer, cache: DayCache? = nil) {
        let clamped = min(max(ms, earliestMs), latestMs)
        var days = clamped / msPerDay
        var msOfDay = clamped % msPerDay
        if msOfDay < 0 {
            msOfDay += msPerDay
            days -= 1
        }
        let rest = UInt(msOfDay)
        out.reserve(length)
        if let cache {
            if cache.day != days {
                cache.prefix.removeAll()
                putDate(days: days, to: cache.prefix)
                cache.day = days
            }
            out.put(cache.prefix.base, cache.prefix.count)
        } else {
            putDate(days: days, to: out)
        }
        out.putDigits(rest / 3_600_000, width: 2)
        out.put(0x3A)
        out.putDigits(rest / 60_000 % 60, width: 2)
        out.put(0x3A)
        out.putDigits(rest / 1000 % 60, width: 2)
        out.put(0x2E)
        out.putDigits(rest % 1000, width: 3)
        out.put(0x5A)
    }

    /// Appends "YYYY-MM-DDT" of the day `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
    private static func putDate(days: Int64, to out: ByteBuffer) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        out.reserve(11)
        out.putDigits(UInt(year), width: 4)
        out.put(0x2D)
        out.putDigits(UInt(month), width: 2)
        out.put(0x2D)
        out.putDigits(UInt(day), width: 2)
        out.put(0x54)
    }
}

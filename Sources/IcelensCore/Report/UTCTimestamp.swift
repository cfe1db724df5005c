/// Formats ms since the Unix epoch as ISO 8601 UTC text ("2026-03-02T10:15:00.123Z") without Foundation.
public enum UTCTimestamp {
    /// `ms` as "YYYY-MM-DDTHH:MM:SS.mmmZ" (proleptic Gregorian calendar, UTC).
    public static func format(ms: Int64) -> String {
        let msPerDay: Int64 = 86_400_000
        // Clamp far outside any real log so the arithmetic cannot overflow.
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
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":" + pad(minute, 2)
            + ":" + pad(second, 2) + "." + pad(milli, 3) + "Z"
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// Calendar arithmetic on epoch milliseconds (UTC) and the timestamp shapes the generator writes, without
/// Foundation and without reading the system clock.
enum CivilTime {
    /// Milliseconds in one day.
    static let dayMs: Int64 = 86_400_000

    /// Epoch milliseconds of midnight UTC on the given civil date.
    static func epochMs(year: Int, month: Int, day: Int) -> Int64 {
        Int64(daysFromCivil(year: year, month: month, day: day)) * dayMs
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date (year, month 1-12, day 1-31) of a day count since 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Splits epoch milliseconds into a day count and the milliseconds into that day.
    @inline(__always)
    static func split(_ ms: Int64) -> (days: Int, msOfDay: Int) {
        var days = ms / dayMs
        var rest = ms % dayMs
        if rest < 0 {
            days -= 1
            rest += dayMs
        }
        return (Int(days), Int(rest))
    }
}

extension ByteSink {
    /// Appends an ISO 8601 UTC timestamp with milliseconds: `2026-03-02T10:15:00.123Z` (or another `zone` suffix
    /// for UTC, such as coturn's `+0000`).
    func iso(_ ms: Int64, zone: StaticString = "Z") {
        let (days, msOfDay) = CivilTime.split(ms)
        let date = CivilTime.civilFromDays(days)
        padded(date.year, width: 4)
        byte(0x2D)
        padded(date.month, width: 2)
        byte(0x2D)
        padded(date.day, width: 2)
        byte(0x54)
        clock(msOfDay)
        byte(0x2E)
        padded(msOfDay % 1000, width: 3)
        raw(zone)
    }

    /// Appends a Common Log Format timestamp: `02/Mar/2026:10:15:00 +0000`.
    func commonLogTime(_ ms: Int64) {
        let (days, msOfDay) = CivilTime.split(ms)
        let date = CivilTime.civilFromDays(days)
        padded(date.day, width: 2)
        byte(0x2F)
        raw(Self.monthNames[date.month - 1])
        byte(0x2F)
        padded(date.year, width: 4)
        byte(0x3A)
        clock(msOfDay)
        raw(" +0000")
    }

    /// Appends `HH:MM:SS` for milliseconds into a day.
    private func clock(_ msOfDay: Int) {
        let seconds = msOfDay / 1000
        padded(seconds / 3600, width: 2)
        byte(0x3A)
        padded(seconds / 60 % 60, width: 2)
        byte(0x3A)
        padded(seconds % 60, width: 2)
    }

    private static let monthNames: [StaticString] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
}

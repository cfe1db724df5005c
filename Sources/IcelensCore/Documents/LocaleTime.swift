/// Reads the `time` strings of old webrtc-internals dumps: `Date.toLocaleString()` in the browser's locale, at
/// second resolution and with no time zone (`1/2/2023, 10:16:29 AM` en-US, `02/01/2023, 10:16:29` en-GB,
/// `2.1.2023, 10:16:29` de, `2023/1/2 10:16:29` ja). The result is the wall time read as UTC; the dump reader
/// moves it by the zone offset it infers from the dump's UTC stats times. A string that is a number is epoch ms.
enum LocaleTime {
    /// Milliseconds of the wall time (as if UTC), or nil when the string is none of the known shapes.
    static func wallMs(_ text: String) -> Int64? {
        let trimmed = text.trimmingBlanks
        if let ms = Double(trimmed), ms > 1e11 { return Int64(ms) }
        var numbers: [Int] = []
        var current: Int?
        var pm: Bool?
        let upper = trimmed.uppercased()
        // Latin, Chinese, Japanese and Korean 12-hour markers.
        if upper.contains("PM") || upper.contains("P.M.") || ["下午", "午後", "오후"].contains(where: upper.contains) {
            pm = true
        } else if upper.contains("AM") || upper.contains("A.M.") || ["上午", "午前", "오전"].contains(where: upper.contains) {
            pm = false
        }
        for c in trimmed.unicodeScalars {
            if c.value >= 0x30, c.value <= 0x39 {
                let n = (current ?? 0) * 10 + Int(c.value - 0x30)
                if n > 100_000 { return nil }
                current = n
            } else if let n = current {
                numbers.append(n)
                current = nil
            }
        }
        if let n = current { numbers.append(n) }
        guard numbers.count >= 6 else { return nil }
        var year: Int
        var month: Int
        var day: Int
        if numbers[0] > 999 {  // year first (ISO-like, ja, zh, sv)
            (year, month, day) = (numbers[0], numbers[1], numbers[2])
        } else if numbers[2] > 999 {
            year = numbers[2]
            // A 12-hour clock means en-US: month first; else day first (en-GB, de, fr, ...), unless that cannot be.
            if pm != nil || numbers[1] > 12 {
                (month, day) = (numbers[0], numbers[1])
            } else {
                (day, month) = (numbers[0], numbers[1])
            }
        } else {
            return nil
        }
        var hour = numbers[3]
        let minute = numbers[4]
        let second = numbers[5]
        if let pm {
            guard (1...12).contains(hour) else { return nil }
            if hour == 12 { hour = 0 }
            if pm { hour += 12 }
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61,
            (1970...9999).contains(year)
        else { return nil }
        let days = daysFromCivil(year, month, day)
        return ((Int64(days) * 24 + Int64(hour)) * 60 + Int64(minute)) * 60_000 + Int64(second) * 1000
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The zone offset of wall times whose first is `wallMs`, given the UTC time `utcMs` of a moment at or after it
    /// (the stats series start once the page collects them, never before the first logged event): the largest
    /// whole quarter hour not above the difference (a minute of skew allowed), within ±14 h; nil beyond.
    static func zoneOffsetMs(wallMs: Int64, utcMs: Int64) -> Int64? {
        let quarter: Int64 = 15 * 60_000
        let difference = utcMs - wallMs + 60_000
        guard abs(difference) <= 14 * 3_600_000 + quarter else { return nil }
        let floored = (Double(difference) / Double(quarter)).rounded(.down) * Double(quarter)
        return Int64(floored)
    }
}

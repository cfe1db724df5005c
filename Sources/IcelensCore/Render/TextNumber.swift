/// Number formats of the text renderers: thousands separators, percentages with 1 decimal, seconds with 1 to 3
/// decimals, signed changes, p-values and UTC times; "n/a" for a missing value. Never prints NaN or infinity.
enum TextNumber {
    /// What a missing (nil, or not finite) value prints as.
    static let missing = "n/a"

    /// 1234567 as "1,234,567".
    /// A time as month-day hours:minutes in UTC ("03-02 08:19"), for tables; `missing` when nil.
    static func shortTime(ms: Int64?) -> String {
        guard let ms else { return missing }
        let iso = Array(UTCTimestamp.format(ms: ms))
        guard iso.count >= 16 else { return String(iso) }
        return String(iso[5..<10]) + " " + String(iso[11..<16])
    }

    /// A byte count in decimal units (`3.1 MB`, `196 kB`, `88 B`).
    static func bytes(_ n: Int64) -> String {
        let units: [(Double, String)] = [(1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB")]
        for (size, unit) in units where Double(n) >= size {
            return (fixed(Double(n) / size, places: 1) ?? "?") + " " + unit
        }
        return "\(n) B"
    }

    static func count(_ n: Int) -> String {
        NumberFormat.grouped(n)
    }

    /// A share between 0 and 1 as a percentage with 1 decimal ("75.0%").
    static func percent(_ share: Double?) -> String {
        guard let text = fixed(share.map { $0 * 100 }, places: 1) else { return missing }
        return text + "%"
    }

    /// A duration in ms as seconds with 1 to 3 decimals ("1.8 s", "6.25 s", "30.0 s").
    static func seconds(ms: Int64?) -> String {
        guard let ms else { return missing }
        return unsignedSeconds(ms.magnitude, negative: ms < 0) + " s"
    }

    /// A duration in seconds in the style of `seconds(ms:)`.
    static func seconds(_ value: Double?) -> String {
        seconds(ms: milliseconds(value))
    }

    /// A duration in seconds to the millisecond, always 3 decimals ("3.759 s", "30.000 s"), so a column of them
    /// lines up and a change reads at the same precision as its values.
    static func exactSeconds(_ value: Double?) -> String {
        guard let ms = milliseconds(value) else { return missing }
        return NumberFormat.fixed(scaled: ms, places: 3, grouped: true) + " s"
    }

    /// A duration held in ms in the style of `exactSeconds(_:)`.
    static func exactSeconds(ms: Int64?) -> String {
        guard let ms else { return missing }
        return NumberFormat.fixed(scaled: ms, places: 3, grouped: true) + " s"
    }

    /// A change of a duration in the style of `exactSeconds` ("-0.070 s", "+1.500 s", "0.000 s").
    static func signedExactSeconds(_ value: Double?) -> String {
        guard let ms = milliseconds(value) else { return missing }
        return sign(NumberFormat.fixed(scaled: ms, places: 3, grouped: true)) + " s"
    }

    /// A ratio with 2 decimals ("1.50").
    static func ratio(_ value: Double?) -> String {
        fixed(value, places: 2) ?? missing
    }

    /// A change of a count, signed ("+3", "-12", "0").
    static func signedCount(_ value: Double?) -> String {
        guard let text = fixed(value, places: 0) else { return missing }
        return sign(text)
    }

    /// A change of a share in percentage points ("+25.0 pp").
    static func signedPoints(_ value: Double?) -> String {
        guard let text = fixed(value.map { $0 * 100 }, places: 1) else { return missing }
        return sign(text) + " pp"
    }

    /// A change of a duration held in seconds ("-1.5 s").
    static func signedSeconds(_ value: Double?) -> String {
        guard let ms = milliseconds(value) else { return missing }
        return sign(unsignedSeconds(ms.magnitude, negative: ms < 0)) + " s"
    }

    /// A change of a ratio with 2 decimals ("-2.00").
    static func signedRatio(_ value: Double?) -> String {
        guard let text = fixed(value, places: 2) else { return missing }
        return sign(text)
    }

    /// A relative change as a signed percentage ("+33.3%").
    static func signedPercent(_ share: Double?) -> String {
        guard let text = fixed(share.map { $0 * 100 }, places: 1) else { return missing }
        return sign(text) + "%"
    }

    /// A p-value with 3 decimals, or "< 0.001".
    static func pValue(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        if value < 0.001 { return "< 0.001" }
        return fixed(min(value, 1), places: 3) ?? missing
    }

    /// A time in ms since the epoch as "2026-03-02T10:15:00Z" (UTC, to the second; one word, so wrapping never
    /// splits it).
    static func time(ms: Int64?) -> String {
        guard let ms else { return missing }
        return UTCTimestamp.format(ms: ms).prefix(19) + "Z"  // from "2026-03-02T10:15:00.123Z"
    }

    /// `value` rounded to `places` decimals with thousands separators; nil when nil, not finite or too large.
    static func fixed(_ value: Double?, places: Int) -> String? {
        value.flatMap { NumberFormat.fixed($0, places: places, grouped: true) }
    }

    private static func milliseconds(_ seconds: Double?) -> Int64? {
        guard let seconds, seconds.isFinite, abs(seconds) < 9e12 else { return nil }
        return Int64((seconds * 1000).rounded())
    }

    /// ms as seconds, keeping 1 to 3 decimals (trailing zeros dropped down to one).
    private static func unsignedSeconds(_ ms: UInt64, negative: Bool) -> String {
        let whole = count(Int(clamping: ms / 1000))
        var fraction = String(ms % 1000)
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.count > 1 && fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + whole + "." + fraction
    }

    /// "+" before a positive number; zero ("0", "0.0", "-0.0") unsigned.
    private static func sign(_ text: String) -> String {
        let digits = text.filter { $0.isNumber && $0 != "0" }
        if digits.isEmpty { return text.hasPrefix("-") ? String(text.dropFirst()) : text }
        return text.hasPrefix("-") ? text : "+" + text
    }
}

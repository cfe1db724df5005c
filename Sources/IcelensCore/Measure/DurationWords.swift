/// Formats durations for sentences in findings and verdicts ("30 s", "7.25 s", "0.8 s").
enum DurationWords {
    /// `ms` as seconds with up to 2 decimals and no trailing zeros, followed by " s".
    static func seconds(ms: Int64) -> String {
        let negative = ms < 0
        let magnitude = ms.magnitude
        // Round to hundredths of a second.
        let hundredths = (magnitude + 5) / 10
        let whole = hundredths / 100
        let fraction = hundredths % 100
        var text = negative ? "-" : ""
        text += String(whole)
        if fraction != 0 {
            var digits = fraction < 10 ? "0" + String(fraction) : String(fraction)
            if digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + " s"
    }

    /// A double number of seconds (a percentile turned into seconds) in the same style.
    static func seconds(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "?" }
        return seconds(ms: Int64((value * 1000).rounded()))
    }
}

/// JSON text pieces: quoted strings (through `JSONEscaper`) and the number formats results use (fixed decimals without
/// trailing zeros, exact seconds from ms, p-values with significant digits). Never emits NaN or infinity.
enum JSONText {
    private static let hex: [Character] = Array("0123456789abcdef")

    /// `text` as a quoted JSON string (`JSONEscaper`).
    static func quoted(_ text: String) -> String { JSONEscaper.quoted(text) }

    /// `value` rounded to `places` decimals, without trailing zeros ("0.75", "3", "-0.0381"); `null` when nil or
    /// not finite.
    static func decimal(_ value: Double?, places: Int) -> String {
        guard let value, value.isFinite else { return "null" }
        var scale = 1.0
        for _ in 0..<max(0, places) { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9e15 else { return "\(value)" }  // Swift prints large values as e.g. "1e+20": valid JSON.
        return fixed(Int64(scaled), places: max(0, places))
    }

    /// `ms` as seconds with 3 decimals, exactly ("1.8", "30", "0.05"); `null` when nil.
    static func seconds(ms: Int64?) -> String {
        guard let ms else { return "null" }
        return fixed(ms, places: 3)
    }

    /// A p-value: 4 decimals down to 0.001, below that 3 significant digits ("0.0081", "4.07e-4", "1.18e-9").
    static func pValue(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "null" }
        if value >= 0.001 || value <= 0 { return decimal(max(0, value), places: 4) }
        var exponent = 0
        var mantissa = value
        while mantissa < 1 {
            mantissa *= 10
            exponent -= 1
        }
        var hundredths = Int64((mantissa * 100).rounded())
        if hundredths >= 1000 {
            hundredths /= 10
            exponent += 1
        }
        return fixed(hundredths, places: 2) + "e" + String(exponent)
    }

    /// `scaled / 10^places` written out, trailing zeros (and a bare dot) dropped.
    private static func fixed(_ scaled: Int64, places: Int) -> String {
        if scaled == 0 { return "0" }
        let negative = scaled < 0
        let digits = String(scaled.magnitude)
        var whole: Substring
        var fraction: String
        if digits.count > places {
            whole = digits.dropLast(places)
            fraction = String(digits.suffix(places))
        } else {
            whole = "0"
            fraction = String(repeating: "0", count: places - digits.count) + digits
        }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return (negative ? "-" : "") + whole + (fraction.isEmpty ? "" : "." + fraction)
    }
}

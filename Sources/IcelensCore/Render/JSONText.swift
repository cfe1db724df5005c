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
        // Swift prints values too large to scale exactly as e.g. "1e+20": valid JSON.
        return NumberFormat.fixed(value, places: places, trimZeros: true) ?? "\(value)"
    }

    /// `ms` as seconds with 3 decimals, exactly ("1.8", "30", "0.05"); `null` when nil.
    static func seconds(ms: Int64?) -> String {
        guard let ms else { return "null" }
        return NumberFormat.fixed(scaled: ms, places: 3, trimZeros: true)
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
        return NumberFormat.fixed(scaled: hundredths, places: 2, trimZeros: true) + "e" + String(exponent)
    }
}

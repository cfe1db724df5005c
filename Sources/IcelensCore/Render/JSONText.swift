/// JSON text pieces: RFC 8259 string escaping and the number formats results use (fixed decimals without
/// trailing zeros, exact seconds from ms, p-values with significant digits). Never emits NaN or infinity.
enum JSONText {
    private static let hex: [Character] = Array("0123456789abcdef")

    /// `text` as a quoted JSON string. Escapes `"` and `\`, every C0 control (U+0000-U+001F), DEL and the C1
    /// controls (U+007F-U+009F, so a CSI cannot reach a terminal) as `\u00XX`, and U+2028/U+2029.
    static func quoted(_ text: String) -> String {
        var result = "\""
        result.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x22: result += "\\\""
            case 0x5C: result += "\\\\"
            case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: result += unicodeEscape(scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        result += "\""
        return result
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        var text = "\\u"
        for shift in stride(from: 12, through: 0, by: -4) {
            text.append(hex[Int((value >> UInt32(shift)) & 0xF)])
        }
        return text
    }

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

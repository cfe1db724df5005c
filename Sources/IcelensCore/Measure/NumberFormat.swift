/// The one number formatter of icelens, without Foundation: every figure in every output (JSON numbers, text
/// tables, sentences of findings and verdicts, the accounting) is made here, so rounding is the same everywhere.
/// Never prints NaN or infinity: a value that is not finite, or too large to write exactly, is nil.
public enum NumberFormat {
    /// 1234567 as "1,234,567".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }

    /// `value` rounded to `places` decimals ("0.750", "1,234.5" when `grouped`, "0.75" when `trimZeros`);
    /// "-" only before a non-zero result; nil when not finite or beyond 9e15 once scaled.
    public static func fixed(_ value: Double, places: Int, grouped: Bool = false, trimZeros: Bool = false) -> String? {
        guard value.isFinite else { return nil }
        var scale = 1.0
        for _ in 0..<max(0, places) { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9e15 else { return nil }
        return fixed(scaled: Int64(scaled), places: max(0, places), grouped: grouped, trimZeros: trimZeros)
    }

    /// `scaled / 10^places` written out exactly ("1.800" or, trimmed, "1.8"; `1800` ms with places 3 is "1.8").
    public static func fixed(scaled: Int64, places: Int, grouped: Bool = false, trimZeros: Bool = false) -> String {
        var divisor: UInt64 = 1
        for _ in 0..<places { divisor *= 10 }
        let magnitude = scaled.magnitude
        let wholeValue = magnitude / divisor
        let whole = grouped ? self.grouped(Int(clamping: wholeValue)) : String(wholeValue)
        var fraction = ""
        if places > 0 {
            let digits = String(magnitude % divisor)
            fraction = String(repeating: "0", count: places - digits.count) + digits
            if trimZeros { while fraction.hasSuffix("0") { fraction.removeLast() } }
        }
        let sign = scaled < 0 && magnitude != 0 ? "-" : ""
        return sign + whole + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// A duration for a sentence: seconds with up to 2 decimals, no trailing zeros ("30 s", "7.25 s", "0.8 s").
    public static func durationWords(ms: Int64) -> String {
        let hundredths = Int64((ms.magnitude / 10) + (ms.magnitude % 10 >= 5 ? 1 : 0))
        return (ms < 0 ? "-" : "") + fixed(scaled: hundredths, places: 2, grouped: true, trimZeros: true) + " s"
    }

    /// A share as a whole percentage for a sentence ("40%"); "?" when not finite.
    public static func percentWords(_ share: Double) -> String {
        (fixed(share * 100, places: 0, grouped: true) ?? "?") + "%"
    }

    /// A ratio with 2 decimals for a sentence ("1.63"); "?" when not finite.
    public static func ratioWords(_ value: Double) -> String {
        fixed(value, places: 2, grouped: true) ?? "?"
    }
}

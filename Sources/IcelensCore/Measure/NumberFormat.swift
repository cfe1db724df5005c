/// The one number formatter of icelens, without Foundation: every figure in every output (JSON numbers, text
/// tables, sentences of findings and verdicts, the accounting) is made here, so rounding is the same everywhere.
/// Never prints NaN or infinity: a value that is not finite, or too large to write exactly, is nil.
public enum NumberFormat {
    /// 1234567 as "1,234,567".
    public static func grouped(_ n: Int) -> String {
        written { end in
            var p = writeWhole(UInt64(n.magnitude), grouped: true, before: end)
            if n < 0 { p = put(0x2D, before: p) }
            return p
        }
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
    /// `places` is at most 18 (an Int64 has 19 digits).
    public static func fixed(scaled: Int64, places: Int, grouped: Bool = false, trimZeros: Bool = false) -> String {
        written { end in writeFixed(scaled, places: places, grouped: grouped, trimZeros: trimZeros, before: end) }
    }

    /// A duration for a sentence: seconds with up to 2 decimals, no trailing zeros ("30 s", "7.25 s", "0.8 s").
    public static func durationWords(ms: Int64) -> String {
        let hundredths = Int64((ms.magnitude / 10) + (ms.magnitude % 10 >= 5 ? 1 : 0))
        return written { end in
            var p = put(0x73, before: end)  // s
            p = put(0x20, before: p)
            p = writeFixed(hundredths, places: 2, grouped: true, trimZeros: true, before: p)
            return ms < 0 ? put(0x2D, before: p) : p
        }
    }

    /// A share as a whole percentage for a sentence ("40%"); "?" when not finite.
    public static func percentWords(_ share: Double) -> String {
        (fixed(share * 100, places: 0, grouped: true) ?? "?") + "%"
    }

    /// A ratio with 2 decimals for a sentence ("1.63"); "?" when not finite.
    public static func ratioWords(_ value: Double) -> String {
        fixed(value, places: 2, grouped: true) ?? "?"
    }

    /// A value a threshold saw, for a sentence: up to 6 decimals, no trailing zeros ("0.861126", "306"), so
    /// a rate just under its limit never reads as the limit itself.
    public static func checkValue(_ value: Double) -> String {
        fixed(value, places: 6, grouped: false, trimZeros: true) ?? "?"
    }

    // MARK: Writing digits backwards into one small buffer, then one String.

    /// The String of the bytes `body` writes backwards before the end of a 64-byte buffer (it returns where it
    /// started).
    @inline(__always)
    private static func written(_ body: (UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8>) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            let end = buffer.baseAddress! + buffer.count
            let start = body(end)
            return String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
        }
    }

    @inline(__always)
    private static func put(_ byte: UInt8, before p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let q = p - 1
        q.pointee = byte
        return q
    }

    /// The digits of `value` before `end`, a comma every three when `grouped`; returns the first byte.
    private static func writeWhole(_ value: UInt64, grouped: Bool, before end: UnsafeMutablePointer<UInt8>)
        -> UnsafeMutablePointer<UInt8>
    {
        var p = end
        var v = value
        var n = 0
        repeat {
            if grouped, n > 0, n % 3 == 0 { p = put(0x2C, before: p) }
            p = put(0x30 + UInt8(v % 10), before: p)
            v /= 10
            n += 1
        } while v > 0
        return p
    }

    /// `fixed(scaled:places:grouped:trimZeros:)` before `end` (at most 1 + 26 + 1 + 18 bytes).
    private static func writeFixed(
        _ scaled: Int64, places: Int, grouped: Bool, trimZeros: Bool, before end: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        let places = min(max(places, 0), 18)
        var p = end
        var magnitude = scaled.magnitude
        if places > 0 {
            // The fraction's digits come least significant first: trimmed zeros are simply not written.
            var trimming = trimZeros
            for _ in 0..<places {
                let digit = UInt8(magnitude % 10)
                magnitude /= 10
                if trimming, digit == 0 { continue }
                trimming = false
                p = put(0x30 + digit, before: p)
            }
            if p != end { p = put(0x2E, before: p) }
        }
        // A grouped whole part is written as an Int (clamped), as it always was.
        p = writeWhole(grouped ? min(magnitude, UInt64(Int.max)) : magnitude, grouped: grouped, before: p)
        if scaled < 0 { p = put(0x2D, before: p) }
        return p
    }
}

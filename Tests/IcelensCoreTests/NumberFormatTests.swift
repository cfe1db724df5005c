import Testing

@testable import IcelensCore

/// `NumberFormat` writes digits into a small byte buffer (it made ~7,000 instructions of String concatenation per
/// timeout finding). These differential tests pin it to the String-building forms it replaced, kept here as the
/// reference, over edge values and random ones.
@Suite struct NumberFormatTests {
    enum Reference {
        static func grouped(_ n: Int) -> String {
            let digits = String(n.magnitude)
            var out = ""
            for (i, ch) in digits.enumerated() {
                if i > 0, (digits.count - i) % 3 == 0 { out += "," }
                out.append(ch)
            }
            return n < 0 ? "-" + out : out
        }

        static func fixed(scaled: Int64, places: Int, grouped: Bool, trimZeros: Bool) -> String {
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

        static func durationWords(ms: Int64) -> String {
            let hundredths = Int64((ms.magnitude / 10) + (ms.magnitude % 10 >= 5 ? 1 : 0))
            return (ms < 0 ? "-" : "") + fixed(scaled: hundredths, places: 2, grouped: true, trimZeros: true) + " s"
        }
    }

    static let edges: [Int64] = [
        0, 1, -1, 5, 9, 10, 99, 100, 999, 1_000, 1_005, 1_234, 4_995, 4_999, 5_000, 29_999, 30_000, 45_500,
        999_999, 1_000_000, -1_000, -1_234_567, Int64(Int32.max), Int64(Int32.min), Int64.max, Int64.min,
        Int64.max - 5, Int64.min + 5, 9_000_000_000_000_000, -9_000_000_000_000_000,
    ]

    static func samples() -> [Int64] {
        var rng = SplitMix64(seed: 5)
        var values = edges
        for _ in 0..<3_000 {
            let digits = Int.random(in: 0...18, using: &rng)
            var limit: Int64 = 1
            for _ in 0..<digits { limit *= 10 }
            let v = Int64.random(in: 0...limit, using: &rng)
            values.append(Bool.random(using: &rng) ? v : -v)
        }
        return values
    }

    @Test func fixedScaledMatchesTheStringForm() {
        for value in Self.samples() {
            for places in 0...6 {
                for (grouped, trim) in [(false, false), (true, false), (false, true), (true, true)] {
                    #expect(
                        NumberFormat.fixed(scaled: value, places: places, grouped: grouped, trimZeros: trim)
                            == Reference.fixed(scaled: value, places: places, grouped: grouped, trimZeros: trim),
                        "\(value) places \(places) grouped \(grouped) trim \(trim)")
                }
            }
            #expect(
                NumberFormat.fixed(scaled: value, places: 18, grouped: true, trimZeros: false)
                    == Reference.fixed(scaled: value, places: 18, grouped: true, trimZeros: false))
        }
    }

    @Test func groupedAndDurationMatchTheStringForm() {
        for value in Self.samples() {
            #expect(NumberFormat.grouped(Int(value)) == Reference.grouped(Int(value)))
            #expect(NumberFormat.durationWords(ms: value) == Reference.durationWords(ms: value), "\(value)")
        }
        #expect(NumberFormat.grouped(Int.min) == "-9,223,372,036,854,775,808")
        #expect(NumberFormat.durationWords(ms: -1_234) == "-1.23 s")
        #expect(NumberFormat.fixed(scaled: 1_800, places: 3, trimZeros: true) == "1.8")
        #expect(NumberFormat.fixed(scaled: -5, places: 3) == "-0.005")
    }
}

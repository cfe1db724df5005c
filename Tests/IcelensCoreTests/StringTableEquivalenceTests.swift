import Testing

@testable import IcelensCore

/// Interning finds a string by `String ==`, canonical equivalence included; the fingerprint that speeds up the
/// linear search must not split equivalent spellings.
@Suite struct StringTableEquivalenceTests {
    /// Regression (review of the fingerprint): `zoë` composed and decomposed, and the Kelvin sign and `K`, are one
    /// peer each, as they were before the fingerprint, below and above the linear-search size.
    @Test func canonicallyEquivalentSpellingsShareAnIndex() {
        for filler in [0, 30] {
            var table = StringTable()
            for i in 0..<filler { _ = table.intern("peer-\(i)") }
            let composed = table.intern("zo\u{00EB}")
            #expect(table.intern("zoe\u{0308}") == composed)
            let kelvin = table.intern("\u{212A}")
            #expect(table.intern("K") == kelvin)
            #expect(table.intern("plain-ascii") == table.intern("plain-ascii"))
            #expect(table.intern("plain-ascii") != composed)
        }
    }

    /// ASCII ids that share their first seven bytes and their length are still told apart.
    @Test func longIdsWithACommonPrefix() {
        var table = StringTable()
        let a = table.intern("attendee-0001")
        let b = table.intern("attendee-0002")
        #expect(a != b)
        #expect(table.intern("attendee-0001") == a)
        #expect(table.intern("attendee-0002") == b)
    }

    /// The fingerprint is the length in the top byte and the first seven bytes below, `notASCII` for any other
    /// string: equal strings, equal words (pinned against that definition, written out).
    @Test func fingerprintIsTheByteByByteWord() {
        func reference(_ string: String) -> UInt64 {
            let utf8 = Array(string.utf8)
            var word = UInt64(truncatingIfNeeded: utf8.count) << 56
            for (i, b) in utf8.prefix(7).enumerated() { word ^= UInt64(b) << UInt64(8 * i) }
            return utf8.contains { $0 >= 0x80 } ? StringTable.notASCII : word
        }
        var rng = SplitMix64(seed: 21)
        var samples = [
            "", "a", "a-19", "g-1", "fr-turn8.xirsys.com", "zoë", "\u{212A}", String(repeating: "x", count: 300),
        ]
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...40, using: &rng)
            var scalars = (0..<length).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0x20...0x7E, using: &rng)))
            }
            if length > 0, Int.random(in: 0..<4, using: &rng) == 0 {
                scalars[Int.random(in: 0..<length, using: &rng)] = "é"
            }
            samples.append(String(scalars))
        }
        for sample in samples {
            #expect(StringTable.fingerprint(sample) == reference(sample), "\(sample)")
        }
    }

    /// A string looked up again is found, small or on the heap, the same object or a copy made from other bytes,
    /// and two different strings are never taken for one: each lookup gives what a dictionary keyed by String gives.
    @Test func lookupsAgreeWithStringEquality() {
        let long = "fr-turn8.xirsys.com:443?transport=tcp"
        let rebuilt = String(decoding: Array(long.utf8), as: UTF8.self)  // equal, another object
        let names = [
            "a-1", "a-10", "g-1", long, rebuilt, "fr-turn7.xirsys.com", "fr-turn8.xirsys.com",
            String(decoding: Array("a-1".utf8), as: UTF8.self), "zoe\u{301}", "zo\u{E9}", "\u{212A}", "K", "",
        ]
        var table = StringTable()
        var reference: [String: UInt32] = [:]
        for name in names + names.reversed() {
            let index = table.intern(name)
            if let known = reference[name] { #expect(index == known, "\(name)") } else { reference[name] = index }
            #expect(table[index] == name)
        }
        #expect(Set(reference.values).count == reference.count, "distinct strings, distinct indices")
    }
}

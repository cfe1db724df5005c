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
}

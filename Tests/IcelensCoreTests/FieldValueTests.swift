import Testing

@testable import IcelensCore

/// Field values that survive parsing: lower-cased hosts, capped at `FieldValue.maxStringBytes`, escapes decoded.
@Suite struct FieldValueTests {
    func lowercased(_ text: String, escaped: Bool = false) -> String? {
        Array(text.utf8).withUnsafeBytes { raw in
            FieldValue.lowercased(raw, Span(start: 0, count: raw.count, escaped: escaped, kind: .string))
        }
    }

    @Test func asciiHostsAreLowerCasedInPlace() {
        #expect(lowercased("FR-Turn8.XIRSYS.com") == "fr-turn8.xirsys.com")
        #expect(lowercased("") == nil)
    }

    /// The ASCII path and the general one agree: non-ASCII bytes stay as they are (only A-Z change), escapes are
    /// decoded first, and both stop at the cap.
    @Test func nonASCIIEscapedAndLongValues() {
        #expect(lowercased("TÜRN.Example") == "tÜrn.example")
        #expect(lowercased("A\\u0042C", escaped: true) == "abc")
        let long = String(repeating: "AB", count: 200)
        #expect(lowercased(long) == String(repeating: "ab", count: FieldValue.maxStringBytes / 2))
        #expect(lowercased(long)?.utf8.count == FieldValue.maxStringBytes)
    }
}

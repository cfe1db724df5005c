import Testing

@testable import IcelensCore

/// `JSONEscaper.isPlain` tests eight bytes at a time; these tests pin it to the byte-by-byte rule on random bytes
/// (every special byte at every position of a word and of the tail), so a string is never written unescaped.
@Suite struct JSONEscaperTests {
    static func byteByByte(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy(JSONEscaper.isPlainByte)
    }

    @Test func wordAtATimeAgreesWithByteByByte() {
        var rng = SplitMix64(seed: 3)
        let specials: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x22, 0x5C, 0x7F, 0x80, 0xC2, 0xE2, 0xD8, 0xFF]
        for length in 0...40 {
            for _ in 0..<200 {
                var bytes = (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) }
                if length > 0, Bool.random(using: &rng) {
                    bytes[Int.random(in: 0..<length, using: &rng)] = specials.randomElement(using: &rng)!
                }
                let fast = bytes.withUnsafeBufferPointer { JSONEscaper.isPlain($0) }
                #expect(fast == Self.byteByByte(bytes), "\(bytes)")
            }
        }
        // Every special byte at every position of two words and a tail.
        for special in specials {
            for position in 0..<19 {
                var bytes = [UInt8](repeating: 0x61, count: 19)
                bytes[position] = special
                let fast = bytes.withUnsafeBufferPointer { JSONEscaper.isPlain($0) }
                #expect(fast == Self.byteByByte(bytes))
                #expect(fast == (special == 0x80 || special == 0xFF))  // the only plain ones of the list
            }
        }
    }

    @Test func plainAndEscapedStrings() {
        var out: [UInt8] = []
        JSONEscaper.append("fr-turn8.xirsys.com", to: &out)
        #expect(String(decoding: out, as: UTF8.self) == "fr-turn8.xirsys.com")
        #expect(JSONEscaper.quoted("a\"b\\c\u{1}d\u{202E}e") == #""a\"b\\c\u0001d\u202ee""#)
    }
}

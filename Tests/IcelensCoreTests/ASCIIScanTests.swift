import Testing

@testable import IcelensCore

/// `ASCII.firstBlank` reads eight bytes at a time; it must stop exactly where a byte-by-byte scan stops, for every
/// start, with or without an extra stop byte, whatever bytes surround the blank (high bytes, the stop's neighbours).
@Suite struct ASCIIScanTests {
    @Test func firstBlankEqualsBytewiseScan() {
        let alphabet: [UInt8] = [0x20, 0x09, 0x5D, 0x26, 0x41, 0x30, 0x80, 0xA0, 0x89, 0xFF, 0x00, 0x21, 0x1F, 0x5C]
        var state: UInt64 = 7
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let count = Int(state >> 58)
            var bytes: [UInt8] = []
            for _ in 0..<count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                // Mostly letters, so that runs longer than a word occur.
                bytes.append(state >> 61 == 0 ? alphabet[Int(state >> 33) % alphabet.count] : 0x61)
            }
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                for stop: UInt8? in [nil, 0x5D, 0x26] {
                    for from in 0...count {
                        var expected = from
                        while expected < count, bytes[expected] != 0x20, bytes[expected] != 0x09,
                            bytes[expected] != (stop ?? 0x20)
                        {
                            expected += 1
                        }
                        #expect(ASCII.firstBlank(base, from: from, end: count, orStop: stop) == expected)
                    }
                }
            }
        }
    }
}

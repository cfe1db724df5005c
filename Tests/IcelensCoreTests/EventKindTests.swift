import Testing

@testable import IcelensCore

/// `EventKind(bytes:)` looks a name up by length and comparisons; it must equal a case-insensitive search of the
/// names, on every name, its upper-case and mixed-case spellings, and random near misses.
@Suite struct EventKindTests {
    static func reference(_ bytes: [UInt8]) -> EventKind? {
        let lowered = String(decoding: bytes.map(ASCII.lower), as: UTF8.self)
        return EventKind.allCases.first { $0.rawValue == lowered }
    }

    @Test func everyNameAndNearMiss() {
        var rng = SplitMix64(seed: 8)
        for kind in EventKind.allCases {
            let name = Array(kind.rawValue.utf8)
            #expect(name.withUnsafeBytes { EventKind(bytes: $0) } == kind)
            let upper = Array(kind.rawValue.uppercased().utf8)
            #expect(upper.withUnsafeBytes { EventKind(bytes: $0) } == kind)
            for _ in 0..<200 {
                var bytes = name
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0x2D...0x7A, using: &rng)
                case 1: bytes.removeLast()
                case 2: bytes.append(0x73)
                default:
                    let i = Int.random(in: 0..<bytes.count, using: &rng)
                    bytes[i] = bytes[i] >= 0x61 ? bytes[i] - 0x20 : bytes[i]
                }
                #expect(bytes.withUnsafeBytes { EventKind(bytes: $0) } == Self.reference(bytes), "\(bytes)")
            }
        }
        #expect(Array("".utf8).withUnsafeBytes { EventKind(bytes: $0) } == nil)
    }
}

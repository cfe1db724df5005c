import Testing

@testable import IcelensCore

/// The bucket table finds keys by comparing them while small and through an index past `linearLimit`; both must
/// behave like a dictionary.
@Suite struct BucketTableTests {
    @Test func behavesLikeADictionaryBelowAndAboveTheLinearLimit() {
        var table = BucketTable()
        var reference: [BucketKey: [EventRecord]] = [:]
        var state: UInt64 = 12_345
        for step in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let key = BucketKey(
                role: UInt8(state >> 62), peer: UInt32((state >> 40) % 40), remote: UInt32((state >> 20) % 3))
            let record = EventRecord(
                timeMs: Int64(step), instance: 0, kind: 1, state: 0, cache: 0, candidate: 0, flags: 1)
            _ = table.add(record, to: key, limit: 1_000, strings: [""])
            reference[key, default: []].append(record)
            if step == 10 { #expect(table.count < BucketTable.linearLimit) }
        }
        #expect(table.count > BucketTable.linearLimit)
        #expect(table.count == reference.count)
        #expect(table.mapValues(\.records) == reference)
        for (key, records) in reference { #expect(table[key]?.records == records) }
        #expect(table[BucketKey(role: 0, peer: 999, remote: 0)] == nil)
        #expect(Set(table.keys) == Set(reference.keys))
    }
}

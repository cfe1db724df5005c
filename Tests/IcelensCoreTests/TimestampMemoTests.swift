import Testing

@testable import IcelensCore

/// Parsing with a memo of the last date must give exactly what parsing alone gives, in any order of lines: the
/// same date with other times, other dates, invalid dates (never remembered), date-only values, offsets, epochs.
@Suite struct TimestampMemoTests {
    static let samples = [
        "2026-03-05T06:00:01.590Z", "2026-03-05T06:00:01Z", "2026-03-05 23:59:59.999", "2026-03-05T10:15:00+02:00",
        "2026-03-05", "2026-03-05T25:00:00Z", "2026-03-05Tx", "2026-03-06T00:00:00.1Z", "2024-02-29T12:00:00Z",
        "2023-02-29T12:00:00Z", "2026-13-01T00:00:00Z", "2026-03-0", "2026-03-05T06:00", "1700000000",
        "1700000000123", "2026-03-05t06:00:01,5z", "2026-03-05T06:00:01.590-0130", "20260305T060001Z",
    ]

    @Test func memoGivesTheSameTimesInAnyOrder() {
        var state: UInt64 = 99
        var memo = Timestamp.DateMemo()
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let text = Self.samples[Int(state >> 33) % Self.samples.count]
            let bytes = Array(text.utf8)
            let plain = bytes.withUnsafeBytes { Timestamp.parse($0) }
            let memoised = bytes.withUnsafeBytes { Timestamp.parse($0, memo: &memo) }
            #expect(plain == memoised, "\(text)")
        }
    }
}

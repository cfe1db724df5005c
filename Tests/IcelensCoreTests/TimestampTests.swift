import Testing

@testable import IcelensCore

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2026-03-02T10:15:00.123Z", Int64(1_772_446_500_123)),
        ("2026-03-02T10:15:00Z", 1_772_446_500_000),
        ("2026-03-02 10:15:00.123Z", 1_772_446_500_123),
        ("2026-03-02T11:15:00.123+01:00", 1_772_446_500_123),
        ("2026-03-02T05:15:00.123-0500", 1_772_446_500_123),
        ("2026-03-02T10:15:00.123456789Z", 1_772_446_500_123),
        ("2026-03-02T10:15:00.1Z", 1_772_446_500_100),
        ("2026-03-02T10:15:00", 1_772_446_500_000),
        ("1772446500", 1_772_446_500_000),
        ("1772446500.25", 1_772_446_500_250),
        ("1772446500123", 1_772_446_500_123),
        ("1970-01-01T00:00:00Z", 0),
        ("2024-02-29T00:00:00Z", 1_709_164_800_000),
    ])
    func parses(text: String, ms: Int64) {
        #expect(Array(text.utf8).withUnsafeBytes { Timestamp.parse($0) } == ms)
    }

    @Test(arguments: [
        "", "2026-13-02T10:15:00Z", "2026-02-30T10:15:00Z", "2026-03-02T25:00:00Z", "2026-03-02T10:15:00ZZ",
        "abc", "12a", "2026-03-02T10:15:00.Z", "2026-03-02X10:15:00Z", "2025-02-29T00:00:00Z",
    ])
    func rejects(text: String) {
        #expect(Array(text.utf8).withUnsafeBytes { Timestamp.parse($0) } == nil)
    }

    @Test func formatRoundTrips() {
        for ms: Int64 in [0, 1_772_446_500_123, 951_782_400_000, 4_102_444_799_999] {
            let text = Timestamp.format(ms)
            #expect(Array(text.utf8).withUnsafeBytes { Timestamp.parse($0) } == ms)
        }
        #expect(Timestamp.format(1_772_446_500_123) == "2026-03-02T10:15:00.123Z")
    }
}

import Foundation
import Testing

@testable import IcelensCore

/// Packing quiet tours (`FrozenTour`) must be invisible in the results: the same tours, figures and findings as
/// when every tour stays unpacked, whatever is packed, unpacked by a new event, packed again, and closed packed.
@Suite struct FrozenTourTests {
    /// Every event of the committed sample logs (300 tours, before and after), in time order, untimed last.
    static func sampleEvents() throws -> [Event] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("samples/logs")
        let located = InputLocator.locateEach([root.path])
        #expect(located.inputs.count == 6)
        var events: [Event] = []
        let scanner = InputScanner(options: ScanOptions())
        for (index, input) in located.inputs.enumerated() {
            _ = try scanner.scan(input, index: index, onEvent: { events.append($0) })
        }
        return events.enumerated().sorted { a, b in
            switch (a.element.timeMs, b.element.timeMs) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }

    /// Feeds `events` with idle closing (and packing, when configured) after each timed event.
    static func correlate(_ events: [Event], config: CorrelationConfig) -> (results: [TourResult], peakFrozen: Int) {
        let correlator = Correlator(config: config, remembersClosedTours: true)
        var results: [TourResult] = []
        var peakFrozen = 0
        for event in events {
            correlator.add(event)
            if let t = event.timeMs {
                correlator.closeIdleTours(watermarkMs: t) { results.append($0) }
                peakFrozen = max(peakFrozen, correlator.frozenTourCount)
            }
        }
        correlator.finish { results.append($0) }
        return (results, peakFrozen)
    }

    /// Packing after 0 s, 1 min and 10 min of quiet, every quiet tour (target 0) or only the quietest beyond 5
    /// unpacked tours.
    @Test(arguments: [(Int64(0), 0), (60_000, 0), (600_000, 0), (60_000, 5), (0, 5)])
    func packedToursGiveTheSameResults(freezeAfterMs: Int64, unpackedTourTarget: Int) throws {
        let events = try Self.sampleEvents()
        var plain = CorrelationConfig()
        plain.freezeAfterMs = nil
        var packed = CorrelationConfig()
        packed.freezeAfterMs = freezeAfterMs
        packed.unpackedTourTarget = unpackedTourTarget
        // A short idle window too, so that tours also close while packed.
        for idle: Int64 in [3 * 3_600_000, 20 * 60_000] {
            plain.idleCloseMs = idle
            packed.idleCloseMs = idle
            let expected = Self.correlate(events, config: plain)
            let got = Self.correlate(events, config: packed)
            #expect(expected.peakFrozen == 0)
            #expect(got.peakFrozen > 0)
            #expect(got.results.count == 300)
            #expect(got.results == expected.results)
        }
    }

    @Test func thawGivesBackTheSameState() throws {
        let events = try Self.sampleEvents()
        var byTour: [String: TourAccumulator] = [:]
        for event in events {
            guard let id = event.tour else { continue }
            let tour = byTour[id] ?? TourAccumulator(tour: id, tracksPresence: true)
            byTour[id] = tour
            _ = tour.add(event, limit: 1024)
        }
        #expect(byTour.count == 300)
        // Packed, a tour takes well under half its unpacked bytes (measured: about a quarter).
        let packed = byTour.values.reduce(0) { $0 + FrozenTour($1).bytes.count }
        let unpacked = byTour.values.reduce(0) { $0 + $1.approximateBytes }
        #expect(packed * 2 < unpacked)
        for tour in byTour.values {
            let thawed = FrozenTour(tour).thaw()
            #expect(thawed.tour == tour.tour)
            #expect(thawed.strings.strings == tour.strings.strings)
            #expect(thawed.firstSeenMs == tour.firstSeenMs)
            #expect(thawed.lastSeenMs == tour.lastSeenMs)
            #expect(thawed.label?.value == tour.label?.value)
            #expect(thawed.label?.timeMs == tour.label?.timeMs)
            #expect(thawed.apiCalls == tour.apiCalls)
            #expect(thawed.hasEnded == tour.hasEnded)
            #expect(thawed.attendeesPresent == tour.attendeesPresent)
            #expect(thawed.buckets.mapValues(\.records) == tour.buckets.mapValues(\.records))
            #expect(thawed.buckets.mapValues(\.maxTimeMs) == tour.buckets.mapValues(\.maxTimeMs))
            let config = CorrelationConfig()
            #expect(
                TourResolver(tour: thawed, config: config).result() == TourResolver(tour: tour, config: config).result()
            )
        }
    }

    /// Codes too wide for the two packed bytes (a future event kind) take the long form and come back intact.
    @Test func wideCodesRoundTrip() throws {
        let records = [
            EventRecord(timeMs: 5, instance: 3, kind: 13, state: 7, cache: 2, candidate: 4, flags: 3),
            EventRecord(timeMs: -9, instance: 0, kind: 40, state: 9, cache: 5, candidate: 200, flags: 255),
            EventRecord(timeMs: 7, instance: 1, kind: 10, state: 3, cache: 0, candidate: 0, flags: 1),
            EventRecord(timeMs: 7, instance: 1, kind: 1, state: 0, cache: 2, candidate: 0, flags: 3),
            EventRecord(timeMs: 0, instance: 1, kind: 15, state: 7, cache: 3, candidate: 7, flags: 0),
            EventRecord(timeMs: 0, instance: 1, kind: 2, state: 0, cache: 9, candidate: 0, flags: 1),
        ]
        for r in records {
            let e = ByteBuffer(capacity: 16)
            e.reserve(7)
            FrozenTour.put(r, to: e)
            let back = try Array(e.bytes).withUnsafeBytes { raw throws -> EventRecord in
                var d = SpillDecoder(raw)
                return try FrozenTour.record(time: r.timeMs, instance: r.instance, from: &d)
            }
            #expect(back == r)
        }
    }

    /// Regression: while standard input was read (tours held up to `heldTourLimit`), quiet tours were never
    /// packed as long as fewer than the limit were open, and a piped day took 25 MiB more than the same file.
    @Test func heldToursArePackedToo() throws {
        let events = try Self.sampleEvents()
        var config = CorrelationConfig()
        config.unpackedTourTarget = 50  // the samples' 300 tours are more than that
        let correlator = Correlator(config: config, remembersClosedTours: true)
        var peakFrozen = 0
        var results: [TourResult] = []
        for event in events {
            correlator.add(event)
            if let t = event.timeMs {
                correlator.closeIdleTours(watermarkMs: t, keepingAtMost: 10_000) { results.append($0) }
                peakFrozen = max(peakFrozen, correlator.frozenTourCount)
            }
        }
        correlator.finish { results.append($0) }
        #expect(peakFrozen > 100)
        var plain = CorrelationConfig()
        plain.freezeAfterMs = nil
        #expect(
            results.sorted(by: Correlator.resultOrder)
                == Self.correlate(events, config: plain).results.sorted(by: Correlator.resultOrder))
    }

    /// Unpacking rebuilds a tour's string table in one go; past the linear-search size it must index as interning
    /// one by one does.
    @Test func stringTableFromDistinctStringsIndexesLikeInterning() {
        for count in [0, 1, 23, 24, 25, 60] {
            let names = (0..<count).map { "peer-\($0)" }
            var built = StringTable(distinct: names)
            var interned = StringTable()
            for name in names { _ = interned.intern(name) }
            #expect(built.strings == interned.strings)
            for (i, name) in names.enumerated() { #expect(built.index(of: name) == UInt32(i + 1)) }
            #expect(built.intern("new") == UInt32(count + 1))
            #expect(built.index(of: "new") == UInt32(count + 1))
        }
    }
}

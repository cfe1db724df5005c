import Testing

@testable import IcelensCore

/// Resolving the last tours on two threads must hand out the same results, in the same order, as one thread; and
/// an error from the receiver must stop the helper without a hang.
@Suite struct ParallelCloseTests {
    /// The sample logs' 300 tours, some packed, resolved with a helper (from 2 tours on, the helper at most
    /// `window` tours ahead) and without.
    @Test(arguments: [2, 3, 16])
    func twoThreadsGiveTheSameResultsInOrder(window: Int) throws {
        let events = try FrozenTourTests.sampleEvents()
        var config = CorrelationConfig()
        config.freezeAfterMs = 60_000
        config.unpackedTourTarget = 0
        config.maxEventsPerConnection = 8  // so that the bound drops records and the count is checked too
        config.idleCloseMs = 365 * 86_400_000  // every tour stays open to the end (the samples span days)
        func correlator() -> Correlator {
            let c = Correlator(config: config, remembersClosedTours: true)
            for event in events {
                c.add(event)
                // Pack quiet tours along the way without closing any (the idle window is hours).
                if let t = event.timeMs { c.closeIdleTours(watermarkMs: t) { _ in Issue.record("closed early") } }
            }
            return c
        }
        let one = correlator()
        #expect(one.frozenTourCount > 0)
        let expected = one.finish()
        let two = correlator()
        var got: [TourResult] = []
        try two.finishOnTwoThreads(minimumForHelper: 2, window: window) { got.append($0) }
        #expect(expected.count == 300)
        #expect(got == expected)
        #expect(one.droppedEvents > 0)
        #expect(two.droppedEvents == one.droppedEvents)
        #expect(two.openTourCount == 0)
    }

    /// A report's per-tour work (`ReportBuilder.contribution`) made on the resolving threads gives the report of
    /// the tours made one after another on one thread.
    @Test func preparedOnBothThreadsBuildsTheSameReport() throws {
        let events = try FrozenTourTests.sampleEvents()
        var config = CorrelationConfig()
        config.idleCloseMs = 365 * 86_400_000
        let parameters = AnalysisParameters()
        let one = Correlator(config: config)
        let two = Correlator(config: config)
        for event in events {
            one.add(event)
            two.add(event)
        }
        var expected = ReportBuilder(parameters: parameters)
        for tour in one.finish() { expected.add(tour) }
        var got = ReportBuilder(parameters: parameters)
        var handed = 0
        try two.finishOnTwoThreads(
            minimumForHelper: 2, window: 4, prepare: { ReportBuilder.contribution(of: $0, parameters: parameters) }
        ) {
            handed += 1
            got.add($0)
        }
        #expect(handed == 300)
        #expect(got.finish(inputs: []) == expected.finish(inputs: []))
    }

    struct Stop: Error {}

    /// The receiver failing on the fifth tour (say, a closed output) ends the call with its error; the helper
    /// thread is stopped and waited for, and no result is handed out after the error.
    @Test func anErrorFromTheReceiverStopsTheHelper() throws {
        let events = try FrozenTourTests.sampleEvents()
        let correlator = Correlator(config: CorrelationConfig(), remembersClosedTours: true)
        for event in events { correlator.add(event) }
        var handed = 0
        #expect(throws: Stop.self) {
            try correlator.finishOnTwoThreads(minimumForHelper: 2) { _ in
                handed += 1
                if handed == 5 { throw Stop() }
            }
        }
        #expect(handed == 5)
    }
}

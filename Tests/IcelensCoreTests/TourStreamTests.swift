import Testing

@testable import IcelensCore

/// The merge of inputs by log time: inputs opened once (and only reopened beyond the parking limit), and the
/// correlator's held-tour limit for standard input.
@Suite struct TourStreamTests {
    /// A day's log of `tours` tours, each with a checking and a connected line an hour apart.
    static func log(day: Int, tours: Int, prefix: String) -> [UInt8] {
        var text = ""
        for t in 0..<tours {
            let hour = 8 + t
            text +=
                "2026-03-0\(day)T\(hour < 10 ? "0" : "")\(hour):00:00Z [attendee] [tour:\(prefix)\(t)] [peer:a-1] "
                + "iceConnectionState changed: checking\n"
            text +=
                "2026-03-0\(day)T\(hour < 10 ? "0" : "")\(hour):00:02Z [attendee] [tour:\(prefix)\(t)] [peer:a-1] "
                + "iceConnectionState changed: connected\n"
        }
        return Array(text.utf8)
    }

    func run(parked: Int, opens: inout [String]) throws -> [String] {
        let logs: [String: [UInt8]] = [
            "d3.log": Self.log(day: 3, tours: 4, prefix: "c"), "d1.log": Self.log(day: 1, tours: 4, prefix: "a"),
            "d2.log": Self.log(day: 2, tours: 4, prefix: "b"),
        ]
        var stream = TourStream(
            inputs: ["d3.log", "d1.log", "d2.log"].map(InputSpec.file), options: ScanOptions(),
            correlation: CorrelationConfig())
        stream.maxParkedInputs = parked
        var opened: [String] = []
        stream.openRaw = { spec in
            opened.append(spec.displayName)
            return MemoryByteSource(logs[spec.displayName] ?? [])
        }
        var tours: [String] = []
        let outcome = try stream.run { tours.append($0.tour) }
        opens = opened
        #expect(outcome.lateEvents == 0)
        let balanced = outcome.accounting.allSatisfy { $0.isBalanced }
        #expect(balanced)
        return tours
    }

    @Test func inputsAreOpenedOnce() throws {
        var opens: [String] = []
        let tours = try run(parked: 64, opens: &opens)
        #expect(opens.sorted() == ["d1.log", "d2.log", "d3.log"])
        #expect(tours.count == 12)
        #expect(tours.first == "a0", "merged by log time: day 1 first")
    }

    @Test func inputsBeyondTheParkingLimitAreReopenedWithTheSameResult() throws {
        var opens: [String] = []
        let all = try run(parked: 64, opens: &opens)
        let limited = try run(parked: 1, opens: &opens)
        #expect(limited == all)
        #expect(opens.count == 5, "the first waits open; the other two are opened again: \(opens)")
    }

    @Test func heldTourLimitClosesTheLongestIdleFirst() {
        let correlator = Correlator(config: CorrelationConfig(idleCloseMs: 1000))
        for (i, tour) in ["t1", "t2", "t3"].enumerated() {
            var e = Event(kind: .iceRestart)
            e.tour = tour
            e.timeMs = Int64(i) * 10_000
            correlator.add(e)
        }
        #expect(correlator.closeIdleTours(watermarkMs: 100_000, keepingAtMost: 3).isEmpty)
        #expect(correlator.closeIdleTours(watermarkMs: 100_000, keepingAtMost: 1).map(\.tour) == ["t1", "t2"])
        #expect(correlator.openTourCount == 1)
    }
}

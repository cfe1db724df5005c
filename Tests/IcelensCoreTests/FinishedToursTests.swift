import Foundation
import Testing

@testable import IcelensCore

/// `FinishedTours` keeps finished tours on disk in sorted runs: whatever the batch size, the rows and findings must
/// come back exactly as the in-memory order gives them, every value intact (hostile strings included).
@Suite struct FinishedToursTests {
    /// Tours finishing out of order: times shuffled, some equal, some missing, ids that tie.
    static func shuffledTours(_ n: Int) -> [TourResult] {
        var tours: [TourResult] = []
        for i in 0..<n {
            let time: Int64? = i % 7 == 3 ? nil : Sample.t0 + Int64((i * 7_919) % 97) * 60_000
            let id = i % 11 == 5 ? "t-same" : "t-\u{202E}\"\(i)\\"
            var tour = Sample.incidentTours[i % 2]
            tour.tour = id
            tour.firstSeenMs = time
            tour.label = i % 3 == 0 ? nil : "v\(i % 4)"
            tour.connections = tour.connections.map { c in
                var c = c
                c.tour = id
                return c
            }
            tours.append(tour)
        }
        return tours
    }

    @Test(arguments: [1, 2, 3, 16, 1_000])
    func spilledRunsReadBackInTheSameOrder(batch: Int) {
        let tours = Self.shuffledTours(150)
        let memory = ReportBuilder.build(tours: tours, inputs: [])
        #expect(memory.finished.spilledRuns == 0)
        let store = FinishedTours(batchLimit: batch)
        var builder = ReportBuilder(parameters: AnalysisParameters(), store: store)
        for tour in tours { builder.add(tour) }
        let spilled = builder.finish(inputs: [])
        #expect(store.spilledRuns == (batch >= 150 ? 0 : (150 + batch - 1) / batch))
        #expect(spilled.tours == memory.tours)
        #expect(spilled.findings == memory.findings)
        #expect(spilled.finished.findingCount == memory.findings.count)
        #expect(spilled.finished.flaggedTourCount == memory.tours.filter(\.flagged).count)
        #expect(store.readFailure == nil)
        // Read twice: renderers may.
        #expect(spilled.tours == memory.tours)
        #expect(JSONRenderer().string(spilled) == JSONRenderer().string(memory))
    }

    @Test func byteLimitSpillsToo() {
        let store = FinishedTours(batchLimit: 10_000, byteLimit: 1)
        var builder = ReportBuilder(parameters: AnalysisParameters(), store: store)
        for tour in Self.shuffledTours(20) { builder.add(tour) }
        _ = builder.finish(inputs: [])
        #expect(store.spilledRuns == 20)
    }

    /// No temporary file can be made (a read-only or missing folder): the tours stay in memory, nothing is lost.
    @Test func unwritableFolderKeepsToursInMemory() {
        let tours = Self.shuffledTours(30)
        let store = FinishedTours(batchLimit: 4, directory: "/nonexistent-icelens-folder")
        var builder = ReportBuilder(parameters: AnalysisParameters(), store: store)
        for tour in tours { builder.add(tour) }
        let report = builder.finish(inputs: [])
        #expect(store.spilledRuns == 0)
        #expect(report.tours == ReportBuilder.build(tours: tours, inputs: []).tours)
    }

    @Test func prefixStopsEarly() {
        let store = FinishedTours(batchLimit: 4)
        var builder = ReportBuilder(parameters: AnalysisParameters(), store: store)
        let tours = Self.shuffledTours(40)
        for tour in tours { builder.add(tour) }
        let report = builder.finish(inputs: [])
        #expect(store.prefixFindings(3) == Array(report.findings.prefix(3)))
        #expect(store.prefixFindings(0).isEmpty)
    }

    @Test func codecRoundTripsEveryField() throws {
        let report = ReportBuilder.build(tours: Self.shuffledTours(12), inputs: [])
        for row in report.tours {
            let e = SpillEncoder()
            e.row(row)
            let (decoded, atEnd) = try Array(e.bytes).withUnsafeBytes { raw throws -> (TourRow, Bool) in
                var d = SpillDecoder(raw)
                let r = try d.row()
                return (r, d.isAtEnd)
            }
            #expect(decoded == row)
            #expect(atEnd)
        }
        for finding in report.findings {
            let e = SpillEncoder()
            e.finding(finding)
            let decoded = try Array(e.bytes).withUnsafeBytes { raw throws -> Finding in
                var d = SpillDecoder(raw)
                return try d.finding()
            }
            #expect(decoded == finding)
        }
        // Cut records throw instead of reading past their end.
        let e = SpillEncoder()
        e.finding(report.findings[0])
        for cut in 0..<e.bytes.count {
            let bytes = Array(e.bytes[0..<cut])
            let failed = bytes.withUnsafeBytes { raw -> Bool in
                var d = SpillDecoder(raw)
                return (try? d.finding()) == nil
            }
            #expect(failed, "cut at \(cut)")
        }
    }

    /// A run that cannot be read back whole (the file ends early, or a record does not decode) stops with a reason,
    /// never with a wrong or invented tour: the CLI then exits 74 saying the output is incomplete.
    @Test func unreadableRunStopsWithAReason() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("icelens-spill-\(getpid())").path
        defer { unlink(path) }
        // A record claiming 100 bytes, of which 3 are there.
        try Data([200, 1, 2, 3]).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var short = SpillRunReader<FinishedTours.Entry>(fd: fd, range: 0..<4)
        #expect(short.next() == nil)
        #expect(short.failure?.contains("ends early") == true)
        // Claimed past the file's end.
        var past = SpillRunReader<FinishedTours.Entry>(fd: fd, range: 0..<400)
        #expect(past.next() == nil)
        #expect(past.failure != nil)
        // A whole record of garbage.
        try Data([6, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]).write(to: URL(fileURLWithPath: path))
        var garbage = SpillRunReader<FinishedTours.Entry>(fd: fd, range: 0..<7)
        #expect(garbage.next() == nil)
        #expect(garbage.failure?.contains("does not decode") == true)
    }
}

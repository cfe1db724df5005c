import Foundation
import Testing

@testable import IcelensCore

/// The per-instance table and the guide x attendee matrix: they count every connection once per instance it used
/// and once in the matrix, show the incident's failures off the diagonal, and stay bounded on hostile logs.
@Suite struct InstanceTableTests {
    @Test func samplesCountEachConnectionWhereItWent() throws {
        let (tours, _) = try FilterTests.allTours()
        let report = try FilterTests.report()
        let table = report.instances
        let connections = tours.flatMap(\.connections)
        for row in table.rows {
            let used = connections.filter { c in
                c.attempts.contains { $0.guideInstance == row.instance || $0.attendeeInstance == row.instance }
            }
            #expect(row.connections == used.count, "\(row.instance)")
            #expect(row.failed == used.filter { $0.outcome == .failed }.count)
            #expect(row.timeouts == used.filter(\.timedOut).count)
        }
        #expect(table.rows.count == 9)
        #expect(table.cells.reduce(0) { $0 + $1.connections } == report.summary.connections)
        #expect(table.cells.reduce(0) { $0 + $1.failed } == report.summary.failed)
        // The story: on the samples every failure sits off the diagonal.
        #expect(table.cells.filter { !$0.mismatched }.allSatisfy { $0.failed == 0 })
        #expect(table.cells.filter(\.mismatched).reduce(0) { $0 + $1.failed } == report.summary.failed)
        let text = TextRenderer().string(report)
        #expect(text.contains("guide \\ att.") && text.contains("N stands for fr-turnN.xirsys.com"))
        let json = try CLI.json(JSONRenderer().string(report))
        let instances = try #require(json["instances"] as? [String: Any])
        #expect((instances["rows"] as? [Any])?.count == 9)
        #expect((instances["matrix"] as? [Any])?.count == table.cells.count)
    }

    @Test func aFloodOfHostsIsCappedAndCounted() {
        var accumulator = InstanceAccumulator()
        for i in 0..<2_000 {
            accumulator.add(Sample.timedOut("a-\(i)", guide: "g\(i).example", mine: "h\(i).example"))
        }
        let table = accumulator.table()
        #expect(table.rows.count == InstanceAccumulator.maxInstances)
        #expect(table.instancesNotListed == InstanceAccumulator.maxInstances)
        #expect(table.cells.count == InstanceAccumulator.maxInstances * 4)
        // Too many instances for a grid: one line a cell, within the width.
        var report = ReportBuilder.build(tours: [], inputs: [])
        report.instances = table
        for line in TextRenderer().string(report).split(separator: "\n") {
            #expect(TextLayout.columns(String(line)) <= 80)
        }
    }

    @Test func shortNamesDropWhatEveryInstanceShares() {
        let hosts: [String?] = ["fr-turn1.xirsys.com", "fr-turn12.xirsys.com", nil]
        let short = TextRenderer.shortNames(hosts)
        #expect(short["fr-turn12.xirsys.com"] == "fr-turn12")
        #expect(TextRenderer.commonStem(Array(short.values)) == "fr-turn")
        #expect(TextRenderer.commonSuffix(["a.example", "b.other"]) == nil)
        #expect(TextRenderer.commonStem(["turn", "turn2"]) == "tur")
    }
}

import Foundation
import Testing

@testable import IcelensCore

/// `icelens connections`: one record a connection that adds up to the report, survives the spill file of finished
/// tours intact, and reads the same in every format.
@Suite struct ConnectionListTests {
    static func samplesList(split: PeriodSplit? = nil, filter: TourFilter = TourFilter()) throws -> ConnectionList {
        var settings = AnalysisSettings()
        settings.parameters.filter = filter
        let report = try Analysis.report(
            FilterTests.sampleInputs, settings: settings, keeping: ReportBuilder.ConnectionKeeping(split: split))
        return ConnectionList(report, split: split)
    }

    @Test func recordsAddUpToTheReportSummary() throws {
        let list = try Self.samplesList()
        let s = list.report.summary
        let records = list.records
        let connections = records.map(\.connection)
        #expect(records.count == s.connections)
        #expect(list.report.finished.connectionCount == s.connections)
        #expect(connections.filter { $0.outcome == .connected }.count == s.connected)
        #expect(connections.filter { $0.outcome == .failed }.count == s.failed)
        #expect(connections.filter { $0.outcome == .incomplete }.count == s.incomplete)
        #expect(connections.filter(\.mismatched).count == s.mismatched)
        #expect(connections.filter(\.timedOut).count == s.timeouts)
        #expect(connections.filter(\.fellBack).count == s.fallbacks)
        #expect(connections.reduce(0) { $0 + $1.attempts.count } == s.attempts)
        #expect(records.filter { !$0.flags.isEmpty }.count == list.report.finished.findingCount)
        // In tour order, then attendee order, like the rows of `tours`.
        let tourOrder = list.report.finished.rows.map(\.tour)
        var seen: [String] = []
        for r in records where seen.last != r.connection.tour { seen.append(r.connection.tour) }
        #expect(seen == tourOrder)
    }

    @Test func periodsFollowTheSplit() throws {
        let cutoff = FilterTests.march2
        let list = try Self.samplesList(split: .cutoff(ms: cutoff))
        for r in list.records {
            let first = try #require(list.report.finished.rows.first { $0.tour == r.connection.tour }?.firstSeenMs)
            #expect(r.period == (first >= cutoff ? .after : .before))
        }
        #expect(try Self.samplesList().records.allSatisfy { $0.period == nil })
    }

    @Test func spilledRecordsReadBackIntact() throws {
        let tours = FinishedToursTests.shuffledTours(40)
        let keeping = ReportBuilder.ConnectionKeeping(split: .cutoff(ms: Sample.t0 + 30 * 60_000))
        func list(batch: Int) -> [ConnectionRecord] {
            let store = FinishedTours(batchLimit: batch)
            var builder = ReportBuilder(parameters: AnalysisParameters(), store: store)
            for tour in tours {
                builder.add(ReportBuilder.contribution(of: tour, parameters: AnalysisParameters(), keeping: keeping))
            }
            return ConnectionList(builder.finish(inputs: [])).records
        }
        let memory = list(batch: 1_000)
        #expect(memory.count == tours.reduce(0) { $0 + $1.connections.count })
        #expect(list(batch: 3) == memory)
        // Every field through the codec, and a cut record never decodes.
        for record in memory {
            let e = SpillEncoder()
            e.connection(record)
            let decoded = try Array(e.bytes).withUnsafeBytes { raw throws -> ConnectionRecord in
                var d = SpillDecoder(raw)
                return try d.connection()
            }
            #expect(decoded == record)
            for cut in 0..<e.bytes.count {
                let failed = Array(e.bytes[0..<cut]).withUnsafeBytes { raw -> Bool in
                    var d = SpillDecoder(raw)
                    return (try? d.connection()) == nil
                }
                #expect(failed, "cut at \(cut)")
            }
        }
    }

    @Test func ndjsonLinesAreTheJSONListsRecords() throws {
        let list = try Self.samplesList(filter: TourFilter(flaggedOnly: true))
        var ndjson = ""
        NDJSONRenderer().render(list, into: &ndjson)
        let lines = ndjson.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == list.records.count)
        var json = ""
        JSONRenderer().render(list, into: &json)
        let document = try CLI.json(json)
        #expect(document["kind"] as? String == "connections")
        let listed = try #require(document["connections"] as? [[String: Any]])
        #expect(listed.count == lines.count)
        for (line, object) in zip(lines, listed) {
            let parsed = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary)
            #expect(parsed == object as NSDictionary)
            #expect(Array(parsed.allKeys as! [String]).count == 25)
        }
        let timedOut = try #require(listed.first { $0["timed_out"] as? Bool == true })
        let attempts = try #require(timedOut["attempts"] as? [[String: Any]])
        #expect(attempts.contains { $0["outcome"] as? String == "timeout" })
        #expect(
            attempts.allSatisfy { a in
                a["outcome"] as? String == "timeout"
                    ? ["explicit", "inferred"].contains(a["timeout"] as? String) : a["timeout"] is NSNull
            })
    }

    @Test func csvHasOneRowAConnectionAndDefusesFormulas() throws {
        var tour = Sample.incidentTours[0]
        tour.tour = "=HYPERLINK(\"x\")"
        tour.connections = tour.connections.map {
            var c = $0; c.tour = tour.tour; return c
        }
        var builder = ReportBuilder()
        builder.add(ReportBuilder.contribution(of: tour, parameters: AnalysisParameters(), keeping: .init()))
        let list = ConnectionList(builder.finish(inputs: []))
        var csv = ""
        CSVRenderer().render(list, into: &csv)
        let rows = csv.split(separator: "\n")
        #expect(rows.first.map(String.init) == CSVRenderer.connectionHeader.joined(separator: ","))
        #expect(rows.count == 1 + tour.connections.count)
        #expect(!rows.dropFirst().contains { $0.hasPrefix("=") })
    }
}

import Foundation
import Testing

@testable import IcelensCore

/// The whole pipeline (files -> events -> tours -> report -> renderers) on a tiny committed story in three
/// inputs: the incident (guide on a cached fr-turn8, attendee on a fresh fr-turn7, 30 s timeout) and the fix
/// (shared config, quick connect; a fallback that restarts onto the guide's instance).
enum Story {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/story")

    static let inputs: [InputSpec] = ["browser-guide.log", "browser-attendees.log", "server/signaling.log.gz"].map {
        InputSpec(path: folder.appendingPathComponent($0).path, displayName: "story/" + $0)
    }

    static func report() throws -> AnalysisReport {
        try Analysis.report(inputs, settings: AnalysisSettings())
    }

    static func comparison() throws -> ComparisonReport {
        let cutoff = try #require(Array("2026-03-02T00:00:00Z".utf8).withUnsafeBytes { Timestamp.parse($0) })
        return try Analysis.compare(inputs, split: .cutoff(ms: cutoff), settings: AnalysisSettings())
    }
}

@Suite struct StoryPipelineTests {
    @Test func figures() throws {
        let report = try Story.report()
        let s = report.summary
        #expect(s.tours == 2)
        #expect(s.connections == 4)
        #expect(s.connected == 3)
        #expect(s.failed == 1)
        #expect(s.timeouts == 1)
        #expect(s.mismatched == 2)  // a-19 (fr-turn7 vs fr-turn8) and a-2's first attempt (fr-turn3 vs fr-turn7)
        #expect(s.xirsysApiCalls == 4)  // before: 2 browser fetches; after: the 2 server-logged calls
        #expect(report.inputs.totals.read == 34)
        #expect(report.inputs.totals.malformed == 1)
        #expect(report.inputs.totals.isBalanced)
        let a19 = try #require(report.findings.first { $0.attendee == "a-19" })
        #expect(a19.reason.contains("fr-turn7.xirsys.com"))
        #expect(a19.reason.contains("fr-turn8.xirsys.com"))
        #expect(a19.reason.contains("30 s"))
    }

    @Test func goldenOutputs() throws {
        let report = try Story.report()
        expectGolden(TextRenderer().string(report), "story-report.txt")
        expectGolden(JSONRenderer().string(report), "story-report.json")
        let comparison = try Story.comparison()
        expectGolden(TextRenderer().string(comparison), "story-compare.txt")
        expectGolden(JSONRenderer().string(comparison), "story-compare.json")
        #expect(!JSONRenderer().string(report).contains("secret"))
    }

    @Test func splitByFieldValueInVersionOrder() throws {
        let lines = [
            #"{"ts":"2026-03-02T10:15:02Z","tour":"t-1","role":"attendee","peer":"a-1","event":"ice.state","state":"checking","appVersion":"2.3.9"}"#,
            #"{"ts":"2026-03-02T10:15:02Z","tour":"t-2","role":"attendee","peer":"a-1","event":"ice.state","state":"checking","context":{"appVersion":"2.10.0"}}"#,
            "ts=2026-03-02T10:15:02Z tour=t-3 role=attendee peer=a-1 event=ice.state state=checking appversion=2.4.0",
            "ts=2026-03-02T10:15:02Z tour=t-4 role=attendee peer=a-1 event=ice.state state=checking",
        ]
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("icelens-split-\(getpid()).log")
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var scan = ScanOptions()
        scan.labelField = "appVersion"
        let report = try Analysis.compare(
            [.file(url.path)], split: .label(field: "appVersion", value: "2.4.0"),
            settings: AnalysisSettings(scan: scan))
        #expect(report.comparison.before.tours == 1)
        #expect(report.comparison.after.tours == 2)
        #expect(report.unassignedTours == 1)
    }
}

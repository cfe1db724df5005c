import Foundation
import Testing

@testable import IcelensCore

/// Compares `actual` with Tests/IcelensCoreTests/Golden/`name`. A missing golden file is written and the test
/// FAILS, so that a new golden file is always reviewed and committed. Set ICELENS_UPDATE_GOLDEN=1 to rewrite.
func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        .appendingPathComponent(name)
    let update = ProcessInfo.processInfo.environment["ICELENS_UPDATE_GOLDEN"] == "1"
    guard !update, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try? FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record(
            "golden file \(name) was written: review it, commit it, and run the tests again",
            sourceLocation: sourceLocation)
        return
    }
    #expect(actual == expected, "output differs from golden file \(name)", sourceLocation: sourceLocation)
}

/// Parses JSON text back, failing the test when it is not valid JSON.
func parseJSON(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [String: Any]? {
    do {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [])
        return object as? [String: Any]
    } catch {
        Issue.record("not valid JSON: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

@Suite struct JSONTests {
    static var smallReport: AnalysisReport {
        ReportBuilder.build(tours: Sample.incidentTours, inputs: Sample.accounting, eventsWithoutTour: 3)
    }

    static var smallComparison: ComparisonReport {
        var builder = ComparisonBuilder(split: .cutoff(ms: Sample.t0))
        let (before, after) = CompareTests.periods()
        for tour in before.prefix(3) + after.prefix(2) { builder.add(tour) }
        builder.add(Sample.tour("undated", connections: [], firstSeenMs: nil))
        return builder.finish(inputs: Sample.accounting, eventsWithoutTour: 1)
    }

    @Test func goldenReport() {
        expectGolden(JSONRenderer().string(Self.smallReport), "report.json")
    }

    @Test func goldenReportCompact() {
        expectGolden(JSONRenderer(style: .compact).string(Self.smallReport), "report-compact.json")
    }

    @Test func goldenComparison() {
        expectGolden(JSONRenderer().string(Self.smallComparison), "compare.json")
    }

    @Test func goldenEmptyReport() {
        expectGolden(JSONRenderer().string(ReportBuilder.build(tours: [], inputs: [])), "report-empty.json")
    }

    @Test func reportParsesBackWithTheSpecKeys() throws {
        let text = JSONRenderer().string(Self.smallReport)
        let object = try #require(parseJSON(text))
        #expect(object["schema"] as? String == "icelens/1")
        #expect(object["kind"] as? String == "report")
        let summary = try #require(object["summary"] as? [String: Any])
        for key in [
            "tours", "connections", "connected", "failed", "incomplete", "success_rate", "timeouts", "mismatched",
            "ttc_p50_s", "ttc_p90_s", "ttc_p99_s", "ttc_max_s", "ttc_under_5s_share", "xirsys_api_calls",
            "xirsys_api_calls_per_tour", "fallback_rate",
        ] {
            #expect(summary[key] != nil, "summary lacks \(key)")
        }
        #expect(summary["success_rate"] as? Double == 0.75)
        #expect(summary["ttc_p50_s"] as? Double == 1.8)
        #expect(summary["ttc_under_5s_share"] as? Double == 0.6667)
        // Compact and pretty say the same thing.
        let compact = try #require(parseJSON(JSONRenderer(style: .compact).string(Self.smallReport)))
        #expect(NSDictionary(dictionary: compact).isEqual(to: object))
        #expect(!JSONRenderer(style: .compact).string(Self.smallReport).dropLast().contains("\n"))
    }

    @Test func nilIsNull() throws {
        let text = JSONRenderer().string(ReportBuilder.build(tours: [], inputs: []))
        #expect(text.contains("\"success_rate\": null"))
        #expect(text.contains("\"ttc_p90_s\": null"))
        let object = try #require(parseJSON(text))
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["success_rate"] is NSNull)
    }

    @Test func topLevelKeysInTheDocumentedOrder() {
        let text = JSONRenderer().string(Self.smallReport)
        let topLevel = text.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map {
            String($0.dropFirst(3).prefix { $0 != "\"" })
        }
        #expect(
            topLevel == [
                "schema", "kind", "generated_by", "version", "parameters", "inputs", "summary", "instances", "findings",
                "tours",
            ])
        let compare = JSONRenderer().string(Self.smallComparison).split(separator: "\n")
            .filter { $0.hasPrefix("  \"") }.map { String($0.dropFirst(3).prefix { $0 != "\"" }) }
        #expect(
            compare == [
                "schema", "kind", "generated_by", "version", "parameters", "split", "periods", "unassigned", "changes",
                "verdicts", "mismatch_outcome", "inputs",
            ])
    }

    @Test func comparisonParsesBack() throws {
        let object = try #require(parseJSON(JSONRenderer().string(Self.smallComparison)))
        #expect(object["kind"] as? String == "compare")
        let periods = try #require(object["periods"] as? [String: Any])
        let after = try #require(periods["after"] as? [String: Any])
        #expect(after["tours"] as? Int == 2)
        let verdicts = try #require(object["verdicts"] as? [String: Any])
        let noTimeouts = try #require(verdicts["no_timeouts"] as? [String: Any])
        #expect(noTimeouts["status"] as? String == "met")
        let changes = try #require(object["changes"] as? [String: Any])
        let success = try #require(changes["success_rate"] as? [String: Any])
        let test = try #require(success["test"] as? [String: Any])
        #expect(test["method"] as? String == "fisher_exact")
    }

    @Test func hostileStringsStayValidJSON() throws {
        let hostile =
            "t-\u{1B}[31mred\u{1B}[0m<script>alert(1)</script>=HYPERLINK(\"http://x\")\nnext\u{0}\u{7F}"
            + "\u{9B}2J\u{2028}\u{2029}\\\"\t\r\u{8}\u{C}é🧊"
        var connection = Sample.timedOut(hostile, tour: hostile, guide: "=cmd|' /C calc'!A0", mine: hostile)
        connection.firstSeenMs = .max
        var tour = Sample.tour(
            hostile, connections: [connection], firstSeenMs: .min, label: hostile,
            byRole: [hostile: 1])
        tour.guide = hostile
        tour.guideInstances = [hostile]
        var input = InputAccounting(input: hostile)
        input.damage = Damage(byteOffset: .max, reason: hostile)
        let report = ReportBuilder.build(tours: [tour], inputs: [input])
        for style in [JSONStyle.pretty, .compact] {
            let text = JSONRenderer(style: style).string(report)
            let object = try #require(parseJSON(text))
            let tours = try #require(object["tours"] as? [[String: Any]])
            #expect(tours.first?["tour"] as? String == hostile)
            #expect(tours.first?["label"] as? String == hostile)
            let findings = try #require(object["findings"] as? [[String: Any]])
            #expect(findings.first?["attendee"] as? String == hostile)
            // Nothing a terminal would act on reaches the output raw.
            for scalar in text.unicodeScalars {
                let v = scalar.value
                #expect(!((v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029))
            }
            #expect(text.contains("\\u001b[31m"))
            #expect(text.contains("\\u009b"))
            #expect(text.contains("\\u2028"))
        }
        expectGolden(JSONRenderer().string(report), "report-hostile.json")
    }

    @Test func escaping() {
        #expect(JSONText.quoted("plain") == "\"plain\"")
        #expect(JSONText.quoted("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(JSONText.quoted("\n\t\u{0}\u{1F}") == "\"\\u000a\\u0009\\u0000\\u001f\"")
        #expect(JSONText.quoted("\u{2028}\u{2029}") == "\"\\u2028\\u2029\"")
        #expect(JSONText.quoted("é🧊/") == "\"é🧊/\"")
    }

    @Test func numbers() {
        #expect(JSONText.decimal(0.75, places: 4) == "0.75")
        #expect(JSONText.decimal(2.0 / 3.0, places: 4) == "0.6667")
        #expect(JSONText.decimal(3, places: 4) == "3")
        #expect(JSONText.decimal(-0.03812, places: 4) == "-0.0381")
        #expect(JSONText.decimal(-0.00001, places: 4) == "0")
        #expect(JSONText.decimal(nil, places: 4) == "null")
        #expect(JSONText.decimal(.nan, places: 4) == "null")
        #expect(JSONText.decimal(.infinity, places: 4) == "null")
        #expect(JSONText.decimal(1e20, places: 4) == "1e+20")
        #expect(JSONText.seconds(ms: 1_800) == "1.8")
        #expect(JSONText.seconds(ms: 30_000) == "30")
        #expect(JSONText.seconds(ms: 50) == "0.05")
        #expect(JSONText.seconds(ms: -1_234) == "-1.234")
        #expect(JSONText.seconds(ms: .min) == "-9223372036854775.808")
        #expect(JSONText.seconds(ms: nil) == "null")
        #expect(JSONText.pValue(0.4857142) == "0.4857")
        #expect(JSONText.pValue(0.00040695) == "4.07e-4")
        #expect(JSONText.pValue(1.1847e-9) == "1.18e-9")
        #expect(JSONText.pValue(9.996e-5) == "1e-4")
        #expect(JSONText.pValue(1) == "1")
        #expect(JSONText.pValue(0) == "0")
        #expect(JSONText.pValue(nil) == "null")
    }

    @Test func rendersIntoAnyTextOutputStream() {
        struct Counter: TextOutputStream {
            var bytes = 0
            mutating func write(_ string: String) { bytes += string.utf8.count }
        }
        var counter = Counter()
        JSONRenderer().render(Self.smallReport, into: &counter)
        #expect(counter.bytes == JSONRenderer().string(Self.smallReport).utf8.count)
        var prefixed = "x"
        JSONRenderer(style: .compact).render(Self.smallComparison, into: &prefixed)
        #expect(prefixed.hasPrefix("x{\"schema\":\"icelens/1\",\"kind\":\"compare\""))
    }
}

import Testing

@testable import IcelensCore

/// Reports full of what logs can throw at a renderer: ANSI escapes, markup, spreadsheet formulas, newlines,
/// a 300-character id and a credential-looking input name. Shared by the text and CSV renderer tests.
enum HostileSample {
    static let ansi = "t-\u{1B}[31mred\u{1B}[0m"
    static let longId = "t-" + String(repeating: "x", count: 296) + "-end"
    static let values = [
        ansi, "<script>alert(1)</script>", "=HYPERLINK(\"http://evil\",\"click\")", "line1\nline2\r\u{0}\u{7F}\u{9B}2J",
        longId, "-2+3", "@SUM(A1)", "a,b\"c", "\u{202E}evil\u{2066}", "wide🧊漢字" + String(repeating: "漢", count: 60),
    ]
    static let credentialInput = "turn:u-secret:c-secret@fr-turn8.xirsys.com/\u{1B}]0;title\u{7}logs.gz"

    static var tours: [TourResult] {
        values.enumerated().map { i, id in
            var connection = Sample.timedOut(id, tour: id, guide: id, mine: "fr-turn7.xirsys.com")
            connection.firstSeenMs = Sample.t0
            var tour = Sample.tour(id, connections: [connection], label: id, byRole: [id: 1])
            tour.guide = id
            tour.guideInstances = i % 2 == 0 ? [id] : [id, "fr-turn8.xirsys.com"]
            return tour
        }
    }

    static var inputs: [InputAccounting] {
        var a = InputAccounting(input: credentialInput)
        a.read = 1_234_567
        a.recognised = 1_234_000
        a.malformed = 567
        a.gzip = true
        a.damage = Damage(byteOffset: 9_876_543, reason: "corrupt deflate data: \u{1B}[2J" + longId)
        var b = InputAccounting(input: longId + " with spaces " + ansi)
        b.read = 3
        b.unrecognised = 3
        return [a, b]
    }

    static var report: AnalysisReport {
        ReportBuilder.build(tours: tours, inputs: inputs, eventsWithoutTour: 12)
    }

    static var comparison: ComparisonReport {
        ComparisonBuilder.build(
            before: Array(tours.prefix(5)), after: Array(tours.dropFirst(5)),
            split: .inputSets(before: [credentialInput, ansi], after: [longId]), inputs: inputs)
    }
}

/// Checks every line of text output: no control byte but "\n", ANSI only as our own colours when `color`, and no
/// line wider than `width` columns once colours are stripped.
func expectTerminalSafe(
    _ text: String, width: Int, color: Bool, sourceLocation: Testing.SourceLocation = #_sourceLocation
) {
    var plain = text
    for escape in ["\u{1B}[31m", "\u{1B}[32m", "\u{1B}[33m", "\u{1B}[0m"] {
        if color { plain = plain.replacingAll(escape, with: "") }
    }
    for scalar in plain.unicodeScalars {
        let v = scalar.value
        let bad =
            (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
            || (0x2066...0x2069).contains(v)
        #expect(!bad, "control character U+\(String(v, radix: 16)) in output", sourceLocation: sourceLocation)
        if bad { return }
    }
    #expect(text.hasSuffix("\n"), sourceLocation: sourceLocation)
    for line in plain.split(separator: "\n", omittingEmptySubsequences: false) {
        #expect(
            TextLayout.columns(String(line)) <= width, "line wider than \(width): \(line)",
            sourceLocation: sourceLocation)
        #expect(!line.hasSuffix(" "), "trailing space: \(line)", sourceLocation: sourceLocation)
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

@Suite struct TextRendererTests {
    static var smallReport: AnalysisReport { JSONTests.smallReport }
    static var emptyReport: AnalysisReport { ReportBuilder.build(tours: [], inputs: []) }

    @Test func goldenReport() {
        let text = TextRenderer().string(Self.smallReport)
        expectGolden(text, "report.txt")
        expectTerminalSafe(text, width: 80, color: false)
        #expect(!text.contains("\u{1B}"))
    }

    @Test func goldenEmptyReport() {
        let text = TextRenderer().string(Self.emptyReport)
        expectGolden(text, "report-empty.txt")
        expectTerminalSafe(text, width: 80, color: false)
    }

    @Test func goldenComparison() {
        let text = TextRenderer().string(JSONTests.smallComparison)
        expectGolden(text, "compare.txt")
        expectTerminalSafe(text, width: 80, color: false)
        #expect(!text.contains("\u{1B}"))
    }

    @Test func goldenTours() {
        let all = TextRenderer().toursString(Self.smallReport, flaggedOnly: false)
        expectGolden(all, "tours.txt")
        expectTerminalSafe(all, width: 80, color: false)
        let flagged = TextRenderer().toursString(Self.moreTours, flaggedOnly: true)
        expectGolden(flagged, "tours-flagged.txt")
        expectTerminalSafe(flagged, width: 80, color: false)
        #expect(!flagged.contains("t-clean"))
        #expect(TextRenderer().toursString(Self.moreTours, flaggedOnly: false).contains("t-clean"))
    }

    @Test func goldenColour() {
        let style = TextStyle(color: true)
        let report = TextRenderer(style: style).string(Self.smallReport)
        let compare = TextRenderer(style: style).string(JSONTests.smallComparison)
        let tours = TextRenderer(style: style).toursString(Self.smallReport, flaggedOnly: false)
        expectGolden(report, "report-color.txt")
        expectGolden(compare, "compare-color.txt")
        #expect(report.contains("\u{1B}[31mmismatch\u{1B}[0m, \u{1B}[31mtimeout\u{1B}[0m"))
        #expect(report.contains("\u{1B}[33mslow\u{1B}[0m"))
        #expect(tours.contains("\u{1B}[31m*\u{1B}[0m"))
        for text in [report, compare, tours] {
            #expect(text.contains("\u{1B}[0m"))
            expectTerminalSafe(text, width: 80, color: true)
        }
        #expect(compare.contains("\u{1B}[32mMET\u{1B}[0m"))
        // Without colour the same text, escapes removed.
        var plain = report
        for escape in ["\u{1B}[31m", "\u{1B}[32m", "\u{1B}[33m", "\u{1B}[0m"] {
            plain = plain.replacingAll(escape, with: "")
        }
        #expect(plain == TextRenderer().string(Self.smallReport))
    }

    @Test func hostileReportAtEveryWidth() {
        for width in [80, 60, 40, 132] {
            for color in [false, true] {
                let renderer = TextRenderer(style: TextStyle(color: color, width: width))
                let texts = [
                    renderer.string(HostileSample.report), renderer.string(HostileSample.comparison),
                    renderer.toursString(HostileSample.report, flaggedOnly: false),
                    renderer.toursString(HostileSample.report, flaggedOnly: true),
                ]
                for text in texts {
                    expectTerminalSafe(text, width: width, color: color)
                    if !color { #expect(!text.contains("\u{1B}")) }
                }
            }
        }
        let text = TextRenderer().string(HostileSample.report)
        #expect(text.contains("<script>alert(1)</script>"))
        #expect(text.contains("\u{2026}"), "long ids are shortened with an ellipsis")
        #expect(!text.contains(HostileSample.longId))
        #expect(text.contains("-end"), "the end of a shortened id stays visible")
        expectGolden(text, "report-hostile.txt")
    }

    @Test func emptyComparisonSaysNoData() {
        let report = ComparisonBuilder(split: .label(field: "appVersion", value: "2.10.0")).finish(inputs: [])
        for width in [40, 80] {
            let text = TextRenderer(style: TextStyle(width: width)).string(report)
            expectTerminalSafe(text, width: width, color: false)
            #expect(text.contains("NO DATA"))
            #expect(!text.contains("NOT MET"))
            let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
            #expect(words.contains("No connection connected or failed: nothing to judge."))
            if width == 40 {  // the 2x2 tables no longer fit: one block a row, under the period's name
                #expect(words.contains("all periods mismatched connected 0; failed 0;"))
            }
            #expect(!text.contains("in neither period"))
        }
    }

    @Test func widthBelowTheMinimumIsTheMinimum() {
        let text = TextRenderer(style: TextStyle(width: 10)).string(Self.smallReport)
        expectTerminalSafe(text, width: TextStyle.minimumWidth, color: false)
    }

    @Test func findingsAreCappedWithAPointerToTheRest() {
        let connections = (0..<60).map { Sample.timedOut("a-\($0)", tour: "t-many") }
        let report = ReportBuilder.build(tours: [Sample.tour("t-many", connections: connections)], inputs: [])
        let text = TextRenderer().string(report)
        #expect(text.contains("Flagged connections (60 of 60)"))
        #expect(text.contains("attendee a-49:"))
        #expect(!text.contains("attendee a-50:"))
        #expect(text.contains("... and 10 more (--all shows them; icelens connections --flagged lists them)"))
        let five = TextRenderer(style: TextStyle(findingsLimit: 5)).string(report)
        #expect(five.contains("... and 55 more"))
        let all = TextRenderer(style: TextStyle(findingsLimit: .max)).string(report)
        #expect(all.contains("attendee a-59:") && !all.contains("more (--all"))
    }

    @Test func reportShowsThePeriodCovered() {
        let text = TextRenderer().string(Self.smallReport)
        // First tour starts at t0; the second's last line is t0 + 1 h + 60 s.
        #expect(text.contains("Period: 2026-03-02T10:15:00Z to 2026-03-02T11:16:00Z"))
        let summary = Self.smallReport.summary
        #expect(summary.firstSeenMs == Sample.t0)
        #expect(summary.lastSeenMs == Sample.t0 + 3_660_000)
        var undated = SummaryAccumulator()
        undated.add(Sample.tour("u", connections: [], firstSeenMs: nil))
        #expect(undated.summary().firstSeenMs == nil)
        #expect(undated.summary().lastSeenMs == nil)
    }

    /// The incident report plus a clean tour, for `--flagged`.
    static var moreTours: AnalysisReport {
        let clean = Sample.tour("t-clean", connections: [Sample.connected("a-7", tour: "t-clean", ttcMs: 1_200)])
        var tours = Sample.incidentTours
        var twoInstances = tours[0]
        twoInstances.guideInstances.append("fr-turn7.xirsys.com")
        tours[0] = twoInstances
        return ReportBuilder.build(tours: tours + [clean], inputs: Sample.accounting)
    }
}

import Foundation
import Testing

@testable import IcelensCore

/// `--format markdown`: golden files for report, compare, tours and history, and hostile log strings that must stay
/// text (no HTML, link, image, code break or extra table cell).
@Suite struct MarkdownTests {
    static func string(_ body: (inout String) -> Void) -> String {
        var text = ""
        body(&text)
        return text
    }

    static var hostileReport: AnalysisReport {
        let hostile =
            "t|`x`<img src=x onerror=alert(1)>[click](javascript:alert(1))![i](http://x/i.png)**b**_i_~~s~~\u{1B}[31m"
            + "\n# head\u{202E}"
        var connection = Sample.timedOut(hostile, tour: hostile, guide: hostile, mine: hostile)
        connection.firstSeenMs = Sample.t0
        var tour = Sample.tour(hostile, connections: [connection], firstSeenMs: Sample.t0, label: hostile)
        tour.guide = hostile
        tour.guideInstances = [hostile]
        var input = InputAccounting(input: hostile)
        input.damage = Damage(byteOffset: 10, reason: hostile)
        return ReportBuilder.build(tours: [tour], inputs: [input])
    }

    @Test func goldenReport() {
        var report = JSONTests.smallReport
        report.check([try! Threshold(parsing: "success_rate < 0.95"), try! Threshold(parsing: "tours < 1")])
        expectGolden(Self.string { MarkdownRenderer().render(report, into: &$0) }, "report.md")
    }

    @Test func goldenComparison() {
        expectGolden(Self.string { MarkdownRenderer().render(JSONTests.smallComparison, into: &$0) }, "compare.md")
    }

    @Test func goldenTours() {
        let list = TourList(JSONTests.smallReport, flaggedOnly: false)
        expectGolden(Self.string { MarkdownRenderer().render(list, into: &$0) }, "tours.md")
    }

    @Test func goldenHostileReport() {
        let text = Self.string { MarkdownRenderer().render(Self.hostileReport, into: &$0) }
        expectGolden(text, "report-hostile.md")
        #expect(!text.contains("<img") && !text.contains("<script"))
        // No link or image can form: every `[`, `]` and `://` from the log is escaped.
        #expect(!text.contains("](") || !text.replacingOccurrences(of: "\\](", with: "").contains("]("))
        #expect(!text.contains("http://"))
        #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}"))
        // Every table row keeps its column count: a `|` from a log never opens a cell.
        for block in text.components(separatedBy: "\n\n") where block.hasPrefix("| ") {
            let rows = block.split(separator: "\n").filter { $0.hasPrefix("|") }
            let cells = rows.map { row in
                var n = 0
                var escaped = false
                for ch in row {
                    if ch == "|" && !escaped { n += 1 }
                    escaped = ch == "\\" && !escaped
                }
                return n
            }
            #expect(Set(cells).count == 1, "\(block)")
        }
    }

    @Test func escapingKeepsOrdinaryTextReadable() {
        #expect(
            UntrustedText.forMarkdown("attendee a-4 on fr-turn2.xirsys.com") == "attendee a-4 on fr-turn2.xirsys.com")
        #expect(UntrustedText.forMarkdown("a|b*c<d>") == "a\\|b\\*c&lt;d&gt;")
        #expect(
            UntrustedText.forMarkdown("guide on www.evil.example, a-1@evil.example")
                == "guide on www\\.evil.example, a-1`@`evil.example")
        #expect(UntrustedText.forMarkdown("see https://x.example/a 10:15") == "see https:\\/\\/x.example/a 10:15")
        #expect(UntrustedText.forMarkdownCode("fr-turn8.xirsys.com") == "`fr-turn8.xirsys.com`")
        #expect(UntrustedText.forMarkdownCode("a``b") == "a\\`\\`b")
        #expect(UntrustedText.forMarkdownCode("<b>") == "&lt;b&gt;")
    }

    @Test func theCommandLineWritesMarkdownForEveryCommandThatOffersIt() throws {
        for command in [["report"], ["compare", "--cutoff", "2026-03-02"], ["tours"], ["connections"]] {
            let r = try CLI.run(command + ["--format", "markdown", CLI.samples])
            #expect(r.status == 0, "\(command)")
            #expect(r.stdout.hasPrefix("# icelens "), "\(command)")
            #expect(r.stderr.isEmpty, "\(command): the data quality is in the document")
        }
    }
}

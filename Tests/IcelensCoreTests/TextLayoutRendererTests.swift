import Testing

@testable import IcelensCore

/// The pieces under the text renderers: number formats, columns, shortening, wrapping, tables, and the model
/// additions they read (`MismatchEvidence`).
@Suite struct TextLayoutRendererTests {
    @Test func numbers() {
        #expect(TextNumber.count(1_234_567) == "1,234,567")
        #expect(TextNumber.count(-1_000) == "-1,000")
        #expect(TextNumber.percent(0.75) == "75.0%")
        #expect(TextNumber.percent(2.0 / 3.0) == "66.7%")
        #expect(TextNumber.percent(nil) == "n/a")
        #expect(TextNumber.percent(.nan) == "n/a")
        #expect(TextNumber.percent(123.456) == "12,345.6%")
        #expect(TextNumber.seconds(ms: 1_800) == "1.8 s")
        #expect(TextNumber.seconds(ms: 6_250) == "6.25 s")
        #expect(TextNumber.seconds(ms: 30_000) == "30.0 s")
        #expect(TextNumber.seconds(ms: 1_234) == "1.234 s")
        #expect(TextNumber.seconds(ms: 50) == "0.05 s")
        #expect(TextNumber.seconds(ms: -1_500) == "-1.5 s")
        #expect(TextNumber.seconds(ms: 4_000_000) == "4,000.0 s")
        #expect(TextNumber.seconds(ms: .min) == "-9,223,372,036,854,775.808 s")
        #expect(TextNumber.seconds(ms: nil) == "n/a")
        #expect(TextNumber.seconds(2.5) == "2.5 s")
        #expect(TextNumber.seconds(Double.infinity) == "n/a")
        #expect(TextNumber.ratio(1.5) == "1.50")
        #expect(TextNumber.signedCount(3) == "+3")
        #expect(TextNumber.signedCount(-12_000) == "-12,000")
        #expect(TextNumber.signedCount(0) == "0")
        #expect(TextNumber.signedPoints(0.25) == "+25.0 pp")
        #expect(TextNumber.signedPoints(-0.0001) == "0.0 pp")
        #expect(TextNumber.signedSeconds(-1.5) == "-1.5 s")
        #expect(TextNumber.signedRatio(-2) == "-2.00")
        #expect(TextNumber.signedPercent(1.0 / 3.0) == "+33.3%")
        #expect(TextNumber.signedPercent(nil) == "n/a")
        #expect(TextNumber.pValue(0.4857) == "0.486")
        #expect(TextNumber.pValue(0.0004) == "< 0.001")
        #expect(TextNumber.pValue(1) == "1.000")
        #expect(TextNumber.pValue(nil) == "n/a")
        #expect(TextNumber.time(ms: Sample.t0 + 123) == "2026-03-02T10:15:00Z")
        #expect(TextNumber.time(ms: nil) == "n/a")
        #expect(TextNumber.fixed(1e20, places: 1) == nil)
    }

    @Test func columnsAndShortening() {
        #expect(TextLayout.columns("abc") == 3)
        #expect(TextLayout.columns("漢字") == 4)
        #expect(TextLayout.columns("🧊") == 2)
        #expect(TextLayout.columns("e\u{301}") == 1)
        #expect(TextLayout.shorten("t-8f3k2a", to: 8) == "t-8f3k2a")
        #expect(TextLayout.shorten("t-8f3k2a-long-id-9a2b", to: 9) == "t-8f\u{2026}9a2b")
        #expect(TextLayout.shorten("abc", to: 1) == "\u{2026}")
        #expect(TextLayout.shorten("abc", to: 0) == "")
        for width in 1...12 {
            let short = TextLayout.shorten("漢字漢字漢字abc🧊def", to: width)
            #expect(TextLayout.columns(short) <= width)
        }
        #expect(TextLayout.pad("ab", to: 4) == "ab  ")
        #expect(TextLayout.pad("ab", to: 4, right: true) == "  ab")
        #expect(TextLayout.pad("abcdef", to: 4) == "abcdef")
    }

    @Test func wrapNeverCutsAWordAndNeverOverflows() {
        let text = "attendee a-19 on fr-turn7.xirsys.com, guide on fr-turn8.xirsys.com; ICE timed out after 30 s"
        let lines = TextLayout.wrap(text, width: 30, first: "  ", rest: "    ")
        #expect(lines.count > 1)
        #expect(lines[0].hasPrefix("  attendee"))
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("     ") })
        let words = lines.flatMap { $0.split(separator: " ") }.map(String.init)
        #expect(words == text.split(separator: " ").map(String.init))
        for width in 8...40 {
            let wrapped = TextLayout.wrap(text + " " + String(repeating: "z", count: 90), width: width, rest: "  ")
            #expect(wrapped.allSatisfy { TextLayout.columns($0) <= width })
            #expect(wrapped.last?.contains("\u{2026}") == true)
        }
        #expect(TextLayout.wrap("", width: 10, first: "> ") == ["> "])
        #expect(TextLayout.wrap("a  b", width: 10) == ["a b"])
    }

    @Test func factsAlignValuesAndWrapNotes() {
        let lines = TextLayout.facts(
            [
                ("tours", "2", ""),
                ("success rate", "75.0%", "connected / (connected + failed) = 3 / 4 over a long note"),
            ],
            width: 50)
        #expect(lines[0] == "  tours             2")
        #expect(lines[1].hasPrefix("  success rate  75.0%  connected"))
        #expect(lines.count == 4)
        #expect(lines[2].hasPrefix(String(repeating: " ", count: 23) + "f"))
        #expect(lines.allSatisfy { TextLayout.columns($0) <= 50 })
    }

    @Test func tableFitsShrinksThenStacks() {
        var table = TextTable([.init("tour", right: false, shrinkTo: 6), .init("n"), .init("flag", right: false)])
        table.add([.init("t-" + String(repeating: "x", count: 40)), .init("12"), .init("*", .red)])
        table.add([.init("t-2"), .init("3"), .init("")])
        let style = TextStyle()
        #expect(
            table.lines(width: 80, style: style) == [
                "  tour" + String(repeating: " ", count: 38) + "   n  flag",
                "  t-" + String(repeating: "x", count: 40) + "  12  *",
                "  t-2" + String(repeating: " ", count: 39) + "   3",
            ])
        let narrow = table.lines(width: 24, style: style)
        #expect(narrow.allSatisfy { TextLayout.columns($0) <= 24 })
        #expect(narrow[1].contains("\u{2026}"))
        let stacked = table.lines(width: 12, style: style)
        #expect(stacked.allSatisfy { TextLayout.columns($0) <= 12 })
        #expect(stacked.contains("    n 3"))
        let coloured = table.lines(width: 80, style: TextStyle(color: true))
        #expect(coloured[1].hasSuffix("  12  \u{1B}[31m*\u{1B}[0m"))
    }

    @Test func mismatchEvidence() {
        func table(_ mc: Int, _ mf: Int, _ oc: Int, _ of: Int) -> MismatchOutcomeTable {
            MismatchOutcomeTable(mismatchedConnected: mc, mismatchedFailed: mf, otherConnected: oc, otherFailed: of)
        }
        #expect(table(0, 0, 0, 0).evidence == .noData)
        #expect(table(0, 0, 10, 1).evidence == .noMismatch)
        #expect(table(1, 5, 0, 0).evidence == .onlyMismatch)
        #expect(table(0, 10, 30, 0).evidence == .mismatchGoesWithFailure)
        #expect(table(30, 0, 0, 10).evidence == .mismatchGoesWithSuccess)
        #expect(table(3, 1, 20, 5).evidence == .notSignificant)
        let sentence = Wording.evidenceSentence(table(0, 10, 30, 0))
        #expect(sentence.contains("100.0% against 0.0%"))
        #expect(sentence.contains("Fisher exact p < 0.001"))
        #expect(Wording.evidenceSentence(table(3, 1, 20, 5)).contains("Fisher exact p = "))
    }

    @Test func labelsAndPromisesUseTheParameters() {
        let parameters = AnalysisParameters(timeoutMs: 20_000, slowThresholdMs: 3_000)
        #expect(TextRenderer.label("ttc_under_5s_share", parameters: parameters) == "under 3 s")
        #expect(TextRenderer.label("ttc_p90_s", parameters: parameters) == "ttc p90")
        #expect(TextRenderer.label("success_rate", parameters: parameters) == "success rate")
        #expect(Wording.promise(.noTimeouts, parameters: parameters) == "no 20 s ICE timeouts")
        #expect(Wording.promise(.connectedUnder5s, parameters: parameters).contains("under 3 s"))
        let report = ReportBuilder.build(tours: Sample.incidentTours, inputs: [], parameters: parameters)
        let text = TextRenderer().string(report)
        #expect(text.contains("timeouts (20 s)"))
        #expect(text.contains("connected under 3 s"))
    }
}

import Testing

@testable import IcelensCore

/// A strict RFC 4180 reader for the tests: quoted fields with "" escapes (and line breaks inside quotes), records
/// ending in "\n"; nil when the text is not well-formed CSV.
func parseCSV(_ text: String) -> [[String]]? {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var atFieldStart = true
    var afterClosingQuote = false
    var characters = Array(text)[...]
    while let c = characters.popFirst() {
        if quoted {
            if c == "\"" {
                if characters.first == "\"" {
                    characters.removeFirst()
                    field.append("\"")
                } else {
                    quoted = false
                    afterClosingQuote = true
                }
            } else {
                field.append(c)
            }
            continue
        }
        switch c {
        case "\"":
            guard atFieldStart else { return nil }
            quoted = true
            atFieldStart = false
        case ",":
            record.append(field)
            field = ""
            atFieldStart = true
            afterClosingQuote = false
        case "\n":
            record.append(field)
            records.append(record)
            record = []
            field = ""
            atFieldStart = true
            afterClosingQuote = false
        default:
            guard !afterClosingQuote else { return nil }
            field.append(c)
            atFieldStart = false
        }
    }
    guard !quoted, record.isEmpty, field.isEmpty else { return nil }  // must end with a record break
    return records
}

@Suite struct CSVRendererTests {
    @Test func goldenTours() {
        expectGolden(CSVRenderer.toursString(JSONTests.smallReport, flaggedOnly: false), "tours.csv")
        expectGolden(CSVRenderer.toursString(TextRendererTests.moreTours, flaggedOnly: true), "tours-flagged.csv")
    }

    @Test func headerAndOneRowPerTour() throws {
        let report = TextRendererTests.moreTours
        let all = try #require(parseCSV(CSVRenderer.toursString(report, flaggedOnly: false)))
        #expect(all.first == CSVRenderer.header)
        #expect(all.count == report.tours.count + 1)
        // Tour order: first line, then id (t-clean starts before t-good).
        #expect(all.dropFirst().map { $0[0] } == ["t-8f3k2a", "t-clean", "t-good"])
        let flagged = try #require(parseCSV(CSVRenderer.toursString(report, flaggedOnly: true)))
        #expect(flagged.dropFirst().map { $0[0] } == ["t-8f3k2a", "t-good"])
        let row = all[1]
        func column(_ name: String) -> String? {
            CSVRenderer.header.firstIndex(of: name).map { row[$0] }
        }
        #expect(column("guide_instances") == "fr-turn8.xirsys.com fr-turn7.xirsys.com")
        #expect(column("first_seen") == "2026-03-02T10:15:00.000Z")
        #expect(column("label") == "")
        #expect(column("ttc_p50_s") == "1.8")
        #expect(column("api_calls") == "3")
        #expect(column("flagged") == "true")
        #expect(all[2][CSVRenderer.header.firstIndex(of: "flagged") ?? 0] == "false")
    }

    @Test func emptyReportIsTheHeaderOnly() {
        let text = CSVRenderer.toursString(ReportBuilder.build(tours: [], inputs: []), flaggedOnly: false)
        #expect(text == CSVRenderer.header.joined(separator: ",") + "\n")
    }

    @Test func hostileToursParseBackDefused() throws {
        let report = HostileSample.report
        let text = CSVRenderer.toursString(report, flaggedOnly: false)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            #expect(!((v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v)), "control U+\(String(v, radix: 16))")
        }
        let records = try #require(parseCSV(text))
        #expect(records.count == report.tours.count + 1)
        for record in records { #expect(record.count == CSVRenderer.header.count) }
        let textColumns = ["tour", "guide", "guide_instances", "label"].compactMap {
            CSVRenderer.header.firstIndex(of: $0)
        }
        for record in records.dropFirst() {
            for i in textColumns {
                let first = record[i].unicodeScalars.first
                #expect(first.map { !"=+-@\t\r".unicodeScalars.contains($0) } ?? true, "formula: \(record[i])")
            }
        }
        let tours = records.dropFirst().map { $0[0] }
        #expect(tours.contains("'=HYPERLINK(\"http://evil\",\"click\")"))
        #expect(tours.contains("'-2+3"))
        #expect(tours.contains("'@SUM(A1)"))
        #expect(tours.contains("a,b\"c"))
        #expect(tours.contains("t-?[31mred?[0m"))
        #expect(tours.contains(HostileSample.longId), "CSV keeps whole ids")
        #expect(CSVRenderer.toursString(report, flaggedOnly: true) == text, "every hostile tour is flagged")
        expectGolden(text, "tours-hostile.csv")
    }

    @Test func readerRejectsBrokenCSV() {
        #expect(parseCSV("a,\"b\"c\n") == nil)
        #expect(parseCSV("a,\"b\n") == nil)
        #expect(parseCSV("a,b") == nil)
        #expect(parseCSV("a,\"b,\"\"c\"\"\"\n") == [["a", "b,\"c\""]])
    }
}

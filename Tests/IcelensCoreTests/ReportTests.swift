import Testing

@testable import IcelensCore

@Suite struct ReportTests {
    @Test func inputsReportAddsUpEveryInput() {
        let inputs = InputsReport(Sample.accounting, eventsWithoutTour: 7)
        #expect(inputs.inputs.map(\.input) == ["logs/browser.log", "logs/server.log.gz"])
        #expect(inputs.totals.input == "total")
        #expect(inputs.totals.read == 160)
        #expect(inputs.totals.recognised == 130)
        #expect(inputs.totals.unrecognised == 25)
        #expect(inputs.totals.malformed == 4)
        #expect(inputs.totals.cut == 1)
        #expect(inputs.totals.bytes == 23_000)
        #expect(inputs.totals.isBalanced)
        #expect(inputs.gzipInputs == 1)
        #expect(inputs.damagedInputs == 1)
        #expect(inputs.eventsWithoutTour == 7)
        #expect(InputsReport([]).totals.read == 0)
    }

    @Test func analysisReportCarriesSchemaAndParameters() {
        let parameters = AnalysisParameters(timeoutMs: 20_000, slowThresholdMs: 3_000, apiCallReductionTarget: 0.5)
        let report = ReportBuilder.build(tours: Sample.incidentTours, inputs: [], parameters: parameters)
        #expect(AnalysisReport.schema == "icelens/1")
        #expect(AnalysisReport.kind == "report")
        #expect(report.generatedBy == "icelens")
        #expect(report.parameters == parameters)
        // The slow threshold drives both the flag and the "under" share.
        #expect(report.summary.ttcUnder5s == 2)  // 0.9 s and 1.8 s are under 3 s; 6.25 s is not
        #expect(report.findings.filter { $0.flags.contains(.slow) }.map(\.attendee) == ["a-3"])
    }

    @Test func comparisonReportCarriesTheSplitAndTheUnassigned() {
        var builder = ComparisonBuilder(split: .label(field: "appVersion", value: "2.4.0"))
        #expect(builder.add(Sample.tour("old", connections: [], label: "2.3.0")) == .before)
        #expect(builder.add(Sample.tour("new", connections: [], label: "2.4.0")) == .after)
        #expect(builder.add(Sample.tour("none", connections: [Sample.incomplete("a")], label: nil)) == .unassigned)
        let report = builder.finish(inputs: Sample.accounting, eventsWithoutTour: 2)
        #expect(ComparisonReport.schema == "icelens/1")
        #expect(ComparisonReport.kind == "compare")
        #expect(report.split == .label(field: "appVersion", value: "2.4.0"))
        #expect(report.split.method == "label")
        #expect(report.unassignedTours == 1)
        #expect(report.unassignedConnections == 1)
        #expect(report.comparison.before.tours == 1)
        #expect(report.comparison.after.tours == 1)
        #expect(report.inputs.eventsWithoutTour == 2)
    }

    @Test func inputSetsAssignNothingByThemselves() {
        let split = PeriodSplit.inputSets(before: ["a"], after: ["b"])
        #expect(split.period(of: Sample.tour("t", connections: [])) == .unassigned)
    }

    @Test func serverLogsAloneSayTheBrowserSideIsMissing() throws {
        let server = InputLocator.locateEach([CLI.samples + "/after/server"]).inputs
        let report = try Analysis.report(server, settings: AnalysisSettings())
        #expect(report.inputs.browserSideMissing)
        #expect(report.summary.incomplete == report.summary.connections && report.summary.connections > 0)
        let text = TextRenderer(style: TextStyle(width: 200)).string(report)
        #expect(text.contains("no browser log was read: ICE outcomes are in the browsers' logs"))
        #expect(!text.contains("the log ends before an outcome"))
        let both = try FilterTests.report()
        #expect(!both.inputs.browserSideMissing && both.inputs.browserEvents > 0 && both.inputs.serverEvents > 0)
    }
}

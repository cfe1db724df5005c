import Foundation
import Testing

@testable import IcelensCore

/// `--format prometheus`: a golden file, and every output checked by a real parser, Debian's `promtool check
/// metrics` (strict: HELP, TYPE, `_total`, base units), including hostile instance names. `.ci/run` installs it and
/// sets ICELENS_REQUIRE_TOOLS=1 so these checks cannot be skipped there.
@Suite(.serialized) struct PrometheusTests {
    static let promtool = ["/usr/bin/promtool", "/usr/local/bin/promtool"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static var required: Bool { ProcessInfo.processInfo.environment["ICELENS_REQUIRE_TOOLS"] == "1" }

    /// Runs `promtool check metrics` on `text`: its exit status and messages; nil when promtool is absent (and not
    /// required).
    static func check(_ text: String) throws -> (status: Int32, messages: String)? {
        guard let promtool else {
            #expect(!required, "promtool is required (Debian package prometheus)")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: promtool)
        process.arguments = ["check", "metrics"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let messages = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, messages)
    }

    /// Each series (name and labels) once; every family has HELP and TYPE before its samples.
    static func expectWellFormed(_ text: String) {
        var series = Set<String>()
        var typed = Set<String>()
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let name = line.split(separator: " ")[2]
                #expect(typed.insert(String(name)).inserted, "TYPE twice: \(name)")
            } else if !line.hasPrefix("#") {
                let key = String(line[..<line.lastIndex(of: " ")!])
                #expect(series.insert(key).inserted, "series twice: \(key)")
            }
        }
        #expect(text.hasSuffix("\n"))
    }

    static func string(_ body: (inout String) -> Void) -> String {
        var text = ""
        body(&text)
        return text
    }

    @Test func goldenReport() throws {
        var report = JSONTests.smallReport
        report.check([try Threshold(parsing: "success_rate < 0.95")])
        let text = Self.string { PrometheusRenderer().render(report, into: &$0) }
        expectGolden(text, "report.prom")
        Self.expectWellFormed(text)
        if let r = try Self.check(text) { #expect(r.status == 0, "\(r.messages)") }
    }

    @Test func hostileInstanceNamesAreEscapedLabels() throws {
        let text = Self.string { PrometheusRenderer().render(MarkdownTests.hostileReport, into: &$0) }
        #expect(!text.contains("\u{1B}"))
        Self.expectWellFormed(text)
        if let r = try Self.check(text) { #expect(r.status == 0, "\(r.messages)\n\(text)") }
        var quoted = AnalysisReport(
            parameters: AnalysisParameters(), inputs: InputsReport([]), summary: Summary(),
            finished: FinishedTours())
        quoted.instances = InstanceTable(rows: [
            InstanceTable.Row(
                instance: "a\"b\\c\nd", connections: 1, connected: 1, failed: 0, incomplete: 0, timeouts: 0,
                mismatched: 0, ttcP50Ms: nil)
        ])
        let escaped = Self.string { PrometheusRenderer().render(quoted, into: &$0) }
        #expect(escaped.contains(#"instance_host="a\"b\\c\nd""#))
        // Regression (review): \n and \r once both became "?", one series for two hosts.
        #expect(PrometheusRenderer.label("a\rb") == "a%0Db" && PrometheusRenderer.label("a\nb") == "a\\nb")
        #expect(PrometheusRenderer.label("50%") == "50%25")
        if let r = try Self.check(escaped) { #expect(r.status == 0, "\(r.messages)") }
    }

    @Test(arguments: [
        ["report"], ["report", "--since", "2026-03-01", "--until", "2026-03-02", "--fail-if", "timeouts > 0"],
        ["compare", "--cutoff", "2026-03-02"],
    ])
    func theSamplesPassPromtool(command: [String]) throws {
        let r = try CLI.run(command + ["-q", "--format", "prometheus", CLI.samples])
        #expect(r.status == 0 || r.status == 3)
        Self.expectWellFormed(r.stdout)
        if let check = try Self.check(r.stdout) { #expect(check.status == 0, "\(check.messages)") }
    }

    @Test func theTextfileIsReplacedWhole() throws {
        let path = try CommandLineContractTests.temporaryFile("icelens.prom", "old content, half written\n")
        let r = try CLI.run(["report", "-q", "--format", "prometheus", "-o", path, CLI.samples])
        #expect(r.status == 0 && r.stdout.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# HELP icelens_tours_total") && !text.contains("old content"))
    }
}

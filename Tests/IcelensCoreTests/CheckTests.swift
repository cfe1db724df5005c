import Foundation
import Testing

@testable import IcelensCore

/// `--fail-if` thresholds: parsing, evaluation (an undefined metric fails), and the daily contract of issue 9 on the
/// samples: the before day fails `success_rate < 0.95` with status 3 and says why, the after day passes with 0.
@Suite struct CheckTests {
    @Test func parsesEveryComparisonWithOrWithoutSpaces() throws {
        for (text, op) in [
            ("success_rate < 0.95", ThresholdComparison.less), ("timeouts>0", .greater),
            ("ttc_p90_s <= 5", .lessOrEqual),
            ("mismatched >= 1", .greaterOrEqual), ("tours == 0", .equal), (" cut != 0 ", .notEqual),
        ] {
            let t = try Threshold(parsing: text)
            #expect(t.comparison == op, "\(text)")
        }
        let t = try Threshold(parsing: "timeouts>0")
        #expect(t.expression == "timeouts > 0")
        #expect(t.metric == "timeouts" && t.limit == 0)
    }

    @Test(arguments: [
        "success_rate", "success_rate 0.95", "bogus > 1", "< 3", "timeouts > x", "timeouts > nan", "timeouts <> 1",
        "timeouts => 1", "timeouts > inf", "timeouts > 0x1",
    ])
    func refusesWhatIsNotAThreshold(text: String) {
        #expect(throws: ThresholdError.self) { try Threshold(parsing: text) }
    }

    @Test func unknownMetricNamesTheValidOnes() {
        do {
            _ = try Threshold(parsing: "sucess_rate < 0.9")
            Issue.record("accepted a misspelt metric")
        } catch {
            #expect(error.description.contains("success_rate"))
            #expect(error.description.contains("damaged_inputs"))
        }
    }

    @Test func everyMetricOfTheSummaryTableCanBeChecked() {
        for metric in Metric.all { #expect(CheckMetric.named(metric.key) != nil, "\(metric.key)") }
    }

    @Test func evaluatesOnTheExactValueAndFailsWhenUndefined() throws {
        var summary = Summary()
        summary.connected = 949
        summary.failed = 51  // 0.949
        let inputs = InputsReport([])
        let below = CheckResult(try Threshold(parsing: "success_rate < 0.95"), summary: summary, inputs: inputs)
        #expect(below.failed && below.value == 0.949)
        #expect(below.sentence == "success_rate < 0.95 (success_rate is 0.949)")
        summary.connected = 950
        summary.failed = 50
        #expect(!CheckResult(try Threshold(parsing: "success_rate < 0.95"), summary: summary, inputs: inputs).failed)
        let none = CheckResult(try Threshold(parsing: "ttc_p90_s > 5"), summary: Summary(), inputs: inputs)
        #expect(none.failed && none.value == nil)
        #expect(none.sentence.contains("unknown"))
    }

    @Test func damagedAndUnreadableInputsCount() throws {
        var damaged = InputAccounting(input: "a.gz")
        damaged.damage = Damage(byteOffset: 10, reason: "cut short")
        let inputs = InputsReport(
            [damaged, InputAccounting(input: "b")], failures: [InputFailure(input: "c", reason: "gone")])
        let check = CheckResult(try Threshold(parsing: "damaged_inputs > 0"), summary: Summary(), inputs: inputs)
        #expect(check.value == 2 && check.failed)
    }

    // MARK: The command line

    /// Issue 9's first "done when": the before day fails its check, the after day passes.
    @Test func theBeforeDayFailsWithStatus3AndTheAfterDayPasses() throws {
        let before = try CLI.run([
            "report", "--since", "2026-03-01", "--until", "2026-03-02", "--fail-if", "success_rate < 0.95",
            CLI.samples,
        ])
        #expect(before.status == 3, "\(before.stderr)")
        #expect(before.stdout.contains("CHECK FAILED: success_rate < 0.95 (success_rate is 0.716141)"))
        #expect(before.stderr.contains("icelens: check failed: success_rate < 0.95"))
        let after = try CLI.run([
            "report", "--since", "2026-03-02", "--until", "2026-03-03", "--fail-if", "success_rate < 0.95",
            CLI.samples,
        ])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stdout.contains("Checks: all 1 passed"))
    }

    @Test func jsonListsEveryCheckWithItsValue() throws {
        let r = try CLI.run([
            "report", "--format", "json", "--fail-if", "timeouts > 0", "--fail-if", "ttc_p50_s > 100", CLI.samples,
        ])
        #expect(r.status == 3)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let checks = try #require(object?["checks"] as? [[String: Any]])
        #expect(checks.count == 2)
        #expect(checks[0]["expression"] as? String == "timeouts > 0")
        #expect(checks[0]["value"] as? Double == 306)
        #expect(checks[0]["failed"] as? Bool == true)
        #expect(checks[1]["failed"] as? Bool == false)
        #expect(object?["version"] as? String == IcelensVersion.current)
    }

    @Test func aCutGzipFailsDamagedInputsAndOutranksStatus1() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: CLI.samples + "/before/browser-guides.log.gz"))
        let path = try CommandLineContractTests.temporaryFile("cut.log.gz", "")
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        let r = try CLI.run(["report", "-q", "--fail-if", "damaged_inputs > 0", path, "/nonexistent/icelens"])
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("damaged at byte"))
        #expect(r.stderr.contains("not read"))
        #expect(!r.stderr.contains("line accounting"))
    }

    @Test func quietJSONSaysNothingOnStandardErrorWhenAllIsWell() throws {
        let r = try CLI.run(["report", "-q", "--format", "json", "--fail-if", "tours < 1", CLI.samples])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    @Test func outputFileIsWrittenWholeAndNotOnStandardOutput() throws {
        let path = try CommandLineContractTests.temporaryFile("day.json", "old")
        let r = try CLI.run(["report", "--format", "json", "-o", path, CLI.samples])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("{") && text.hasSuffix("}\n"))
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".icelens-") }
        #expect(leftovers.isEmpty)
    }

    @Test func outputIntoAMissingFolderIsStatus74() throws {
        let r = try CLI.run(["report", "-o", "/nonexistent/folder/day.txt", CLI.samples])
        #expect(r.status == 74)
        #expect(r.stderr.contains("/nonexistent/folder"))
    }
}

extension CheckTests {
    /// Regression: `-o /dev/null` renamed a temporary file over the device, so /dev/null became a plain file and
    /// every later `< /dev/null` read a file. Devices and FIFOs are written in place; a link stays a link.
    @Test func outputToDevNullLeavesTheDeviceAlone() throws {
        let r = try CLI.run(["report", "-q", "-o", "/dev/null", CLI.samples])
        #expect(r.status == 0, "\(r.stderr)")
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
        let target = try CommandLineContractTests.temporaryFile("linked-target.txt", "old")
        let link = target + ".link"
        unlink(link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        _ = try CLI.run(["report", "-q", "-o", link, CLI.samples])
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == target)
        #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("icelens report"))
    }
}

/// Regressions from the user trial of issue 9: -o over an input or over --snapshot, permissions dropped on
/// replace, a failed check lost when the output could not be written.
extension CheckTests {
    @Test func anOutputThatIsAnInputOrAnotherOutputIsAUsageError() throws {
        let log = try CommandLineContractTests.temporaryFile("self.log", "2026-03-02T10:15:00Z nothing\n")
        let r = try CLI.run(["report", "-o", log, log])
        #expect(r.status == 64 && r.stderr.contains("is one of the inputs"), "\(r.stderr)")
        #expect(try String(contentsOfFile: log, encoding: .utf8).hasPrefix("2026-03-02"))
        let out = try CommandLineContractTests.temporaryFile("both.out", "")
        let both = try CLI.run(["report", "-o", out, "--snapshot", out, CLI.samples])
        #expect(both.status == 64 && both.stderr.contains("name the same file"))
        #expect(try CLI.run(["report", "-o", "", CLI.samples]).status == 64)
    }

    @Test func replacingAFileKeepsItsPermissions() throws {
        let path = try CommandLineContractTests.temporaryFile("private.txt", "old")
        chmod(path, 0o600)
        #expect(try CLI.run(["report", "-q", "-o", path, CLI.samples]).status == 0)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test func aFailedCheckIsSaidEvenWhenTheOutputCannotBeWritten() throws {
        let r = try CLI.run([
            "report", "-q", "--fail-if", "success_rate < 0.99", "-o", "/nonexistent/folder/x.html", CLI.samples,
        ])
        #expect(r.status == 74)
        #expect(r.stderr.contains("check failed: success_rate < 0.99"))
    }
}

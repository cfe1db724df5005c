import Foundation
import Testing

@testable import IcelensCore

/// Regression tests for issue 6's defects 2, 3, 4, 6 and 7: exit statuses, closed pipes, credentials in echoed
/// lines, escaping of NDJSON, and the small things a newcomer trips over. Each runs the built binary.
@Suite(.serialized) struct CommandLineContractTests {
    /// Runs `script` with bash, `$0` the binary and `$1` the samples folder.
    static func shell(_ script: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, CLI.binary.path, CLI.samples]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text, errors)
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("icelens-contract-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Defect 2: `icelens events logs/ | head -1` exited 141 (SIGPIPE); every command now ends with 0.
    @Test(arguments: [
        "events", "events --show unrecognised", "report", "report --format json", "tours --format csv",
        "compare --cutoff 2026-03-02T00:00:00Z",
    ])
    func closedOutputPipeExitsZero(command: String) throws {
        let r = try Self.shell("\"$0\" \(command) \"$1\" | head -1 > /dev/null; echo \"status=${PIPESTATUS[0]}\"")
        #expect(r.stdout.contains("status=0"), "\(command): \(r.stdout) \(r.stderr)")
        #expect(!r.stderr.contains("Fatal") && !r.stderr.contains("Backtrace"))
    }

    /// Defect 3: `events --show unrecognised|malformed` printed credentials from Xirsys responses and RTC configs.
    @Test func showLinesRedactsCredentials() throws {
        let log = try Self.temporaryFile(
            "secrets.log",
            #"""
            {"v":{"iceServers":{"username":"u-Xs3cr3t","urls":["turn:fr-turn8.xirsys.com:80?transport=udp"],"credential":"c-Xs3cr3t"}},"s":"ok"}
            2026-03-02T10:15:00Z config username=u-Xs3cr3t password="p Xs3cr3t" token: t-Xs3cr3t Authorization: Bearer b-Xs3cr3t
            2026-03-02T10:15:00Z uri turn:u-Xs3cr3t:c-Xs3cr3t@fr-turn8.xirsys.com:80 and https://u-Xs3cr3t:p-Xs3cr3t@api.example
            2026-03-02T10:15:00Z ident SECRET-Xs3cr3t0123 apiKey=k-Xs3cr3t accessToken="a-Xs3cr3t"
            {"broken": "credential":"c-Xs3cr3t",
            2026-03-02T10:15:00Z a pass=Xs3cr3t-1 pwd=Xs3cr3t-2 cookie: session=Xs3cr3t-3 credential%3DXs3cr3t-4
            2026-03-02T10:15:00Z b {\"username\":\"Xs3cr3t-5\",\"credential\":\"Xs3cr3t-6\"}
            2026-03-02T10:15:00Z c {"credential":{"value":"Xs3cr3t-7"}} username u-Xs3cr3t-8 credential c-Xs3cr3t-9

            """#)
        for which in ["unrecognised", "malformed"] {
            let r = try CLI.run(["events", "--show", which, log])
            #expect(r.status == 0)
            #expect(!(r.stdout + r.stderr).contains("Xs3cr3t"), "\(which): \(r.stdout)")
        }
        let shown = try CLI.run(["events", "--show", "unrecognised", log])
        #expect(shown.stdout.contains("[redacted]@fr-turn8.xirsys.com"))
        #expect(shown.stdout.contains("\"username\":\"[redacted]\""))
        #expect(shown.stdout.split(separator: "\n").count == 7)
    }

    /// Defect 4: NDJSON events passed C1 controls and bidi overrides through raw; `report` escaped them.
    @Test func ndjsonEventsEscapeC1AndBidi() throws {
        let log = try Self.temporaryFile(
            "hostile.log",
            "{\"ts\":\"2026-03-02T10:15:00Z\",\"tour\":\"t-\u{9B}31m\u{202E}x\u{2066}\",\"event\":\"ice.restart\"}\n")
        let r = try CLI.run(["events", log])
        #expect(r.status == 0)
        #expect(r.stdout.contains(#""tour":"t-\u009b31m\u202ex\u2066""#), "\(r.stdout)")
        for scalar in r.stdout.unicodeScalars { #expect(!JSONEscaper.needsEscape(scalar.value) || scalar == "\n") }
    }

    /// Defect 6: exit statuses say the same thing in every command, and the docs say what they do.
    @Test func exitStatusesAreDocumentedAndConsistent() throws {
        let missing = try CLI.run(["report", "/nonexistent/logs", CLI.samples + "/after"])
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("150 tours"), "the rest is analysed")
        #expect(missing.stderr.contains("/nonexistent/logs"))
        let eventsMissing = try CLI.run(["events", "/nonexistent/logs"])
        #expect(eventsMissing.status == 1, "events and report agree")
        let jsonMissing = try CLI.run(["report", "--format", "json", "/nonexistent/logs"])
        #expect(jsonMissing.status == 1)
        let failures = try #require(
            (try CLI.json(jsonMissing.stdout)["inputs"] as? [String: Any])?["unreadable_files"] as? [[String: Any]])
        #expect(failures.first?["input"] as? String == "/nonexistent/logs")
        for (args, words) in [
            (["report", "--format", "csv"], "'text', 'json', 'markdown', 'html' or 'prometheus'"),
            (["report", "--max-line-length", "-1"], "at least 64"),
            (["report", "--timeout", "-5s"], "--timeout"),
            (["report", "--idle-window", "3"], "--idle-window (3s) must be at least --timeout (30s)"),
            (["report", "--compact"], "--compact applies to --format json"),
            (["compare", "--cutoff", "soon"], "--cutoff"),
            (["compare", "--split-by", "appVersion"], "--split-by"),
        ] {
            let r = try CLI.run(args + [CLI.samples])
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains(words), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("Missing value"), "\(args)")
        }
        let usage = try String(contentsOf: CLI.root.appendingPathComponent("docs/usage.md"), encoding: .utf8)
        for status in ["| 0 |", "| 1 |", "| 64 |"] { #expect(usage.contains(status)) }
    }

    /// Defect 7: `--help` lists only the formats a command writes, and paragraphs wrap at the terminal's width.
    @Test func helpListsOnlyWorkingFormatsAndWrapsAt80() throws {
        let report = try CLI.run(["report", "--help"], environment: ["COLUMNS": "80"])
        #expect(report.stdout.contains("(values: text, json, markdown, html,\n                          prometheus;"))
        let tours = try CLI.run(["tours", "--help"], environment: ["COLUMNS": "80"])
        #expect(tours.stdout.contains("(values: text, json, csv, markdown;"))
        for r in [report, tours, try CLI.run(["compare", "--help"]), try CLI.run(["events", "--help"])] {
            for line in r.stdout.split(separator: "\n") where !line.hasPrefix("USAGE:") {
                #expect(line.count <= 80, "too wide: \(line)")
            }
        }
    }

    /// Defect 7: the README's split-by example works on the samples.
    @Test func readmeSplitByExampleFindsTours() throws {
        let readme = try String(contentsOf: CLI.root.appendingPathComponent("README.md"), encoding: .utf8)
        let line = try #require(readme.split(separator: "\n").first { $0.contains("--split-by") })
        let words = line.split(separator: " ").map(String.init)
        let value = try #require(words.firstIndex(of: "--split-by").map { words[$0 + 1] })
        let r = try CLI.run(["compare", "--format", "json", "--split-by", value, CLI.samples])
        #expect(r.status == 0)
        let periods = try #require(try CLI.json(r.stdout)["periods"] as? [String: [String: Any]])
        #expect((periods["before"]?["tours"] as? Int ?? 0) > 0)
        #expect((periods["after"]?["tours"] as? Int ?? 0) > 0)
    }
}

/// Regression tests for what trying icelens as a user found after issue 6's first pass.
@Suite(.serialized) struct UserTrialTests {
    static func folder(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("icelens-trial-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A full disk is an error, not a closed pipe: exit 74 and a message, for every command.
    @Test(arguments: ["report", "report --format json", "events", "tours --format csv"])
    func fullDiskFailsLoudly(command: String) throws {
        let r = try CommandLineContractTests.shell("\"$0\" \(command) \"$1/after\" > /dev/full")
        #expect(r.status == 74, "\(command): \(r.stderr)")
        #expect(r.stderr.contains("No space left on device"))
    }

    /// A folder that cannot be listed inside a walk fails alone; the files beside it are read.
    @Test func unreadableSubfolderFailsAlone() throws {
        // Needs root to drop to nobody, and a binary that nobody may run (as in a CI clone that allows it).
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), getuid() == 0,
            try CommandLineContractTests.shell(
                "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups \"$0\" --version"
            ).status == 0
        else { return }
        let dir = try Self.folder("subdir")
        let sub = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: CLI.samples + "/after/browser-guides.log.gz", toPath: dir.appendingPathComponent("g.gz").path)
        chmod(sub.path, 0)
        chmod(dir.path, 0o755)
        defer { chmod(sub.path, 0o755) }
        let r = try CommandLineContractTests.shell(
            "/usr/bin/setpriv --reuid=65534 --regid=65534 --clear-groups \"$0\" report --format json "
                + "'\(dir.path)'")
        #expect(r.status == 1, "\(r.stderr)")
        let json = try CLI.json(r.stdout)
        #expect((json["summary"] as? [String: Any])?["tours"] as? Int == 150, "g.gz is analysed")
        let failures = (json["inputs"] as? [String: Any])?["unreadable_files"] as? [[String: Any]]
        #expect(failures?.count == 1)
        #expect((failures?.first?["input"] as? String)?.hasSuffix("/sub") == true)
    }

    /// The same file reached through a symlink is read once.
    @Test func symlinkToAFileAlreadyNamedIsReadOnce() throws {
        let dir = try Self.folder("symlink")
        let file = CLI.samples + "/after/browser-guides.log.gz"
        try FileManager.default.createSymbolicLink(
            atPath: dir.appendingPathComponent("current.gz").path, withDestinationPath: file)
        let located = InputLocator.locateEach([file, dir.path])
        #expect(located.inputs.count == 1)
    }
}

extension UserTrialTests {
    /// Cron's stdin is /dev/null: with no path that is no input (64), not an empty success.
    @Test func noPathWithStdinFromDevNullIsAUsageError() throws {
        let r = try CommandLineContractTests.shell("\"$0\" report < /dev/null")
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stderr.contains("No input"))
    }

    /// A wrong rules file is a wrong flag (64), said before any log is read.
    @Test func badRulesFileIsAUsageError() throws {
        let r = try CLI.run(["report", "--rules", "/nonexistent/rules.txt", CLI.samples])
        #expect(r.status == 64)
        #expect(r.stderr.contains("rules.txt"))
    }

    @Test func flagsThatConflictOrLookNegativeSayWhy() throws {
        let cutoff = try CLI.run(["compare", "--cutoff", "-1", CLI.samples])
        #expect(cutoff.status == 0 || cutoff.status == 64)
        #expect(!cutoff.stderr.contains("Missing value"))
        let show = try CLI.run(["events", "--show", "malformed", "--kind", "ice.state", CLI.samples])
        #expect(show.status == 64)
        #expect(show.stderr.contains("--kind"))
        let days = try CLI.run(["report", "--idle-window", "2d", "--format", "json", CLI.samples + "/after"])
        #expect(days.status == 0)
    }

    /// Server lines alone show no ICE attempt: the no-timeouts promise has no data, it is not met.
    @Test func serverOnlyLogsCannotMeetTheTimeoutPromise() throws {
        let r = try CLI.run([
            "compare", "--format", "json", CLI.samples + "/before", "--vs", CLI.samples + "/after/server",
        ])
        #expect(r.status == 0)
        let verdicts = try #require(try CLI.json(r.stdout)["verdicts"] as? [String: [String: Any]])
        #expect(verdicts["no_timeouts"]?["status"] as? String == "no_data")
    }
}

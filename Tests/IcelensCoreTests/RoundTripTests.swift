import Foundation
import Testing

@testable import IcelensCore

/// Issue 12's foundation: icelens's own events are an input. `icelens events LOGS | icelens <command>` gives what
/// `icelens <command> LOGS` gives, figure for figure: each event line keeps its origin (`"origin":"server"`: the
/// browser/server de-dup of Xirsys API calls, the clock of each side), its servers as host names, and with
/// `--keep-field` the field a `--split-by` reads.
@Suite struct RoundTripTests {
    /// A result's keys that depend on the events alone (`inputs` and `parameters` name the inputs read).
    static func figures(_ result: [String: Any]) -> [String: NSObject] {
        var out: [String: NSObject] = [:]
        for (key, value) in result where !["inputs", "parameters", "generated_by"].contains(key) {
            out[key] = value as? NSObject
        }
        return out
    }

    static let events = Result { try CLI.run(["events", "--keep-field", "appVersion", CLI.samples]) }

    @Test(arguments: [
        ["report"], ["compare", "--cutoff", "2026-03-02T00:00:00Z"], ["compare", "--split-by", "appVersion=2.4.0"],
        ["tours"], ["instances"], ["connections"], ["report", "--tour", "t-hlnfhg"],
    ])
    func eventsReadBackGiveTheSameResult(command: [String]) throws {
        let direct = try CLI.run(command + ["--format", "json", CLI.samples])
        let events = try Self.events.get()
        #expect(events.status == 0 && direct.status == 0)
        let back = try CLI.run(command + ["--format", "json", "-"], input: Data(events.stdout.utf8))
        #expect(back.status == 0)
        let read = try CLI.json(back.stdout)
        #expect(Self.figures(read) == Self.figures(try CLI.json(direct.stdout)))
        #expect(!Self.figures(read).isEmpty)
        if command == ["report"] {
            // Every event line is read as one.
            let totals = try #require((read["inputs"] as? [String: Any])?["totals"] as? [String: Any])
            let lines = events.stdout.split(separator: "\n").count
            #expect(totals["recognised"] as? Int == lines && totals["lines_read"] as? Int == lines)
        }
    }

    /// Through a pipe, as a distributed run's reduce step reads them, gzipped or not.
    @Test func throughAPipeGzippedOrNot() throws {
        let direct = try CLI.json(try CLI.run(["report", "--format", "json", CLI.samples]).stdout)
        for script in [
            "\"$0\" events \"$1\" | \"$0\" report --format json",
            "\"$0\" events \"$1\" | gzip | \"$0\" report --format json -",
        ] {
            let run = try CommandLineContractTests.shell(script)
            #expect(run.status == 0)
            #expect(Self.figures(try CLI.json(run.stdout)) == Self.figures(direct), "\(script)")
        }
    }

    /// A `servers` field's bare host names count (icelens's own events); a list of STUN URIs or of objects names no
    /// TURN host, as before.
    @Test func aServersFieldsBareHostNamesCount() {
        func hosts(_ text: String) -> [String] { Array(text.utf8).withUnsafeBytes { TurnURI.listedHosts(in: $0) } }
        #expect(
            hosts(#"["fr-turn9.xirsys.com","FR-TURN7.xirsys.com"]"#) == ["fr-turn9.xirsys.com", "fr-turn7.xirsys.com"])
        #expect(hosts("fr-turn9.xirsys.com, fr-turn7.xirsys.com") == ["fr-turn9.xirsys.com", "fr-turn7.xirsys.com"])
        #expect(hosts(#"["stun:stun.l.google.com:19302"]"#).isEmpty)
        #expect(hosts(#"[{"urls":"stun:stun.example.org","username":"a.b","credential":"c.d"}]"#).isEmpty)
        #expect(hosts(#"["turn:fr-turn8.xirsys.com:80?transport=udp"]"#) == ["fr-turn8.xirsys.com"])
        #expect(hosts(#"["localhost", ".bad", "-bad.example"]"#).isEmpty)
    }

    /// An `origin` field says a line's origin outright; any other value (an HTTP origin) is not looked at.
    @Test func anOriginFieldSaysTheOrigin() throws {
        func origin(_ line: String, serverInput: Bool = false) -> Origin? {
            var classifier = LineClassifier()
            var events: [Event] = []
            _ = Array(line.utf8).withUnsafeBytes {
                classifier.classify(
                    $0, source: SourceLocation(input: 0, line: 1), serverInput: serverInput, into: &events)
            }
            return events.first?.origin
        }
        let base = #"{"ts":"2026-03-02T10:15:00Z","tour":"t-1","role":"guide","peer":"g-1","event":"ice.restart""#
        #expect(origin(base + #","origin":"server"}"#) == .server)
        #expect(origin(base + #","origin":"Browser"}"#, serverInput: true) == .browser)
        #expect(origin(base + #","origin":"https://app.example.com"}"#) == .browser)
        #expect(origin(base + #","origin":"https://app.example.com"}"#, serverInput: true) == .server)
    }
}

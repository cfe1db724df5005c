import Foundation
import Testing

@testable import IcelensCore

/// `icelens connections` against the generator's design: the sample days are generated again with each connection
/// as designed (`icelens-loggen samples --connections`), and every record must agree on every key the design
/// decides (outcome, mismatch, timeout and how it was known, time to connect, fallback, restarts, each attempt's
/// outcome and both instances).
@Suite struct ConnectionTruthTests {
    static let designedKeys = [
        "tour", "guide", "attendee", "outcome", "mismatched", "timed_out", "ttc_s", "fallback", "restarts",
        "failed_after_connect",
    ]
    static let attemptKeys = ["outcome", "timeout", "guide_instance", "attendee_instance", "mismatched"]

    /// The keys the design decides, as a comparable dictionary.
    static func designed(_ object: [String: Any]) -> NSDictionary {
        var out: [String: Any] = [:]
        for key in designedKeys { out[key] = object[key] ?? NSNull() }
        out["attempts"] = ((object["attempts"] as? [[String: Any]]) ?? []).map { a in
            var kept: [String: Any] = [:]
            for key in attemptKeys { kept[key] = a[key] ?? NSNull() }
            return kept as NSDictionary
        }
        return out as NSDictionary
    }

    @Test func everyConnectionAgreesWithTheDesign() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icelens-truth-\(getpid())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let loggen = CLI.binary.deletingLastPathComponent().appendingPathComponent("icelens-loggen")
        let process = Process()
        process.executableURL = loggen
        let truthPath = folder.path + "/truth.ndjson"
        process.arguments = ["samples", "--out", folder.path, "--seed", "42", "--connections", truthPath]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        var want: [String: NSDictionary] = [:]
        for line in try String(contentsOfFile: truthPath, encoding: .utf8).split(separator: "\n") {
            let object = try CLI.json(String(line))
            want["\(object["tour"]!)/\(object["attendee"]!)"] = Self.designed(object)
        }
        #expect(want.count == 2_240)

        let inputs = InputLocator.locateEach([folder.path + "/before", folder.path + "/after"]).inputs
        let report = try Analysis.report(inputs, settings: AnalysisSettings(), keeping: .init())
        var ndjson = ""
        NDJSONRenderer().render(ConnectionList(report), into: &ndjson)
        var got = 0
        var disagreeing: [String] = []
        for line in ndjson.split(separator: "\n") {
            let object = try CLI.json(String(line))
            let key = "\(object["tour"]!)/\(object["attendee"]!)"
            got += 1
            if want[key] != Self.designed(object) { disagreeing.append(key) }
        }
        #expect(got == want.count)
        #expect(disagreeing.isEmpty, "\(disagreeing.prefix(5))")
    }
}

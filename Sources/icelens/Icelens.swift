import ArgumentParser
import IcelensCore

/// The `icelens` command: subcommands only; all work happens in IcelensCore.
@main
struct Icelens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "icelens",
        abstract: "Analyze WebRTC connectivity logs: TURN instances, ICE timing, mismatches and 30 s timeouts.",
        discussion: """
            Reads gzipped or plain logs (browser and server; JSON lines, logfmt or text console lines) from files, \
            directories (recursively) or standard input, and finds which TURN instance each peer used and how ICE \
            went, tour by tour. Every line read is accounted for.

            Exit status: 0 done, 1 some input could not be read (the rest was analysed), 3 a --fail-if check \
            failed (report, merge), 64 a wrong flag, 74 the output could not be written.

            Start with:
              icelens compare --cutoff 2026-03-02T00:00:00Z samples/logs/
              icelens events samples/logs/ | jq .
              icelens report --format html -o day.html samples/logs/
            """,
        version: IcelensVersion.current,
        subcommands: [
            Report.self, Compare.self, Tours.self, Connections.self, Instances.self, TimelineCommand.self, Watch.self,
            Events.self, Merge.self, History.self,
        ]
    )

    /// Runs the command line; a closed output pipe (`| head`) surfaces as a quiet end, never SIGPIPE's 141.
    static func main() {
        ByteOutput.ignoreBrokenPipeSignal()
        main(nil)
    }
}

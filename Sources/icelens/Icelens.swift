import ArgumentParser
import IcelensCore

/// The `icelens` command: subcommands only; all work happens in IcelensCore.
@main
struct Icelens: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "icelens",
        abstract: "Analyze WebRTC connectivity logs: TURN instances, ICE timing, mismatches and 30 s timeouts.",
        discussion: """
            Reads gzipped or plain logs (browser and server; JSON lines, logfmt or text console lines) and the dumps \
            of an incident (Chrome webrtc-internals dumps, rtcstats dumps, Xirsys responses) from files, \
            directories (recursively) or standard input, and finds which TURN instance each peer used and how ICE \
            went, tour by tour; a dump's peer connections are connections of its session, and pair with the app's \
            logs when their ids match. Every line read is accounted for. Formats: docs/formats.md.

            Exit status: 0 done, 1 some input could not be read (the rest was analysed), 3 a --fail-if check \
            failed (report, merge), 64 a wrong flag, 74 the output could not be written.

            Start with:
              icelens compare --cutoff 2026-03-02T00:00:00Z samples/logs/
              icelens events samples/logs/ | jq .
              icelens report --format html -o day.html samples/logs/
              icelens connections --format json webrtc_internals_dump.txt
            """,
        version: IcelensVersion.current,
        subcommands: [
            Report.self, Compare.self, Tours.self, Connections.self, Instances.self, TimelineCommand.self, Watch.self,
            Events.self, Sessions.self, Merge.self, History.self,
        ]
    )

    /// Runs the command line; a closed output pipe (`| head`) surfaces as a quiet end, never SIGPIPE's 141.
    static func main() {
        ByteOutput.ignoreBrokenPipeSignal()
        main(nil)
    }
}

import ArgumentParser
import IcelensCore

/// `icelens history`: the days recorded by `report --history` (or a set of snapshots), with trends.
struct History: ParsableCommand, ShowsResult {
    static let resultKind = ResultKind.history
    static let configuration = CommandConfiguration(
        abstract: "Show the daily history recorded by report --history: one row a day, with trends.",
        discussion: """
            Each row is a UTC day recorded by 'report --history FILE' (the tours whose first line fell on that \
            day): tours, connections, success rate, timeouts, mismatches, p90 time to connect and Xirsys API calls \
            a tour. On text output an arrow marks each move from the day before (green better, red worse) and a \
            sparkline shows each metric across the days. A day marked * was recorded by a run whose window did \
            not cover all of it.

            Snapshots (report --snapshot) can be shown the same way, one row a snapshot.

            Exit status: 0 done, 1 the history or a snapshot could not be read, 64 a wrong flag, 74 the output \
            could not be written.

            Examples:
              icelens history /var/lib/icelens/history.sqlite
              icelens history --format csv /var/lib/icelens/history.sqlite > days.csv
              icelens history /srv/icelens/2026-03-*.snap
            """
    )

    @Argument(help: ArgumentHelp("A history file (report --history), or snapshot files.", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("Output format.", valueName: "format"))
    var format = FormatChoice<History>(.text)

    @OptionGroup(title: "Output") var destination: OutputOptions

    func validate() throws {
        guard !files.isEmpty else {
            throw ValidationError("Name the history file: icelens history /var/lib/icelens/history.sqlite")
        }
        try destination.validate(format: format.format)
    }

    func run() throws {
        try destination.checkTargets([], inputs: files, command: "history")
        let table: HistoryTable
        do {
            if files.allSatisfy(SnapshotFile.isSnapshot) {
                table = try HistoryTable(snapshots: SnapshotFile.read(all: files))
            } else {
                guard files.count == 1 else {
                    throw HistoryError(
                        "name one history file, or only snapshots (\(files.count) files given, not all snapshots)")
                }
                table = HistoryTable(source: files[0], rows: try HistoryStore(path: files[0], create: false).rows())
            }
        } catch {
            StandardError.write(["icelens: \(UntrustedText.forTerminal("\(error)"))"])
            throw ExitCode(ExitStatus.inputFailed)
        }
        let options = destination.renderOptions
        try destination.deliver(checks: []) { out in format.format.render(table, options: options, into: &out) }
    }
}

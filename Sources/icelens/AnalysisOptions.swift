import ArgumentParser
import IcelensCore

/// Output formats of the analysis commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

extension ColorMode: ExpressibleByArgument {}

/// The flags shared by `report`, `compare` and `tours`.
struct AnalysisOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The app's ICE timeout: an attempt with no connected state this long after checking is a timeout.",
            valueName: "duration"))
    var timeout: String = "30s"

    @Option(
        name: .customLong("idle-window"),
        help: ArgumentHelp(
            "A tour with no line for this long in log time is finished and its memory freed. Longer than the quietest stretch of a tour and than the delay of late log batches.",
            valueName: "duration"))
    var idleWindow: String = "3h"

    @Option(
        name: .customLong("color"),
        help: ArgumentHelp(
            "Colour text output: auto (on a terminal, unless NO_COLOR is set), always or never.", valueName: "when"))
    var color: ColorMode = .auto

    @Flag(help: "With --format json: one line instead of indented.")
    var compact = false

    func validate() throws {
        guard let t = DurationText.milliseconds(timeout), t > 0 else {
            throw ValidationError("--timeout takes a duration such as 30s, 45s or 1500ms (got '\(timeout)').")
        }
        guard let w = DurationText.milliseconds(idleWindow), w >= t else {
            throw ValidationError(
                "--idle-window takes a duration at least as long as --timeout, such as 3h (got '\(idleWindow)').")
        }
    }

    /// The library settings for these flags.
    func settings(scan: ScanOptions) -> AnalysisSettings {
        AnalysisSettings(
            scan: scan, timeoutMs: DurationText.milliseconds(timeout) ?? 30_000,
            idleCloseMs: DurationText.milliseconds(idleWindow) ?? 3 * 3_600_000)
    }

    /// The text style for standard output.
    var textStyle: TextStyle { .standardOutput(color: color) }

    /// The JSON style chosen.
    var jsonStyle: JSONStyle { compact ? .compact : .pretty }
}

extension AnalysisOptions {
    /// Renders a finished result to standard output (a closed pipe ends quietly) and, for machine formats, the line
    /// accounting to standard error (text output carries its own); exit status 1 when an input could not be read.
    func emit(_ inputs: InputsReport, machineFormat: Bool, render: (inout StandardOutput) -> Void) throws {
        var out = StandardOutput()
        render(&out)
        out.finish()
        if machineFormat {
            StandardError.write(AccountingRenderer.summaryLines(inputs))
        }
        if !inputs.failures.isEmpty { throw ExitCode(1) }
    }
}

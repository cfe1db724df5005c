import ArgumentParser
import IcelensCore

#if canImport(Glibc)
    import Glibc
#endif

/// Output formats of the analysis commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

/// When to colour text output.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

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
    var color: ColorChoice = .auto

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

    /// Whether to colour output written to standard output.
    var useColor: Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
            return isatty(1) == 1
        }
    }

    /// The text style: colour as chosen, width from COLUMNS when set (40 to 400), else 80.
    var textStyle: TextStyle {
        var width = 80
        if let raw = getenv("COLUMNS"), let columns = Int(String(cString: raw)), (40...400).contains(columns) {
            width = columns
        }
        return TextStyle(color: useColor, width: width)
    }

    /// The JSON style chosen.
    var jsonStyle: JSONStyle { compact ? .compact : .pretty }
}

/// Writes text to standard output through the library's buffered writer; a closed pipe ends quietly.
struct StandardOutput: TextOutputStream {
    let output = ByteOutput(fileDescriptor: 1)
    var closed = false

    mutating func write(_ string: String) {
        guard !closed else { return }
        do { try output.write(string) } catch { closed = true }
    }

    mutating func finish() {
        guard !closed else { return }
        do { try output.flush() } catch { closed = true }
    }
}

/// Prints the line accounting of a finished result on standard error.
func printAccounting(_ inputs: InputsReport) {
    let err = ByteOutput(fileDescriptor: 2)
    try? err.write("icelens: line accounting\n")
    for line in AccountingRenderer.lines(inputs.inputs) { try? err.write("  " + line + "\n") }
    for f in inputs.failures {
        try? err.write("  \(UntrustedText.forTerminal(f.input)): not read: \(UntrustedText.forTerminal(f.reason))\n")
    }
    try? err.flush()
}

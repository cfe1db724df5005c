import ArgumentParser
import IcelensCore

/// Where a result goes and how much is said beside it: `-o FILE` (written whole or not at all) and `-q` for cron.
struct OutputOptions: ParsableArguments {
    @Option(
        name: [.customShort("o"), .customLong("output")],
        help: ArgumentHelp(
            "Write the result to this file instead of standard output; it is replaced in one step once complete, so "
                + "a reader (a web server, node_exporter) never sees half of it.",
            valueName: "file"))
    var output: String?

    @Flag(
        name: [.customShort("q"), .customLong("quiet")],
        help: "Say nothing on standard error but errors, damaged inputs and failed --fail-if checks (for cron).")
    var quiet = false

    func validate() throws {
        if output == "" { throw ValidationError("-o needs a file name (or - for standard output).") }
    }

    /// Whether the result goes to a terminal (colours, tables).
    var toTerminal: Bool { output == nil && StandardStreams.output.isTerminal }

    /// The destination of the result; a file that cannot be created is an output failure (exit status 74).
    func open() throws -> ResultOutput {
        guard let output, output != "-" else { return .standardOutput }
        do { return try .file(output) } catch { throw ExitStatus.outputFailed(error) }
    }

    /// The text style: the terminal's width and colours on standard output; 80 plain columns in a file unless
    /// `--color always`.
    func textStyle(color: ColorMode) -> TextStyle {
        guard output != nil, output != "-" else { return .standardOutput(color: color) }
        return TextStyle(color: color == .always, width: 80)
    }
}

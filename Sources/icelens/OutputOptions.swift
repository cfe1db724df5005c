import ArgumentParser
import IcelensCore

/// Where a result goes, how it looks and how much is said beside it: `-o FILE` (written whole or not at all), `-q`
/// for cron, `--color` and `--compact`; shared by every command that writes a result.
struct OutputOptions: ParsableArguments {
    @Option(
        name: .customLong("color"),
        help: ArgumentHelp(
            "Colour text output: auto (on a terminal, unless NO_COLOR is set), always or never.", valueName: "when"))
    var color: ColorMode = .auto

    @Flag(help: "With --format json: one line instead of indented.")
    var compact = false

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

    /// `--compact` only changes JSON: with another format it is a mistake worth saying.
    func validate(format: OutputFormat) throws {
        if compact, format != .json {
            throw ValidationError("--compact applies to --format json only (the format is \(format.rawValue)).")
        }
    }

    /// How the renderers should look at this destination.
    var renderOptions: RenderOptions {
        RenderOptions(text: textStyle(color: color), json: compact ? .compact : .pretty)
    }

    /// Whether the result goes to a terminal (colours, tables).
    var toTerminal: Bool { (output == nil || output == "-") && StandardStreams.output.isTerminal }

    /// A usage error when two of the files this run writes (`-o` and `extra`) are one file, or one is an input
    /// (`inputs`, as paths): the result would replace what it was made from.
    func checkTargets(_ extra: [(flag: String, path: String?)], inputs: [String], command: String) throws {
        if let conflict = AtomicFile.conflict(writing: [("-o", output)] + extra, reading: inputs) {
            throw ExitStatus.usage(conflict, command: command)
        }
    }

    /// Writes a finished result (`render`) to the destination; when the output cannot be written, the failed
    /// `checks` are still said on standard error before the status 74 is thrown.
    func deliver(checks: [CheckResult], render: (inout ResultOutput) -> Void) throws {
        var out: ResultOutput
        do { out = try open() } catch {
            StandardError.write(AccountingRenderer.checkFailureLines(checks))
            throw error
        }
        render(&out)
        out.finish()
        if let failure = out.failure {
            StandardError.write(AccountingRenderer.checkFailureLines(checks))
            throw ExitStatus.outputFailed(failure)
        }
    }

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

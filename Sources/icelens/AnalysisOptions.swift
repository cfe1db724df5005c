import ArgumentParser
import IcelensCore

/// The flags shared by `report`, `compare` and `tours`.
struct AnalysisOptions: ParsableArguments {
    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "The app's ICE timeout: an attempt with no connected state this long after checking is a timeout "
                + "(30s, 45s, 1500ms).",
            valueName: "duration"))
    var timeout = TimeSpan(ms: 30_000)

    @Option(
        name: .customLong("idle-window"), parsing: .unconditional,
        help: ArgumentHelp(
            "A tour with no line for this long in log time is finished and its memory freed (3h, 90m). Longer than "
                + "the quietest stretch of a tour and than the delay of late log batches.",
            valueName: "duration"))
    var idleWindow = TimeSpan(ms: 3 * 3_600_000)

    @OptionGroup(title: "Output") var destination: OutputOptions

    func validate() throws {
        guard timeout.ms > 0 else {
            throw ValidationError("--timeout must be longer than 0, such as 30s (got \(timeout)).")
        }
        guard idleWindow.ms >= timeout.ms else {
            throw ValidationError(
                "--idle-window (\(idleWindow)) must be at least --timeout (\(timeout)): a tour is finished only "
                    + "after its last attempt could have timed out; a bare number is seconds, so write 3h for three hours."
            )
        }
    }

    /// `--compact` only changes JSON: with another format it is a mistake worth saying.
    func validate(format: OutputFormat) throws { try destination.validate(format: format) }

    /// The library settings for these flags.
    func settings(scan: ScanOptions, filter: TourFilter = TourFilter()) -> AnalysisSettings {
        AnalysisSettings(scan: scan, timeout: timeout, idleWindow: idleWindow, filter: filter)
    }

    /// A usage error when two of the files this run writes (`-o`, and `extra` such as `--snapshot`, `--history`)
    /// are the same file, or one of them is an input: `-o day.log.gz day.log.gz` would replace the log with its report.
    func checkOutputs(_ extra: [(flag: String, path: String?)], inputs: [InputSpec], command: String) throws {
        try destination.checkTargets(extra, inputs: inputs.compactMap(\.path), command: command)
    }

    /// Runs `body` (the reading of the inputs) with the progress line drawn on standard error when it is a
    /// terminal, the run is not quiet and NO_PROGRESS is unset; the line is erased before the result is written.
    /// `more`: further paths read by the run (`compare --vs`), counted in the total.
    func withProgress<T>(_ input: InputOptions, more: [String] = [], _ body: () throws -> T) rethrows -> T {
        let inputs = input.inputs().inputs + (more.isEmpty ? [] : InputLocator.locateEach(more).inputs)
        let line = destination.quiet ? nil : ProgressLine.onTerminal(for: inputs)
        line?.start()
        defer { line?.stop() }
        return try body()
    }

    /// The format of a list of records (`connections`, `sessions`): the one asked for, else a table on a terminal and
    /// NDJSON on a pipe.
    func recordFormat(_ asked: OutputFormat?) -> OutputFormat {
        asked ?? (destination.toTerminal ? .text : .ndjson)
    }

    /// How the renderers should look on standard output.
    var renderOptions: RenderOptions {
        destination.renderOptions
    }

    /// Writes a finished result to standard output or the `-o` file (a closed pipe ends quietly; an incomplete
    /// result never replaces a file) and, for formats read by programs, the line accounting to standard error (text
    /// output carries its own, and only the inputs that could not be read go to standard error); `--quiet` keeps
    /// only unreadable and damaged inputs and failed checks there. Exit status 3 when a `--fail-if` check failed,
    /// else 1 when an input could not be read. `finished` is the store the result's rows and findings were
    /// streamed from, and `turn` the store of its TURN sessions: if one could not read them back, the output is
    /// incomplete.
    func emit(
        _ inputs: InputsReport, finished: FinishedTours? = nil, turn: FinishedTurnSessions? = nil,
        format: OutputFormat, checks: [CheckResult] = [],
        render: (inout ResultOutput) -> Void
    ) throws {
        try destination.checkTargets([], inputs: inputs.inputs.map(\.input).filter { $0 != "-" }, command: "icelens")
        var out: ResultOutput
        do { out = try destination.open() } catch {
            StandardError.write(AccountingRenderer.checkFailureLines(checks))
            throw error
        }
        render(&out)
        if let reason = finished?.readFailure ?? turn?.readFailure {
            out.abandon()
            throw ExitStatus.outputFailed(OutputFailed(reason: "the output is incomplete: \(reason)"))
        }
        out.finish()
        if let failure = out.failure {
            // The output is lost, but a failed check must still be heard.
            StandardError.write(AccountingRenderer.checkFailureLines(checks))
            throw ExitStatus.outputFailed(failure)
        }
        try Self.finishDiagnostics(
            inputs, format: format, checks: checks, quiet: destination.quiet,
            checksShown: format == .text && destination.toTerminal)
    }

    /// The standard-error side of a finished run and its exit status (shared with `merge`).
    /// `checksShown`: the result is on the user's terminal, failed checks at its top, so not repeated.
    static func finishDiagnostics(
        _ inputs: InputsReport, format: OutputFormat, checks: [CheckResult], quiet: Bool, checksShown: Bool = false
    ) throws {
        if format.isForPrograms, !quiet {
            StandardError.write(AccountingRenderer.summaryLines(inputs))
        } else {
            // The report names them too, but a script reading only the exit status and stderr must see them.
            StandardError.write(AccountingRenderer.failureLines(inputs.failures))
            if quiet { StandardError.write(AccountingRenderer.damageLines(inputs)) }
        }
        if !checksShown { StandardError.write(AccountingRenderer.checkFailureLines(checks)) }
        if !checks.failures.isEmpty { throw ExitCode(ExitStatus.checkFailed) }
        if !inputs.failures.isEmpty { throw ExitCode(ExitStatus.inputFailed) }
    }
}

import ArgumentParser
import IcelensCore

/// The exit statuses of every command (docs/usage.md): 0 done, 1 some input could not be read (the rest was
/// analysed), 3 a `--fail-if` check failed (it wins over 1), 64 a wrong flag or argument (ArgumentParser's
/// validation), 74 the output could not be written.
enum ExitStatus {
    /// Some input could not be read; the rest was analysed.
    static let inputFailed: Int32 = 1
    /// A `--fail-if` check failed: the run worked and the day was bad.
    static let checkFailed: Int32 = 3
    /// The output could not be written (a full disk, an I/O error): nothing complete was delivered.
    static let outputFailed: Int32 = 74

    /// A wrong flag found once running (where ArgumentParser's own validation cannot say it well).
    static let usage: Int32 = 64

    /// Says what is wrong with the flags and gives the usage status.
    static func usage(_ message: String, command: String) -> ExitCode {
        StandardError.write(["Error: \(message)", "  See 'icelens \(command) --help' for more information."])
        return ExitCode(usage)
    }

    /// Says why the output could not be written and gives the status to exit with.
    static func outputFailed(_ failure: OutputFailed) -> ExitCode {
        StandardError.write(["icelens: \(failure)"])
        return ExitCode(outputFailed)
    }
}

import ArgumentParser
import IcelensCore

/// `--fail-if`: the health rules of a scheduled run; any that holds makes the exit status 3.
struct CheckOptions: ParsableArguments {
    @Option(
        name: .customLong("fail-if"),
        help: ArgumentHelp(
            "Exit with status 3 when METRIC OP NUMBER holds (repeatable): e.g. 'success_rate < 0.95', "
                + "'timeouts > 0', 'damaged_inputs > 0'.",
            discussion:
                "OP is <, <=, >, >=, == or !=. METRIC is any key of the JSON summary (rates 0-1, durations in "
                + "seconds: ttc_p90_s) or of the accounting: damaged_inputs, unreadable_inputs, lines_read, "
                + "recognised, unrecognised, malformed, cut, events_dropped, events_late. A metric with no value "
                + "(no connection, no sample) fails its check. Failed checks are listed in every format and on "
                + "standard error.",
            valueName: "expr"))
    var failIf: [String] = []

    func validate() throws { _ = try thresholds() }

    /// The parsed thresholds, in the order given.
    func thresholds() throws -> [Threshold] {
        try failIf.map { text in
            do { return try Threshold(parsing: text) } catch { throw ValidationError("--fail-if \(error)") }
        }
    }
}

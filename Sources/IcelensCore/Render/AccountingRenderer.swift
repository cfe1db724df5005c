/// Renders the line accounting of a run as plain text (for stderr or the report's data-quality section):
/// per input read = recognised + unrecognised + malformed + cut, and any damage with its byte offset.
public enum AccountingRenderer {
    /// Text lines for `inputs`, with a total line when there is more than one input.
    public static func lines(_ inputs: [InputAccounting]) -> [String] {
        var out: [String] = []
        var total = InputAccounting(input: "total")
        for a in inputs {
            total.add(a)
            out.append(row(a))
            if let d = a.damage {
                out.append(
                    "    damaged at byte \(d.byteOffset): \(UntrustedText.forTerminal(d.reason)); lines before it were kept"
                )
            }
        }
        if inputs.count != 1 { out.append(row(total)) }
        return out
    }

    /// The summary every command prints on standard error: a heading, one line per input (with damage), the
    /// total, and the inputs that could not be read.
    public static func summaryLines(_ inputs: [InputAccounting], failures: [InputFailure]) -> [String] {
        ["icelens: line accounting"] + lines(inputs).map { "  " + $0 } + failureLines(failures).map { "  " + $0 }
    }

    /// One line per input that could not be read, for standard error: "icelens: PATH: not read: WHY".
    public static func failureLines(_ failures: [InputFailure]) -> [String] {
        failures.map { "\(UntrustedText.forTerminal($0.input)): not read: \(UntrustedText.forTerminal($0.reason))" }
    }

    /// The summary for standard error of an analysis: `summaryLines(_:failures:)` and the notes that say why
    /// some events were not analysed (late events, with their cause and fix).
    public static func summaryLines(_ inputs: InputsReport) -> [String] {
        var out = summaryLines(inputs.inputs, failures: inputs.failures)
        if let jumps = Wording.timeJumpsSentence(inputs) { out.append("  " + jumps) }
        if let late = Wording.lateEventsSentence(inputs) { out.append("  " + late) }
        return out
    }

    /// One line per damaged input, for standard error when the accounting itself is not shown (`--quiet`):
    /// "PATH: damaged at byte N: WHY; lines before it were kept".
    public static func damageLines(_ inputs: InputsReport) -> [String] {
        inputs.inputs.compactMap { input in
            input.damage.map {
                "\(UntrustedText.forTerminal(input.input)): damaged at byte \($0.byteOffset): "
                    + "\(UntrustedText.forTerminal($0.reason)); lines before it were kept"
            }
        }
    }

    /// One line per failed `--fail-if` check, for standard error: "icelens: check failed: ...".
    public static func checkFailureLines(_ checks: [CheckResult]) -> [String] {
        checks.failures.map { "icelens: check failed: " + $0.sentence }
    }

    static func row(_ a: InputAccounting) -> String {
        "\(UntrustedText.forTerminal(a.input)): \(NumberFormat.grouped(a.read)) \(a.read == 1 ? "line" : "lines") read = \(NumberFormat.grouped(a.recognised)) recognised"
            + " + \(NumberFormat.grouped(a.unrecognised)) unrecognised + \(NumberFormat.grouped(a.malformed)) malformed + \(NumberFormat.grouped(a.cut)) cut"
    }

    /// The "Data quality" block of the text renderers: a table of line counts per input (read = recognised +
    /// unrecognised + malformed + cut) with the total, each damaged input with its byte offset, and the events
    /// that named no tour. `extra` lines (e.g. unassigned tours) are wrapped in after them.
    static func dataQualityLines(_ inputs: InputsReport, extra: [String] = [], style: TextStyle) -> [String] {
        let width = style.lineWidth
        var out = TextLayout.wrap(
            "Data quality (lines read = recognised + unrecognised + malformed + cut)", width: width, rest: "  ")
        if inputs.inputs.isEmpty {
            out.append("  no input was read")
        } else {
            // One block per input (its name, then its equation), so long paths never squeeze the numbers; a folder
            // shared by every input is said once.
            let names = inputs.inputs.map { UntrustedText.forTerminal($0.input) }
            let prefix = InputLocator.commonFolder(names)
            if !prefix.isEmpty {
                out += TextLayout.wrap("inputs under \(prefix)", width: width, first: "  ", rest: "    ")
            }
            for (input, name) in zip(inputs.inputs, names) {
                let shown = String(name.dropFirst(prefix.count)) + (input.gzip ? " (gzip)" : "")
                out += TextLayout.wrap(shown, width: width, first: "  ", rest: "    ")
                out += TextLayout.wrap(equation(input), width: width, first: "      ", rest: "        ")
                if let damage = input.damage {
                    let text =
                        "damaged at byte \(NumberFormat.grouped(Int(clamping: damage.byteOffset)))"
                        + " (\(UntrustedText.forTerminal(damage.reason))); every line before it was kept"
                    out += TextLayout.wrap(text, width: width, first: "      ", rest: "        ")
                }
            }
            if inputs.inputs.count > 1 {
                out += TextLayout.wrap("total", width: width, first: "  ", rest: "    ")
                out += TextLayout.wrap(equation(inputs.totals), width: width, first: "      ", rest: "        ")
            }
        }
        for failure in inputs.failures {
            let text =
                "\(UntrustedText.forTerminal(failure.input)): not read (\(UntrustedText.forTerminal(failure.reason)))"
            out += TextLayout.wrap(text, width: width, first: "  ", rest: "    ")
        }
        if inputs.droppedEvents > 0 {
            out += TextLayout.wrap(
                "\(NumberFormat.grouped(inputs.droppedEvents)) events over the per-connection bound (counted, not analysed)",
                width: width, first: "  ", rest: "    ")
        }
        if let jumps = Wording.timeJumpsSentence(inputs) {
            out += TextLayout.wrap(jumps, width: width, first: "  ", rest: "    ")
        }
        if let late = Wording.lateEventsSentence(inputs) {
            out += TextLayout.wrap(late, width: width, first: "  ", rest: "    ")
        }
        let events = inputs.eventsWithoutTour
        let noTour =
            "\(NumberFormat.grouped(events)) \(events == 1 ? "event" : "events") named no tour (counted, not analysed)"
        for text in [noTour] + extra {
            out += TextLayout.wrap(text, width: width, first: "  ", rest: "    ")
        }
        return out
    }

    /// "12,791 read = 7,677 recognised + 5,111 unrecognised + 3 malformed + 0 cut".
    static func equation(_ a: InputAccounting) -> String {
        "\(NumberFormat.grouped(a.read)) read = \(NumberFormat.grouped(a.recognised)) recognised + \(NumberFormat.grouped(a.unrecognised)) unrecognised"
            + " + \(NumberFormat.grouped(a.malformed)) malformed + \(NumberFormat.grouped(a.cut)) cut"
    }
}

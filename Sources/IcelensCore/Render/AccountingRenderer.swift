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
        if let late = lateEventsSentence(inputs) { out.append("  " + late) }
        return out
    }

    /// One sentence on events that came after their tour was closed, naming the cause and the fix; nil when none.
    public static func lateEventsSentence(_ inputs: InputsReport) -> String? {
        let n = inputs.lateEvents
        guard n > 0 else { return nil }
        let events = "\(group(n)) \(n == 1 ? "event" : "events") came after their tour was closed, not analysed"
        if inputs.heldTourLimitReached {
            return events + ": standard input held more idle tours than the limit while it was read, so the longest"
                + "-idle were closed; name the log files instead of piping them (icelens report FILE...)"
        }
        if let jump = inputs.timeJumps.first {
            let name = UntrustedText.forTerminal(jump.input)
            let more = inputs.timeJumps.count > 1 ? " (and \(inputs.timeJumps.count - 1) more inputs)" : ""
            return events
                + ": \(name)\(more) goes back in time \(jump.count == 1 ? "once" : "\(group(jump.count)) times")"
                + " by more than --idle-window, as several logs one after another do; name each log as its own"
                + " file, or raise --idle-window above the time they span"
        }
        return events + ": one input lags the others by more than --idle-window; raise --idle-window"
    }

    static func row(_ a: InputAccounting) -> String {
        "\(UntrustedText.forTerminal(a.input)): \(group(a.read)) lines read = \(group(a.recognised)) recognised"
            + " + \(group(a.unrecognised)) unrecognised + \(group(a.malformed)) malformed + \(group(a.cut)) cut"
    }

    /// 1234567 as "1,234,567".
    public static func group(_ n: Int) -> String {
        let s = String(n.magnitude)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0, (s.count - i) % 3 == 0 { out += "," }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
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
            let prefix = commonFolder(names)
            if !prefix.isEmpty {
                out += TextLayout.wrap("inputs under \(prefix)", width: width, first: "  ", rest: "    ")
            }
            for (input, name) in zip(inputs.inputs, names) {
                let shown = String(name.dropFirst(prefix.count)) + (input.gzip ? " (gzip)" : "")
                out += TextLayout.wrap(shown, width: width, first: "  ", rest: "    ")
                out += TextLayout.wrap(equation(input), width: width, first: "      ", rest: "        ")
                if let damage = input.damage {
                    let text =
                        "damaged at byte \(group(Int(clamping: damage.byteOffset)))"
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
                "\(group(inputs.droppedEvents)) events over the per-connection bound (counted, not analysed)",
                width: width, first: "  ", rest: "    ")
        }
        if let late = lateEventsSentence(inputs) {
            out += TextLayout.wrap(late, width: width, first: "  ", rest: "    ")
        }
        let events = inputs.eventsWithoutTour
        let noTour = "\(group(events)) \(events == 1 ? "event" : "events") named no tour (counted, not analysed)"
        for text in [noTour] + extra {
            out += TextLayout.wrap(text, width: width, first: "  ", rest: "    ")
        }
        return out
    }

    /// "12,791 read = 7,677 recognised + 5,111 unrecognised + 3 malformed + 0 cut".
    static func equation(_ a: InputAccounting) -> String {
        "\(group(a.read)) read = \(group(a.recognised)) recognised + \(group(a.unrecognised)) unrecognised"
            + " + \(group(a.malformed)) malformed + \(group(a.cut)) cut"
    }

    /// The folder (ending in "/") that every name starts with, or "" when they share none or there is one name.
    static func commonFolder(_ names: [String]) -> String {
        guard names.count > 1, var prefix = names.first.map({ Substring($0) }) else { return "" }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix = prefix.dropLast() }
        }
        guard let slash = prefix.lastIndex(of: "/") else { return "" }
        return String(prefix[...slash])
    }
}

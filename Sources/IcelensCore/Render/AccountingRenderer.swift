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
                out.append("    damaged at byte \(d.byteOffset): \(UntrustedText.forTerminal(d.reason)); lines before it were kept")
            }
        }
        if inputs.count != 1 { out.append(row(total)) }
        return out
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
            var table = TextTable([
                .init("input", right: false, shrinkTo: 8), .init("read"), .init("recognised"),
                .init("unrecognised"), .init("malformed"), .init("cut"),
            ])
            for input in inputs.inputs {
                table.add(cells(UntrustedText.forTerminal(input.input) + (input.gzip ? " (gzip)" : ""), input))
            }
            if inputs.inputs.count > 1 { table.add(cells("total", inputs.totals)) }
            out += table.lines(width: width, style: style)
        }
        for input in inputs.inputs {
            guard let damage = input.damage else { continue }
            let text = "\(UntrustedText.forTerminal(input.input)): damaged at byte \(group(Int(clamping: damage.byteOffset)))"
                + " (\(UntrustedText.forTerminal(damage.reason))); every line before it was kept"
            out += TextLayout.wrap(text, width: width, first: "  ", rest: "    ")
        }
        let events = inputs.eventsWithoutTour
        let noTour = "\(group(events)) \(events == 1 ? "event" : "events") named no tour (counted, not analysed)"
        for text in [noTour] + extra {
            out += TextLayout.wrap(text, width: width, first: "  ", rest: "    ")
        }
        return out
    }

    private static func cells(_ name: String, _ a: InputAccounting) -> [TextTable.Cell] {
        [.init(name)] + [a.read, a.recognised, a.unrecognised, a.malformed, a.cut].map { .init(group($0)) }
    }
}

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
}

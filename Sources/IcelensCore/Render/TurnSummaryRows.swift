/// The TURN server's side of a report in words (issue 11), shared by the text, Markdown and HTML renderers so the
/// three say the same: one row a fact, with a label, a value and a note. A close reason is the log's own text
/// (`noteIsLogText`): each renderer escapes it for its format. It computes nothing.
struct TurnSummaryRows {
    struct Row {
        var label: String
        var value: String
        var note: String
        var noteIsLogText = false
    }

    /// The heading every format shows.
    static let title = "TURN server sessions (coturn logs; details: icelens sessions)"

    /// At most this many close reasons are listed (most first).
    static let reasonsShown = 8

    static func rows(_ t: TurnSummary) -> [Row] {
        let codes = t.allocateErrors.map { "\($0.code) x\($0.count)" }.joined(separator: ", ")
        var rows = [
            Row(
                label: "sessions", value: TextNumber.count(t.sessions),
                note: "\(TextNumber.count(t.allocated)) allocated, \(TextNumber.count(t.stunOnly)) STUN only"),
            Row(
                label: "failed allocations", value: TextNumber.count(t.failedAllocations),
                note: (codes.isEmpty ? "" : codes + "; ")
                    + "401 challenges: \(TextNumber.count(t.challenges)) (the normal first step, not failures)"),
            Row(label: "deallocated", value: TextNumber.count(t.deallocated), note: "by the client"),
        ]
        for (reason, count) in t.closeReasons.prefix(reasonsShown) {
            rows.append(Row(label: "closed", value: TextNumber.count(count), note: reason, noteIsLogText: true))
        }
        if t.closeReasons.count > reasonsShown {
            let rest = t.closeReasons.dropFirst(reasonsShown).reduce(0) { $0 + $1.count }
            rows.append(
                Row(
                    label: "closed", value: TextNumber.count(rest),
                    note: "\(t.closeReasons.count - reasonsShown) other reasons (icelens sessions lists them)"))
        }
        rows += [
            Row(
                label: "traffic", value: TextNumber.bytes(t.usage.rb + t.usage.sb),
                note: "\(TextNumber.bytes(t.usage.rb)) from clients, \(TextNumber.bytes(t.usage.sb)) to clients"),
            Row(label: "server errors", value: TextNumber.count(t.serverErrors), note: "naming no session"),
        ]
        return rows
    }
}

extension TextRenderer {
    /// The TURN server's side of a report (coturn logs read): sessions, failed allocations, close reasons, traffic,
    /// server errors naming no session.
    func turnLines(_ t: TurnSummary) -> [String] {
        let rows = TurnSummaryRows.rows(t).map { r in
            (
                r.label, r.value,
                r.noteIsLogText ? UntrustedText.forTerminal(r.note) : r.note
            )
        }
        return [TurnSummaryRows.title] + TextLayout.facts(rows, width: style.lineWidth)
    }
}

extension MarkdownRenderer {
    /// The TURN server's side of a report, when coturn logs were read: a table of its facts (`TurnSummaryRows`), every
    /// note escaped (a close reason is the log's text).
    func turnLines(_ t: TurnSummary) -> [String] {
        ["## " + TurnSummaryRows.title, ""]
            + table(
                ["fact", "value", "note"], right: [1],
                TurnSummaryRows.rows(t).map { r in
                    [r.label, r.value, UntrustedText.forMarkdown(r.note)]
                })
    }
}

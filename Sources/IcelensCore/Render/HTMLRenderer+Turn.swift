extension HTMLRenderer {
    /// The TURN server's side of a report, when coturn logs were read: a table of its facts (`TurnSummaryRows`).
    func turnSection(_ t: TurnSummary?) -> [String] {
        guard let t else { return [] }
        return [
            "<h2>\(Self.h(TurnSummaryRows.title))</h2>",
            table(
                ["fact", "value", "note"], numeric: [1],
                TurnSummaryRows.rows(t).map { r in
                    [
                        Self.h(r.label), Self.h(r.value),
                        r.noteIsLogText ? "<code>\(Self.h(r.note))</code>" : Self.h(r.note),
                    ]
                }),
        ]
    }
}

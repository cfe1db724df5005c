extension Snapshot {
    /// `compare` on snapshots: the before and after periods are each the merge of their snapshots, either named as
    /// two sets (`A.snap --vs B.snap`) or split by a cutoff that must fall on a snapshot boundary (every snapshot's
    /// window ends at or before it, or starts at or after it). The result is the comparison one run over the logs
    /// behind them would give.
    public static func compare(
        before: [(name: String, snapshot: Snapshot)], after: [(name: String, snapshot: Snapshot)], split: PeriodSplit
    ) throws(SnapshotError) -> ComparisonReport {
        guard !before.isEmpty, !after.isEmpty else {
            throw SnapshotError(
                "no snapshot on the \(before.isEmpty ? "before" : "after") side: each side needs at least one")
        }
        let all = try merge(before + after)
        let b = try merge(before)
        let a = try merge(after)
        return ComparisonReport(
            parameters: all.parameters, split: split,
            comparison: Comparison(before: b.summaryResult, after: a.summaryResult, parameters: all.parameters),
            unassignedTours: 0, unassignedConnections: 0, inputs: all.inputs)
    }

    /// Splits snapshots at `cutoffMs` by their windows; refuses a snapshot whose window (or lack of one) straddles
    /// the cutoff, since its tours cannot be split without the logs.
    public static func compare(_ named: [(name: String, snapshot: Snapshot)], cutoffMs: Int64)
        throws(SnapshotError) -> ComparisonReport
    {
        var before: [(name: String, snapshot: Snapshot)] = []
        var after: [(name: String, snapshot: Snapshot)] = []
        for item in named {
            let p = item.snapshot.parameters
            if let until = p.windowUntilMs, until <= cutoffMs {
                before.append(item)
            } else if let since = p.windowSinceMs, since >= cutoffMs {
                after.append(item)
            } else {
                throw SnapshotError(
                    "\(item.name) covers \(windowText(p)), across the cutoff \(UTCTimestamp.format(ms: cutoffMs)): "
                        + "a cutoff must fall on a snapshot boundary (or compare the logs themselves)")
            }
        }
        return try compare(before: before, after: after, split: .cutoff(ms: cutoffMs))
    }

    private static func windowText(_ p: AnalysisParameters) -> String {
        let since = p.windowSinceMs.map { UTCTimestamp.format(ms: $0) } ?? "the beginning"
        let until = p.windowUntilMs.map { UTCTimestamp.format(ms: $0) } ?? "the end"
        return "\(since) to \(until)"
    }
}

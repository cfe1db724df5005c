extension Snapshot {
    /// Merges snapshots into one that equals a single run over all the logs behind them: counters and histograms
    /// add up, instance rows and matrix cells join by name. Order does not matter.
    ///
    /// Refused, with the reason: snapshots made with different settings or filters (`--timeout`, the 5 s
    /// threshold, `--tour`/`--peer`/`--instance`/`--flagged`), and two snapshots that read the same input over
    /// overlapping windows (the same tours would count twice). Snapshots that read the very same inputs (daily runs
    /// over one folder, each with its own window) have their line accounting counted once; different inputs add up.
    public static func merge(_ named: [(name: String, snapshot: Snapshot)]) throws(SnapshotError) -> Snapshot {
        guard let first = named.first else { throw SnapshotError("no snapshot to merge") }
        for other in named.dropFirst() {
            try compatible(first, other)
        }
        for i in named.indices {
            for j in named.indices where j > i {
                try disjoint(named[i], named[j])
            }
        }
        var merged = first.snapshot
        merged.madeBy = IcelensVersion.current
        for other in named.dropFirst() {
            merged.summary.merge(other.snapshot.summary)
            merged.instances.merge(other.snapshot.instances)
            merged.hours.merge(other.snapshot.hours)
            merged.flaggedConnections += other.snapshot.flaggedConnections
        }
        merged.sources = named.flatMap { $0.snapshot.sources.isEmpty ? [$0.name] : $0.snapshot.sources }
        merged.inputs = mergedInputs(named.map(\.snapshot))
        merged.parameters = mergedParameters(named.map(\.snapshot))
        return merged
    }

    private static func compatible(
        _ a: (name: String, snapshot: Snapshot), _ b: (name: String, snapshot: Snapshot)
    ) throws(SnapshotError) {
        let p = a.snapshot.parameters
        let q = b.snapshot.parameters
        func refuse(_ what: String, _ x: String, _ y: String) -> SnapshotError {
            SnapshotError(
                "cannot merge \(a.name) (\(what) \(x)) with \(b.name) (\(what) \(y)): their figures were judged "
                    + "differently; make them again with the same settings")
        }
        if p.timeoutMs != q.timeoutMs {
            throw refuse("--timeout", "\(TimeSpan(ms: p.timeoutMs))", "\(TimeSpan(ms: q.timeoutMs))")
        }
        if p.slowThresholdMs != q.slowThresholdMs {
            throw refuse("slow threshold", "\(p.slowThresholdMs) ms", "\(q.slowThresholdMs) ms")
        }
        if p.apiCallReductionTarget != q.apiCallReductionTarget {
            throw refuse("API call target", "\(p.apiCallReductionTarget)", "\(q.apiCallReductionTarget)")
        }
        var f = p.filter
        var g = q.filter
        f.window = TimeWindow()
        g.window = TimeWindow()
        if f != g {
            throw refuse(
                "filter", "'\(describe(f))'", "'\(describe(g))'")
        }
    }

    private static func describe(_ filter: TourFilter) -> String {
        var p = AnalysisParameters()
        p.filter = filter
        return p.filterWords ?? "none"
    }

    private static func disjoint(
        _ a: (name: String, snapshot: Snapshot), _ b: (name: String, snapshot: Snapshot)
    ) throws(SnapshotError) {
        let p = a.snapshot.parameters
        let q = b.snapshot.parameters
        let overlap =
            (p.windowSinceMs ?? .min) < (q.windowUntilMs ?? .max)
            && (q.windowSinceMs ?? .min) < (p.windowUntilMs ?? .max)
        guard overlap else { return }
        let read = Set(a.snapshot.inputs.inputs.map(\.input))
        guard let shared = b.snapshot.inputs.inputs.first(where: { read.contains($0.input) }) else { return }
        throw SnapshotError(
            "cannot merge \(a.name) (\(windowWords(p))) with \(b.name) (\(windowWords(q))): both read "
                + "\(shared.input) over overlapping windows, so tours would count twice")
    }

    private static func windowWords(_ p: AnalysisParameters) -> String {
        switch (p.windowSinceMs, p.windowUntilMs) {
        case (nil, nil): return "no window"
        case (let s?, nil): return "from \(UTCTimestamp.format(ms: s))"
        case (nil, let u?): return "before \(UTCTimestamp.format(ms: u))"
        case (let s?, let u?): return "\(UTCTimestamp.format(ms: s)) to \(UTCTimestamp.format(ms: u))"
        }
    }

    /// What identifies one reading of the inputs: each input's name, size and lines.
    private static func readIdentity(_ inputs: InputsReport) -> [String] {
        inputs.inputs.map { "\($0.input)\u{0}\($0.bytes)\u{0}\($0.read)" }
            + inputs.failures.map { "\($0.input)\u{0}failed" }
    }

    /// The accounting of the distinct readings: a reading shared by several snapshots counts once.
    private static func mergedInputs(_ snapshots: [Snapshot]) -> InputsReport {
        var seen = Set<[String]>()
        var readings: [InputsReport] = []
        for s in snapshots where seen.insert(readIdentity(s.inputs)).inserted { readings.append(s.inputs) }
        let accounting = readings.flatMap(\.inputs).sorted { $0.input.utf8.lexicographicallyPrecedes($1.input.utf8) }
        var merged = InputsReport(
            accounting, eventsWithoutTour: readings.map(\.eventsWithoutTour).reduce(0, +),
            failures: readings.flatMap(\.failures), droppedEvents: readings.map(\.droppedEvents).reduce(0, +),
            lateEvents: readings.map(\.lateEvents).reduce(0, +), timeJumps: readings.flatMap(\.timeJumps),
            heldTourLimitReached: readings.contains(where: \.heldTourLimitReached))
        merged.browserEvents = readings.map(\.browserEvents).reduce(0, +)
        merged.serverEvents = readings.map(\.serverEvents).reduce(0, +)
        return merged
    }

    /// The settings (all equal), the union of the windows, and the tours read (once a reading) and kept.
    private static func mergedParameters(_ snapshots: [Snapshot]) -> AnalysisParameters {
        var p = snapshots[0].parameters
        let all = snapshots.map(\.parameters)
        let earliest =
            all.contains { $0.windowSinceMs == nil } ? nil : all.min { $0.windowSinceMs! < $1.windowSinceMs! }
        let latest = all.contains { $0.windowUntilMs == nil } ? nil : all.max { $0.windowUntilMs! < $1.windowUntilMs! }
        p.filter.window = TimeWindow(since: earliest?.filter.window.since, until: latest?.filter.window.until)
        p.windowSinceMs = earliest?.windowSinceMs
        p.windowUntilMs = latest?.windowUntilMs
        if all.allSatisfy({ $0.toursSeen != nil && $0.toursKept != nil }) {
            var seen = Set<[String]>()
            var toursSeen = 0
            for s in snapshots where seen.insert(readIdentity(s.inputs)).inserted {
                toursSeen += s.parameters.toursSeen!
            }
            p.toursSeen = toursSeen
            p.toursKept = all.map { $0.toursKept! }.reduce(0, +)
        } else {
            p.toursSeen = nil
            p.toursKept = nil
        }
        return p
    }
}

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
        // Each snapshot's counts are below 2^40; at most 2^16 snapshots keep every merged sum below 2^56, so even a
        // percentile's rank (100 x count) cannot overflow.
        guard named.count <= 1 << 16 else { throw SnapshotError("more than \(1 << 16) snapshots to merge") }
        var merged = first.snapshot
        merged.madeBy = IcelensVersion.current
        for other in named.dropFirst() {
            merged.summary.merge(other.snapshot.summary)
            merged.instances.merge(other.snapshot.instances)
            merged.hours.merge(other.snapshot.hours)
            merged.flaggedConnections += other.snapshot.flaggedConnections
        }
        merged.sources = named.flatMap { $0.snapshot.sources.isEmpty ? [$0.name] : $0.snapshot.sources }
        (merged.inputs, merged.inputIdentities) = mergedInputs(named.map(\.snapshot))
        merged.parameters = mergedParameters(named.map(\.snapshot))
        merged.windows = mergedWindows(named.flatMap(\.snapshot.windows))
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
        let (r, t) = (a.snapshot.reading, b.snapshot.reading)
        if r != t {
            throw refuse("reading", "'\(r.isEmpty ? "unknown" : r)'", "'\(t.isEmpty ? "unknown" : t)'")
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
        let shared = Set(a.snapshot.inputIdentities).intersection(b.snapshot.inputIdentities)
        guard !shared.isEmpty else { return }
        for w in a.snapshot.windows {
            for v in b.snapshot.windows where w.overlaps(v) {
                let input = shared.sorted()[0]
                let path = input.firstIndex(of: ":").map { String(input[input.index(after: $0)...]) } ?? input
                throw SnapshotError(
                    "cannot merge \(a.name) (\(windowWords(w))) with \(b.name) (\(windowWords(v))): both read \(path) "
                        + "over overlapping windows, so its tours would count twice")
            }
        }
    }

    /// The windows, sorted, with those that touch or overlap joined.
    private static func mergedWindows(_ windows: [CoveredWindow]) -> [CoveredWindow] {
        let sorted = windows.sorted { ($0.sinceMs ?? .min) < ($1.sinceMs ?? .min) }
        var out: [CoveredWindow] = []
        for w in sorted {
            if var last = out.last, (w.sinceMs ?? .min) <= (last.untilMs ?? .max) {
                last.untilMs = last.untilMs == nil || w.untilMs == nil ? nil : max(last.untilMs!, w.untilMs!)
                out[out.count - 1] = last
            } else {
                out.append(w)
            }
        }
        return out
    }

    /// A window in words ("2026-03-01T00:00:00.000Z to 2026-03-02T00:00:00.000Z").
    static func windowWords(_ p: CoveredWindow) -> String {
        switch (p.sinceMs, p.untilMs) {
        case (nil, nil): return "no window"
        case (let s?, nil): return "from \(UTCTimestamp.format(ms: s))"
        case (nil, let u?): return "before \(UTCTimestamp.format(ms: u))"
        case (let s?, let u?): return "\(UTCTimestamp.format(ms: s)) to \(UTCTimestamp.format(ms: u))"
        }
    }

    /// The accounting of the inputs behind the snapshots. Snapshots that share an input (daily runs over one
    /// folder, or over a log that grew between them) form a group: each input of a group is counted once, by its
    /// largest reading (the later run read what the earlier did and more), and the group's event counts are its
    /// largest snapshot's. Groups with no input in common add up. The files are listed in path order.
    private static func mergedInputs(_ snapshots: [Snapshot]) -> (InputsReport, [String]) {
        // Group snapshots that share an input identity (union-find over indices).
        var parent = Array(snapshots.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { i = parent[i] }
            return i
        }
        var owner: [String: Int] = [:]
        for (i, s) in snapshots.enumerated() {
            for id in s.inputIdentities {
                if let j = owner[id] { parent[root(i)] = root(j) } else { owner[id] = i }
            }
        }
        var groups: [Int: [Int]] = [:]
        for i in snapshots.indices { groups[root(i), default: []].append(i) }
        var files: [String: (InputAccounting, String)] = [:]
        var failures: [String: InputFailure] = [:]
        var jumps: [String: TimeJump] = [:]
        var totals = [0, 0, 0, 0, 0]
        var held = false
        for members in groups.values {
            for i in members {
                for (a, id) in zip(snapshots[i].inputs.inputs, snapshots[i].inputIdentities) {
                    if let kept = files[id], kept.0.bytes >= a.bytes { continue }
                    files[id] = (a, id)
                }
                for f in snapshots[i].inputs.failures { failures[f.input] = f }
                for j in snapshots[i].inputs.timeJumps where (jumps[j.input]?.count ?? 0) < j.count {
                    jumps[j.input] = j
                }
                held = held || snapshots[i].inputs.heldTourLimitReached
            }
            let largest = members.max { a, b in
                snapshots[a].inputs.totals.bytes < snapshots[b].inputs.totals.bytes
            }!
            let r = snapshots[largest].inputs
            for (k, v) in [r.eventsWithoutTour, r.droppedEvents, r.lateEvents, r.browserEvents, r.serverEvents]
                .enumerated()
            {
                totals[k] += v
            }
        }
        let ordered = files.values.sorted { a, b in
            a.0.input == b.0.input ? a.1 < b.1 : a.0.input.utf8.lexicographicallyPrecedes(b.0.input.utf8)
        }
        var merged = InputsReport(
            ordered.map(\.0), eventsWithoutTour: totals[0],
            failures: failures.values.sorted { $0.input < $1.input }, droppedEvents: totals[1], lateEvents: totals[2],
            timeJumps: jumps.values.sorted { $0.input < $1.input }, heldTourLimitReached: held)
        merged.browserEvents = totals[3]
        merged.serverEvents = totals[4]
        return (merged, ordered.map(\.1))
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
            // Tours read: once for snapshots that read the very same inputs (each day's run over one folder), the
            // largest count of them (a log that grew was read whole by the later run).
            var seenBy: [[String]: Int] = [:]
            for s in snapshots {
                let key = s.inputIdentities.sorted()
                seenBy[key] = max(seenBy[key] ?? 0, s.parameters.toursSeen!)
            }
            p.toursSeen = max(seenBy.values.reduce(0, +), all.map { $0.toursKept! }.reduce(0, +))
            p.toursKept = all.map { $0.toursKept! }.reduce(0, +)
        } else {
            p.toursSeen = nil
            p.toursKept = nil
        }
        return p
    }
}

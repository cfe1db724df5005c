/// The settings an analysis ran with, carried in every result so that a reader can tell how it was judged.
public struct AnalysisParameters: Sendable, Equatable {
    /// The ICE timeout (`--timeout`), in ms: `checking` without `connected` for this long is a timeout.
    public var timeoutMs: Int64
    /// A connection whose time to connect is at least this many ms is flagged `slow`; below it counts toward
    /// `ttc_under_5s_share`.
    public var slowThresholdMs: Int64
    /// The relative reduction of Xirsys API calls per tour that counts as "about 50% fewer" (0.4 = 40%).
    public var apiCallReductionTarget: Double
    /// What the run was narrowed to (`--tour`, `--peer`, `--instance`, `--flagged`, `--since`, `--until`).
    public var filter = TourFilter()
    /// The window's start as resolved at the end of the run (a relative bound against the newest event), ms.
    public var windowSinceMs: Int64?
    /// The window's end as resolved at the end of the run, ms.
    public var windowUntilMs: Int64?

    /// What the run was narrowed to, in words ("instance fr-turn7.xirsys.com; first line from
    /// 2026-03-02T17:34:28.000Z (-2h)"), or nil when nothing was filtered. Log-derived values are not in it (only
    /// what the user typed and times), yet renderers still make it safe for their format.
    public var filterWords: String? {
        guard !filter.keepsEverything else { return nil }
        var parts: [String] = []
        if !filter.tours.isEmpty {
            parts.append((filter.tours.count == 1 ? "tour " : "tours ") + filter.tours.joined(separator: ", "))
        }
        if let peer = filter.peer { parts.append("peer \(peer)") }
        if let instance = filter.instance { parts.append("instance \(instance)") }
        if filter.flaggedOnly { parts.append("flagged connections") }
        func bound(_ b: TimeBound?, _ ms: Int64?) -> String? {
            guard let b else { return nil }
            let at = ms.map { UTCTimestamp.format(ms: $0) } ?? "unknown (no timed line)"
            return b.isRelative ? "\(at) (\(b))" : at
        }
        switch (bound(filter.window.since, windowSinceMs), bound(filter.window.until, windowUntilMs)) {
        case (let s?, let u?): parts.append("first line from \(s) to before \(u)")
        case (let s?, nil): parts.append("first line from \(s)")
        case (nil, let u?): parts.append("first line before \(u)")
        case (nil, nil): break
        }
        var words = parts.joined(separator: "; ")
        if let seen = toursSeen, let kept = toursKept {
            words +=
                " (kept \(NumberFormat.grouped(kept)) of \(NumberFormat.grouped(seen)) \(seen == 1 ? "tour" : "tours") read)"
        }
        return words
    }

    /// Tours read before the filter, and kept by it (set by the run when something was filtered).
    public var toursSeen: Int?
    /// Tours the filter kept.
    public var toursKept: Int?

    /// Fills in the window's bounds, now being `newestMs`.
    mutating func resolveWindow(newestMs: Int64?) {
        windowSinceMs = filter.window.since?.resolved(nowMs: newestMs)
        windowUntilMs = filter.window.until?.resolved(nowMs: newestMs)
    }

    /// Makes parameters; the defaults are SPEC's 30 s timeout, the promised 5 s and a 40% reduction.
    public init(timeoutMs: Int64 = 30_000, slowThresholdMs: Int64 = 5_000, apiCallReductionTarget: Double = 0.4) {
        self.timeoutMs = timeoutMs
        self.slowThresholdMs = slowThresholdMs
        self.apiCallReductionTarget = apiCallReductionTarget
    }
}

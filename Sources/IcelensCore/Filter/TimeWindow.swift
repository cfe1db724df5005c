/// The time window of a run (`--since`, `--until`): a tour is in it when its first line is in `[since, until)`, the
/// rule of the before/after split, so adjacent windows add up exactly to the whole. A tour without any timed line
/// is in no bounded window.
public struct TimeWindow: Sendable, Equatable, CustomStringConvertible {
    /// The inclusive start, or nil for no start.
    public var since: TimeBound?
    /// The exclusive end, or nil for no end.
    public var until: TimeBound?

    /// A window; both nil is everything.
    public init(since: TimeBound? = nil, until: TimeBound? = nil) {
        self.since = since
        self.until = until
    }

    /// No bound: every tour is in.
    public var isUnbounded: Bool { since == nil && until == nil }

    /// Whether a bound is relative to now (`-2h`), so that a tour can be judged only once now is final.
    public var isRelative: Bool { (since?.isRelative ?? false) || (until?.isRelative ?? false) }

    /// Whether a tour that started at `firstSeenMs` is in the window, now being `nowMs`.
    public func contains(_ firstSeenMs: Int64?, nowMs: Int64?) -> Bool {
        if isUnbounded { return true }
        guard let first = firstSeenMs else { return false }
        if let since, let start = since.resolved(nowMs: nowMs), first < start { return false }
        if let until, let end = until.resolved(nowMs: nowMs), first >= end { return false }
        return true
    }

    /// Whether a tour that started at `firstSeenMs` is out of the window whatever now becomes, now being at least
    /// `nowMs` (now only grows as logs are read: a relative start moves later, so a tour before it stays out).
    public func excludesForGood(_ firstSeenMs: Int64?, nowAtLeastMs nowMs: Int64?) -> Bool {
        if isUnbounded { return false }
        guard let first = firstSeenMs else { return true }
        switch since {
        case .at(let ms)?: if first < ms { return true }
        case .beforeNow(let ms)?: if let now = nowMs, first < now &- ms { return true }
        case nil: break
        }
        if case .at(let ms)? = until, first >= ms { return true }
        return false
    }

    /// Whether a tour that started at `firstSeenMs` is in the window whatever now becomes, now being at least
    /// `nowMs` (a relative end only moves later; a relative start could still pass it by).
    public func includesForGood(_ firstSeenMs: Int64?, nowAtLeastMs nowMs: Int64?) -> Bool {
        if isUnbounded { return true }
        guard let first = firstSeenMs else { return false }
        switch since {
        case .at(let ms)?: if first < ms { return false }
        case .beforeNow?: return false
        case nil: break
        }
        switch until {
        case .at(let ms)?: return first < ms
        case .beforeNow(let ms)?: return nowMs.map { first < $0 &- ms } ?? false
        case nil: return true
        }
    }

    /// `[since, until)` as words, e.g. "from 2026-03-02T00:00:00.000Z to 2026-03-03T00:00:00.000Z".
    public var description: String {
        switch (since, until) {
        case (nil, nil): return "all"
        case (let s?, nil): return "from \(s)"
        case (nil, let u?): return "before \(u)"
        case (let s?, let u?): return "from \(s) to \(u)"
        }
    }
}

/// Which Xirsys instance the API hands out over a day: one preferred instance at a time that changes every
/// 20-60 minutes, with a small share of fetches sent to another instance.
struct InstanceSchedule {
    /// Start of each period and its preferred instance (1...9), in time order.
    private var periods: [(startMs: Int64, instance: UInt8)] = []
    /// Probability that a fetch gets the preferred instance of its moment.
    let preferredShare: Double

    /// A schedule covering `[fromMs, toMs]`, drawn from `rng`.
    init(fromMs: Int64, toMs: Int64, preferredShare: Double = 0.95, rng: inout Xoshiro256) {
        self.preferredShare = preferredShare
        var t = fromMs
        var current = UInt8(rng.range(1, 9))
        while t <= toMs {
            periods.append((t, current))
            t += rng.range64(30 * 60_000, 90 * 60_000)
            var next = UInt8(rng.range(1, 8))
            if next >= current { next += 1 }
            current = next
        }
    }

    /// The preferred instance at `timeMs`.
    func preferred(at timeMs: Int64) -> UInt8 {
        var lo = 0
        var hi = periods.count - 1
        guard hi >= 0 else { return 1 }
        if timeMs < periods[0].startMs { return periods[0].instance }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if periods[mid].startMs <= timeMs { lo = mid } else { hi = mid - 1 }
        }
        return periods[lo].instance
    }

    /// The instance a fresh API fetch at `timeMs` returns.
    func fetch(at timeMs: Int64, rng: inout Xoshiro256) -> UInt8 {
        let p = preferred(at: timeMs)
        if rng.chance(preferredShare) { return p }
        var other = UInt8(rng.range(1, 8))
        if other >= p { other += 1 }
        return other
    }
}

/// Counts of durations by millisecond: exact nearest-rank percentiles of any number of samples in memory that
/// grows with the number of distinct values (at most one entry per millisecond of the slowest connection), not with
/// the number of connections. Logs time events to the millisecond, so nothing is rounded.
public struct MillisecondHistogram: Sendable, Equatable {
    private var counts: [Int32: Int] = [:]
    /// The number of samples.
    public private(set) var count = 0

    /// Makes an empty histogram.
    public init() {}

    /// Adds one sample.
    public mutating func add(_ ms: Int32) {
        counts[ms, default: 0] += 1
        count += 1
    }

    /// Adds every sample of `other` (histograms of periods or partitions merge exactly).
    public mutating func merge(_ other: MillisecondHistogram) {
        for (ms, n) in other.counts { counts[ms, default: 0] += n }
        count += other.count
    }

    /// The nearest-rank percentiles `percents` (each 0...100), in the same order; nil each without samples.
    /// Identical to `Percentile.nearestRank` over the sorted samples.
    public func nearestRanks(_ percents: [Int]) -> [Int32?] {
        guard count > 0 else { return percents.map { _ in nil } }
        let ranks = percents.map { p -> Int in
            let clamped = min(max(p, 0), 100)
            return min(max((clamped * count + 99) / 100, 1), count)
        }
        var result = [Int32?](repeating: nil, count: percents.count)
        var seen = 0
        for ms in counts.keys.sorted() {
            seen += counts[ms] ?? 0
            for (i, rank) in ranks.enumerated() where result[i] == nil && rank <= seen { result[i] = ms }
        }
        return result
    }

    /// The largest sample, or nil.
    public var maximum: Int32? { counts.keys.max() }
}

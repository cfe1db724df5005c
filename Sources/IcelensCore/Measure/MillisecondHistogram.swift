/// Counts of durations by millisecond: exact nearest-rank percentiles of any number of samples in memory that
/// grows with the range of the values, not with the number of connections. Logs time events to the millisecond,
/// so nothing is rounded.
///
/// Values from 0 to `denseLimit` (16.4 s, where nearly every time to connect falls) are counted in an array indexed
/// by the value, grown to the largest value seen (a histogram of times up to 4 s is 32 KiB; a dictionary of the same
/// ~3,500 distinct values was ~100 KiB, and the report keeps one per TURN instance); other values (negative, longer)
/// in a dictionary.
public struct MillisecondHistogram: Sendable {
    /// Values in `0..<denseLimit` are counted by index.
    public static let denseLimit: Int32 = 16_384
    private var dense: [Int] = []
    private var sparse: [Int32: Int] = [:]
    /// The number of samples.
    public private(set) var count = 0

    /// Makes an empty histogram.
    public init() {}

    /// Adds one sample.
    public mutating func add(_ ms: Int32) {
        add(ms, times: 1)
    }

    /// Adds `n` samples of `ms` (a snapshot read back).
    public mutating func add(_ ms: Int32, times n: Int) {
        if ms >= 0, ms < Self.denseLimit {
            let i = Int(ms)
            if i >= dense.count {
                var size = max(dense.count, 256)
                while size <= i { size *= 2 }
                dense.append(contentsOf: repeatElement(0, count: min(size, Int(Self.denseLimit)) - dense.count))
            }
            dense[i] += n
        } else {
            sparse[ms, default: 0] += n
        }
        count += n
    }

    /// Adds every sample of `other` (histograms of periods or partitions merge exactly).
    public mutating func merge(_ other: MillisecondHistogram) {
        for (i, n) in other.dense.enumerated() where n > 0 { add(Int32(i), times: n) }
        for (ms, n) in other.sparse { add(ms, times: n) }
    }

    /// Every distinct value with its count, in increasing order (a snapshot written out).
    public func forEachValue(_ body: (Int32, Int) -> Void) {
        ascending { ms, n in
            body(ms, n)
            return true
        }
    }

    /// Every distinct value with its count, in increasing order.
    private func ascending(_ body: (Int32, Int) -> Bool) {
        let keys = sparse.keys.sorted()
        for ms in keys where ms < 0 {
            guard body(ms, sparse[ms] ?? 0) else { return }
        }
        for (i, n) in dense.enumerated() where n > 0 {
            guard body(Int32(i), n) else { return }
        }
        for ms in keys where ms >= 0 {
            guard body(ms, sparse[ms] ?? 0) else { return }
        }
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
        ascending { ms, n in
            seen += n
            for (i, rank) in ranks.enumerated() where result[i] == nil && rank <= seen { result[i] = ms }
            return result.contains { $0 == nil }
        }
        return result
    }

    /// The largest sample, or nil.
    public var maximum: Int32? {
        if let top = sparse.keys.max(), top >= 0 { return top }
        if let i = dense.lastIndex(where: { $0 > 0 }) { return Int32(i) }
        return sparse.keys.max()
    }
}

extension MillisecondHistogram: Equatable {
    /// The same samples, however the storage grew.
    public static func == (a: MillisecondHistogram, b: MillisecondHistogram) -> Bool {
        guard a.count == b.count, a.sparse == b.sparse else { return false }
        let n = max(a.dense.count, b.dense.count)
        for i in 0..<n where (i < a.dense.count ? a.dense[i] : 0) != (i < b.dense.count ? b.dense[i] : 0) {
            return false
        }
        return true
    }
}

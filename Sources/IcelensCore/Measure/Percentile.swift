/// Nearest-rank percentiles: the value at 1-based rank ceil(p/100 x N) of the sorted samples.
public enum Percentile {
    /// The nearest-rank `percent` percentile (1...100) of `sorted` (ascending); nil when there are no samples.
    public static func nearestRank<T: BinaryInteger>(_ percent: Int, ofSorted sorted: [T]) -> T? {
        guard !sorted.isEmpty else { return nil }
        let clamped = min(max(percent, 0), 100)
        // ceil(p * N / 100) in integers, so that p = 90, N = 10 gives rank 9 exactly (no floating error).
        let rank = (clamped * sorted.count + 99) / 100
        let index = min(max(rank, 1), sorted.count) - 1
        return sorted[index]
    }
}

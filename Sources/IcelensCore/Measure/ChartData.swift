/// The counts of one UTC hour (by the tours' first lines): what the HTML report's "per hour" chart draws, kept for
/// every report since it is four integers an hour.
public struct HourCounts: Sendable, Equatable {
    /// Hours since 1970-01-01 00:00 UTC.
    public var hourIndex: Int64
    /// Connections of tours that started in the hour.
    public var connections = 0
    /// Of those, connected.
    public var connected = 0
    /// Of those, failed.
    public var failed = 0
    /// Of those, with a timeout.
    public var timeouts = 0

    /// Makes an empty hour.
    public init(hourIndex: Int64) { self.hourIndex = hourIndex }

    /// connected / (connected + failed); nil when both are 0.
    public var successRate: Double? { connected + failed > 0 ? Double(connected) / Double(connected + failed) : nil }

    /// Adds `other`'s counts (same hour).
    mutating func add(_ other: HourCounts) {
        connections += other.connections
        connected += other.connected
        failed += other.failed
        timeouts += other.timeouts
    }

    /// The hour of `ms`.
    static func index(ms: Int64) -> Int64 {
        let hour: Int64 = 3_600_000
        let q = ms / hour
        return ms % hour < 0 ? q - 1 : q
    }
}

/// Counts per hour, bounded (`maxHours`), added tour by tour.
struct HourlyAccumulator: Sendable {
    /// At most this many hours are kept (400 days); further hours are not charted.
    static let maxHours = 9_600
    var hours: [Int64: HourCounts] = [:]

    mutating func add(_ tour: TourResult) {
        guard let first = tour.firstSeenMs else { return }
        let index = HourCounts.index(ms: first)
        guard hours[index] != nil || hours.count < Self.maxHours else { return }
        var counts = HourCounts(hourIndex: index)
        for c in tour.connections {
            counts.connections += 1
            if c.outcome == .connected { counts.connected += 1 }
            if c.outcome == .failed { counts.failed += 1 }
            if c.timedOut { counts.timeouts += 1 }
        }
        hours[index, default: HourCounts(hourIndex: index)].add(counts)
    }

    mutating func merge(_ other: HourlyAccumulator) {
        for (index, counts) in other.hours where hours[index] != nil || hours.count < Self.maxHours {
            hours[index, default: HourCounts(hourIndex: index)].add(counts)
        }
    }

    /// The hours, oldest first.
    var sorted: [HourCounts] { hours.keys.sorted().map { hours[$0]! } }

    /// Every hour from the first to the last, oldest first, hours without a tour as empty entries (so a chart's
    /// axis is time); just the hours with tours when the span is longer than `maxHours`.
    var contiguous: [HourCounts] {
        guard let first = hours.keys.min(), let last = hours.keys.max(), last - first < Int64(Self.maxHours) else {
            return sorted
        }
        return (first...last).map { hours[$0] ?? HourCounts(hourIndex: $0) }
    }
}

/// The time-to-connect distribution in equal bins, for the HTML report's histogram: exact counts read off the
/// report's millisecond histogram, in bins wide enough that at most `maxBins` cover up to the 99th percentile (and
/// the slow threshold), the rest in `overflow`.
public struct TimeToConnectBins: Sendable, Equatable {
    /// The width of a bin, ms.
    public var binMs: Int64
    /// Samples per bin, from 0 ms.
    public var counts: [Int]
    /// Samples beyond the last bin.
    public var overflow: Int

    /// Makes bins.
    public init(binMs: Int64, counts: [Int], overflow: Int) {
        self.binMs = binMs
        self.counts = counts
        self.overflow = overflow
    }

    /// The bins of `histogram` for a report whose slow threshold is `slowMs`.
    init(_ histogram: MillisecondHistogram, p99Ms: Int64?, slowMs: Int64, maxBins: Int = 40) {
        let span = max(p99Ms ?? 0, slowMs) * 6 / 5
        var width: Int64 = 50
        for candidate: Int64 in [50, 100, 200, 250, 500, 1_000, 2_000, 5_000, 10_000, 30_000, 60_000] {
            width = candidate
            if span / candidate < Int64(maxBins) { break }
        }
        let bins = Int(min(Int64(maxBins), span / width + 1))
        var counts = [Int](repeating: 0, count: bins)
        var overflow = 0
        histogram.forEachValue { ms, n in
            let bin = Int64(ms) / width
            if ms >= 0, bin < Int64(bins) { counts[Int(bin)] += n } else { overflow += n }
        }
        self.init(binMs: width, counts: counts, overflow: overflow)
    }
}

import Testing

@testable import IcelensCore

@Suite struct StatsTests {
    private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-4) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    @Test func fisherTeaTasting() {
        // Fisher's lady tasting tea: 3 of 4 cups right each way, two-sided p = 0.4857.
        #expect(close(Statistics.fisherExact(a: 3, b: 1, c: 1, d: 3), 0.4857))
    }

    @Test(arguments: [
        // Reference values from scipy.stats.fisher_exact (two-sided).
        (1, 9, 11, 3, 0.0027594561852200836),
        (10, 0, 0, 10, 1.082508822446903e-05),
        (20, 5, 3, 40, 8.319631369771617e-10),
    ])
    func fisherKnownValues(a: Int, b: Int, c: Int, d: Int, expected: Double) {
        let p = Statistics.fisherExact(a: a, b: b, c: c, d: d)
        #expect(close(p, expected, expected * 1e-6))
        // The test is symmetric in rows and columns.
        #expect(close(Statistics.fisherExact(a: d, b: c, c: b, d: a), expected, expected * 1e-6))
        #expect(close(Statistics.fisherExact(a: a, b: c, c: b, d: d), expected, expected * 1e-6))
    }

    @Test func fisherEdgeCases() {
        #expect(Statistics.fisherExact(a: 0, b: 0, c: 0, d: 0) == 1)
        #expect(close(Statistics.fisherExact(a: 5, b: 0, c: 0, d: 0), 1))
        #expect(Statistics.fisherExact(a: -1, b: 0, c: 0, d: 0) == nil)
        // Large tables do not overflow (log-gamma).
        let p = Statistics.fisherExact(a: 50_000, b: 50_000, c: 50_000, d: 50_000)
        #expect(close(p, 1, 1e-6))
    }

    @Test func wilsonInterval() {
        // 81 of 263 (Newcombe 1998, single proportion example): 0.2553 to 0.3662.
        let ci = Statistics.wilsonInterval(successes: 81, trials: 263)
        #expect(close(ci?.low, 0.2553))
        #expect(close(ci?.high, 0.3662))
        #expect(Statistics.wilsonInterval(successes: 0, trials: 0) == nil)
        let zero = Statistics.wilsonInterval(successes: 0, trials: 10)
        #expect(zero?.low == 0)
    }

    @Test(arguments: [
        // Newcombe (1998), "Interval estimation for the difference between independent proportions", method 10.
        (56, 70, 48, 80, 0.0524, 0.3339),
        (9, 10, 3, 10, 0.1705, 0.8090),
        (6, 7, 2, 7, 0.0582, 0.8062),
        (5, 56, 0, 29, -0.0381, 0.1926),
        (0, 10, 0, 20, -0.1611, 0.2775),
        (10, 10, 0, 20, 0.6791, 1.0000),
    ])
    func newcombeExamples(x1: Int, n1: Int, x2: Int, n2: Int, low: Double, high: Double) {
        let ci = Statistics.newcombeInterval(successes1: x1, trials1: n1, successes2: x2, trials2: n2)
        #expect(close(ci?.low, low, 5e-5))
        #expect(close(ci?.high, high, 5e-5))
    }

    @Test func twoProportionZ() {
        // Reference values computed with scipy.stats.norm.
        #expect(
            close(
                Statistics.twoProportionZTest(successes1: 56, trials1: 70, successes2: 48, trials2: 80),
                0.00804508136819656, 1e-9))
        #expect(
            close(
                Statistics.twoProportionZTest(successes1: 340, trials1: 400, successes2: 300, trials2: 400),
                0.00040695201744495973, 1e-10))
        #expect(Statistics.twoProportionZTest(successes1: 0, trials1: 10, successes2: 0, trials2: 10) == 1)
        #expect(Statistics.twoProportionZTest(successes1: 0, trials1: 0, successes2: 0, trials2: 10) == nil)
    }

    @Test func proportionTestPicksTheMethod() throws {
        let large = try #require(
            ProportionTest(
                successesBefore: 300, trialsBefore: 400, successesAfter: 340,
                trialsAfter: 400))
        #expect(large.method == .zTest)
        #expect(close(large.difference, 0.1))
        #expect(close(large.pValue, 0.00040695201744495973, 1e-10))
        #expect(large.ciLow < 0.1 && large.ciHigh > 0.1)

        let small = try #require(
            ProportionTest(
                successesBefore: 1, trialsBefore: 4, successesAfter: 3,
                trialsAfter: 4))
        #expect(small.method == .fisherExact)
        #expect(close(small.pValue, 0.4857))
        #expect(ProportionTest(successesBefore: 0, trialsBefore: 0, successesAfter: 1, trialsAfter: 2) == nil)
        #expect(ProportionTest(successesBefore: 5, trialsBefore: 4, successesAfter: 1, trialsAfter: 2) == nil)
    }

    @Test func nearestRankPercentiles() {
        let ten: [Int64] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        #expect(Percentile.nearestRank(50, ofSorted: ten) == 5)
        #expect(Percentile.nearestRank(90, ofSorted: ten) == 9)
        #expect(Percentile.nearestRank(99, ofSorted: ten) == 10)
        #expect(Percentile.nearestRank(100, ofSorted: ten) == 10)
        #expect(Percentile.nearestRank(0, ofSorted: ten) == 1)
        #expect(Percentile.nearestRank(50, ofSorted: [Int64]()) == nil)
        #expect(Percentile.nearestRank(99, ofSorted: [Int32(7)]) == 7)
        // Wikipedia's example: 15, 20, 35, 40, 50 -> p30 = 20, p40 = 20, p50 = 35, p100 = 50.
        let five: [Int64] = [15, 20, 35, 40, 50]
        #expect(Percentile.nearestRank(30, ofSorted: five) == 20)
        #expect(Percentile.nearestRank(40, ofSorted: five) == 20)
        #expect(Percentile.nearestRank(50, ofSorted: five) == 35)
        #expect(Percentile.nearestRank(100, ofSorted: five) == 50)
        // 100 samples: p99 is the 99th value, not the 100th.
        let hundred = (1...100).map(Int64.init)
        #expect(Percentile.nearestRank(99, ofSorted: hundred) == 99)
    }

    @Test func versionOrder() {
        #expect(VersionOrder.compare("1.10.0", "1.9.2") > 0)
        #expect(VersionOrder.compare("v2", "1.99") > 0)
        #expect(VersionOrder.compare("1.2.0-beta", "1.2.0") < 0)
        #expect(VersionOrder.compare("1.2.0", "1.2.0-rc1") > 0)
        #expect(VersionOrder.compare("1.2", "1.2.1") < 0)
        #expect(VersionOrder.compare("1.2.0", "v1.2.0") == 0)
        #expect(VersionOrder.compare("1.02", "1.2") == 0)
        #expect(VersionOrder.compare("App-B", "app-a") > 0)
        #expect(VersionOrder.compare("", "") == 0)
        #expect(VersionOrder.isAtOrAfter("2.4.0", "2.4.0"))
        #expect(!VersionOrder.isAtOrAfter("2.3.9", "2.4.0"))
    }

    @Test func utcTimestamps() {
        #expect(UTCTimestamp.format(ms: 0) == "1970-01-01T00:00:00.000Z")
        #expect(UTCTimestamp.format(ms: 1_772_446_500_123) == "2026-03-02T10:15:00.123Z")
        #expect(UTCTimestamp.format(ms: 951_782_400_000) == "2000-02-29T00:00:00.000Z")
        #expect(UTCTimestamp.format(ms: -1) == "1969-12-31T23:59:59.999Z")
        #expect(UTCTimestamp.format(ms: .max) == "9999-12-31T23:59:59.999Z")
        #expect(UTCTimestamp.format(ms: .min) == "0001-01-01T00:00:00.000Z")
    }
}

/// The histogram gives exactly the nearest-rank percentiles of the sorted samples (issue 7: memory flat in input).
@Suite struct MillisecondHistogramTests {
    @Test func matchesNearestRankOverSortedSamples() {
        var rng = SplitMix64(seed: 5)
        for size in [1, 2, 3, 10, 99, 100, 101, 1000, 4321] {
            var histogram = MillisecondHistogram()
            var samples: [Int32] = []
            for _ in 0..<size {
                let v = Int32(rng.next() % 9000)
                samples.append(v)
                histogram.add(v)
            }
            samples.sort()
            let percents = [0, 1, 50, 90, 99, 100]
            let expected = percents.map { Percentile.nearestRank($0, ofSorted: samples) }
            #expect(histogram.nearestRanks(percents) == expected, "size \(size)")
            #expect(histogram.maximum == samples.last)
        }
        #expect(MillisecondHistogram().nearestRanks([50]) == [nil])
    }

    /// Values on both sides of the dense range (negative, 0, the limit, far beyond) rank like sorted samples, merge
    /// exactly, and compare equal however the storage grew.
    @Test func valuesOutsideTheDenseRangeRankToo() {
        var rng = SplitMix64(seed: 11)
        let limit = MillisecondHistogram.denseLimit
        let edges: [Int32] = [-5, -1, 0, 1, limit - 1, limit, limit + 1, 2_000_000_000, Int32.min, Int32.max]
        for size in [1, 7, 100, 2_000] {
            var a = MillisecondHistogram()
            var b = MillisecondHistogram()
            var samples: [Int32] = []
            for k in 0..<size {
                let v = k % 3 == 0 ? edges[Int(rng.next() % UInt64(edges.count))] : Int32(rng.next() % 20_000)
                samples.append(v)
                if k % 2 == 0 { a.add(v) } else { b.add(v) }
            }
            var merged = a
            merged.merge(b)
            var whole = MillisecondHistogram()
            for v in samples.reversed() { whole.add(v) }
            samples.sort()
            let percents = [0, 1, 25, 50, 75, 90, 99, 100]
            #expect(merged.nearestRanks(percents) == percents.map { Percentile.nearestRank($0, ofSorted: samples) })
            #expect(merged.maximum == samples.last)
            #expect(merged == whole && merged.count == size)
        }
        var small = MillisecondHistogram()
        small.add(3)
        var grown = small
        grown.add(9_000)
        #expect(small != grown)
    }
}

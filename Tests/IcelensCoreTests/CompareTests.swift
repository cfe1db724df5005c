import Testing

@testable import IcelensCore

@Suite struct CompareTests {
    /// Before: 10 tours of 4 attendees, 1 mismatched timeout each, 3 API calls per tour.
    /// After: 10 tours of 4 attendees, all fine, 1 API call per tour.
    static func periods() -> (before: [TourResult], after: [TourResult]) {
        let before = (0..<10).map { i in
            Sample.tour(
                "b-\(i)",
                connections: [
                    Sample.timedOut("a-0", tour: "b-\(i)"),
                    Sample.connected("a-1", tour: "b-\(i)", ttcMs: 2_000),
                    Sample.connected("a-2", tour: "b-\(i)", ttcMs: 7_000),
                    Sample.connected("a-3", tour: "b-\(i)", ttcMs: 3_000),
                ], firstSeenMs: Sample.t0 - 86_400_000, label: "2.3.9", apiCalls: 3)
        }
        let after = (0..<10).map { i in
            Sample.tour(
                "n-\(i)",
                connections: (0..<4).map {
                    Sample.connected("a-\($0)", tour: "n-\(i)", ttcMs: 1_000 + Int64($0) * 500)
                },
                firstSeenMs: Sample.t0 + 86_400_000, label: "2.10.0", apiCalls: 1, byRole: ["guide": 1])
        }
        return (before, after)
    }

    private func report(_ split: PeriodSplit, extra: [TourResult] = []) -> ComparisonReport {
        var builder = ComparisonBuilder(split: split)
        let (before, after) = Self.periods()
        for tour in after + extra + before { builder.add(tour) }
        return builder.finish(inputs: Sample.accounting)
    }

    @Test func cutoffSplitsByFirstLineAndCountsToursWithoutTime() {
        let undated = Sample.tour("u", connections: [Sample.connected("a", tour: "u", ttcMs: 1)], firstSeenMs: nil)
        let r = report(.cutoff(ms: Sample.t0), extra: [undated])
        #expect(r.comparison.before.tours == 10)
        #expect(r.comparison.after.tours == 10)
        #expect(r.unassignedTours == 1)
        #expect(r.unassignedConnections == 1)
        #expect(PeriodSplit.cutoff(ms: 100).period(of: Sample.tour("x", connections: [], firstSeenMs: 100)) == .after)
        #expect(PeriodSplit.cutoff(ms: 100).period(of: Sample.tour("x", connections: [], firstSeenMs: 99)) == .before)
    }

    @Test func labelSplitIsVersionAware() {
        let unlabelled = Sample.tour("u", connections: [], label: nil)
        let r = report(.label(field: "appVersion", value: "2.4.0"), extra: [unlabelled])
        // "2.10.0" >= "2.4.0" although it is smaller as text.
        #expect(r.comparison.after.tours == 10)
        #expect(r.comparison.before.tours == 10)
        #expect(r.unassignedTours == 1)
    }

    @Test func inputSetsTakeTheCallersLists() {
        let (before, after) = Self.periods()
        let r = ComparisonBuilder.build(
            before: before, after: after, split: .inputSets(before: ["old/"], after: ["new/"]), inputs: [])
        #expect(r.comparison.before.tours == 10)
        #expect(r.comparison.after.tours == 10)
        #expect(r.split.method == "input_sets")
        #expect(r.split.description == "before: old/; after: new/")
    }

    @Test func changesAndProportionTests() throws {
        let c = report(.cutoff(ms: Sample.t0)).comparison
        let success = try #require(c.change("success_rate"))
        #expect(success.before == 0.75)
        #expect(success.after == 1)
        #expect(success.absolute == 0.25)
        let test = try #require(success.test)
        #expect(test.successesBefore == 30 && test.trialsBefore == 40)
        #expect(test.successesAfter == 40 && test.trialsAfter == 40)
        // Expected failures per row are 5 -> z-test is allowed; the table is [[40, 0], [30, 10]].
        #expect(test.method == .zTest)
        #expect(test.pValue < 0.01)
        #expect(test.ciLow > 0 && test.ciHigh <= 1)
        #expect(try #require(c.change("timeout_share")).after == 0)
        let perTour = try #require(c.change("xirsys_api_calls_per_tour"))
        #expect(perTour.before == 3 && perTour.after == 1)
        #expect(perTour.relative == -2.0 / 3.0)
        #expect(perTour.test == nil)
        let p90 = try #require(c.change("ttc_p90_s"))
        #expect(p90.unit == .seconds)
        #expect(p90.before == 7 && p90.after == 2.5)
        #expect(c.changes.first?.metric == "tours")
        #expect(c.change("nope") == nil)
    }

    @Test func verdictsAllMet() {
        let c = report(.cutoff(ms: Sample.t0)).comparison
        #expect(c.verdicts.map(\.promise) == PromisedResult.allCases)
        #expect(c.verdicts.allSatisfy { $0.status == .met })
        #expect(
            c.verdict(.fewerApiCalls)?.explanation
                == "Xirsys API calls per tour 3.00 -> 1.00 (67% fewer; met at 40% fewer or better)")
        #expect(
            c.verdict(.sameInstance)?.explanation
                == "after: 0 of 40 connections mismatched in some attempt, both instances known for 40 (before: 10 of 40)"
        )
        #expect(
            c.verdict(.connectedUnder5s)?.explanation
                == "after: p90 time to connect 2.5 s over 40 connections, limit 5 s (before: 7 s)")
        #expect(c.verdict(.noTimeouts)?.explanation == "after: 0 of 40 connections timed out (before: 10 of 40)")
    }

    @Test func verdictsNotMet() {
        let (before, _) = Self.periods()
        // The "after" period is as bad as before, with 2.4 API calls per tour (20% fewer).
        let after = before.map { t -> TourResult in
            var t = t
            t.apiCalls = 2
            return t
        }
        let s = { (tours: [TourResult]) -> Summary in
            var a = SummaryAccumulator()
            for tour in tours { a.add(tour) }
            return a.summary()
        }
        let c = Comparison(before: s(before), after: s(after))
        #expect(c.verdicts.allSatisfy { $0.status == .notMet })
        #expect(
            c.verdict(.fewerApiCalls)?.explanation
                == "Xirsys API calls per tour 3.00 -> 2.00 (33% fewer; met at 40% fewer or better)")
        let more = Comparison(before: s(after), after: s(before))
        #expect(
            more.verdict(.fewerApiCalls)?.explanation
                == "Xirsys API calls per tour 2.00 -> 3.00 (50% more; met at 40% fewer or better)")
    }

    @Test func verdictsWithoutData() {
        let c = Comparison(before: Summary(), after: Summary())
        #expect(c.verdicts.allSatisfy { $0.status == .noData })
        #expect(c.verdict(.noTimeouts)?.explanation == "no connections after (before: 0 of 0)")
        #expect(c.verdict(.fewerApiCalls)?.explanation == "no tours before: nothing to compare")
        var unknown = SummaryAccumulator()
        unknown.add(Sample.tour("t", connections: [Sample.connected("a", ttcMs: nil, guide: nil)], apiCalls: 0))
        let d = Comparison(before: unknown.summary(), after: unknown.summary())
        #expect(d.verdict(.sameInstance)?.status == .noData)
        #expect(d.verdict(.connectedUnder5s)?.status == .noData)
        #expect(d.verdict(.fewerApiCalls)?.status == .noData)
        #expect(d.verdict(.noTimeouts)?.status == .met)
    }

    @Test func fortyPercentIsMetThirtyNineIsNot() {
        func verdict(before: Int, after: Int) -> VerdictStatus? {
            var b = Summary()
            b.tours = 100
            b.xirsysApiCalls = before
            var a = b
            a.xirsysApiCalls = after
            return Comparison(before: b, after: a).verdict(.fewerApiCalls)?.status
        }
        #expect(verdict(before: 100, after: 60) == .met)
        #expect(verdict(before: 100, after: 61) == .notMet)
    }

    @Test func mismatchOutcomeTables() throws {
        let c = report(.cutoff(ms: Sample.t0)).comparison
        let before = c.mismatchOutcomeBefore
        #expect(before.mismatchedFailed == 10 && before.mismatchedConnected == 0)
        #expect(before.otherFailed == 0 && before.otherConnected == 30)
        #expect(before.mismatchedFailureRate == 1)
        #expect(before.otherFailureRate == 0)
        // scipy.stats.fisher_exact([[10, 0], [0, 30]]).pvalue = 1 / C(40, 10) = 1.1847e-9.
        let p = try #require(before.fisherPValue)
        #expect(abs(p - 1.0 / 847_660_528.0) < 1e-15)
        #expect(c.mismatchOutcomeAfter.mismatchedFailureRate == nil)
        #expect(c.mismatchOutcomeAfter.otherConnected == 40)
        #expect(c.mismatchOutcomeAll == before + c.mismatchOutcomeAfter)
        #expect(c.mismatchOutcomeAll.otherConnected == 70)
        #expect(MismatchOutcomeTable(Summary()).fisherPValue == nil)
    }

    @Test func splitDescriptions() {
        #expect(
            PeriodSplit.cutoff(ms: Sample.t0).description
                == "tours whose first line is before 2026-03-02T10:15:00.000Z are before, at or after it are after")
        #expect(
            PeriodSplit.label(field: "appVersion", value: "2.4.0").description
                == "tours whose appVersion is below 2.4.0 (version order) are before, 2.4.0 or above are after")
    }
}

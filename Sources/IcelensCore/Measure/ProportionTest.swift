/// A difference of two proportions (after minus before) with its 95% confidence interval and p-value.
public struct ProportionTest: Sendable, Equatable {
    /// Numerator of the before proportion.
    public var successesBefore: Int
    /// Denominator of the before proportion.
    public var trialsBefore: Int
    /// Numerator of the after proportion.
    public var successesAfter: Int
    /// Denominator of the after proportion.
    public var trialsAfter: Int
    /// after - before.
    public var difference: Double
    /// Lower end of the 95% Newcombe hybrid score interval of the difference.
    public var ciLow: Double
    /// Upper end of the 95% Newcombe hybrid score interval of the difference.
    public var ciHigh: Double
    /// Two-sided p-value for "the proportions are equal".
    public var pValue: Double
    /// The test that produced `pValue`.
    public var method: ProportionTestMethod

    /// Tests `successesAfter/trialsAfter` against `successesBefore/trialsBefore`; nil when a side is empty.
    public init?(successesBefore: Int, trialsBefore: Int, successesAfter: Int, trialsAfter: Int) {
        guard trialsBefore > 0, trialsAfter > 0,
            (0...trialsBefore).contains(successesBefore), (0...trialsAfter).contains(successesAfter),
            let ci = Statistics.newcombeInterval(
                successes1: successesAfter, trials1: trialsAfter, successes2: successesBefore, trials2: trialsBefore)
        else { return nil }
        self.successesBefore = successesBefore
        self.trialsBefore = trialsBefore
        self.successesAfter = successesAfter
        self.trialsAfter = trialsAfter
        self.difference = Double(successesAfter) / Double(trialsAfter) - Double(successesBefore) / Double(trialsBefore)
        self.ciLow = ci.low
        self.ciHigh = ci.high
        let a = successesAfter
        let b = trialsAfter - successesAfter
        let c = successesBefore
        let d = trialsBefore - successesBefore
        if Statistics.hasSmallExpectedCell(a: a, b: b, c: c, d: d) {
            self.method = .fisherExact
            self.pValue = Statistics.fisherExact(a: a, b: b, c: c, d: d) ?? 1
        } else {
            self.method = .zTest
            let p = Statistics.twoProportionZTest(
                successes1: successesAfter, trials1: trialsAfter, successes2: successesBefore, trials2: trialsBefore)
            self.pValue = p ?? 1
        }
    }
}

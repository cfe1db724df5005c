/// What a mismatch-against-outcome table shows about "mismatches cause the failures", judged at the 5% level
/// of Fisher's exact test. Renderers put it into words; they do not judge it themselves.
public enum MismatchEvidence: String, Sendable, Equatable {
    /// No connection connected or failed: nothing to judge.
    case noData = "no_data"
    /// No mismatched connection connected or failed: nothing to compare with.
    case noMismatch = "no_mismatch"
    /// Every decided connection was mismatched: no same-or-unknown row to compare with.
    case onlyMismatch = "only_mismatch"
    /// Mismatched connections failed more often, and Fisher p < 0.05.
    case mismatchGoesWithFailure = "mismatch_goes_with_failure"
    /// Mismatched connections failed less often, and Fisher p < 0.05.
    case mismatchGoesWithSuccess = "mismatch_goes_with_success"
    /// The failure rates differ by no more than chance would explain (Fisher p >= 0.05).
    case notSignificant = "not_significant"

    /// The significance level the evidence is judged at.
    public static let significanceLevel = 0.05

    /// The evidence of `table`.
    public init(_ table: MismatchOutcomeTable) {
        guard let p = table.fisherPValue else {
            self = .noData
            return
        }
        guard let mismatched = table.mismatchedFailureRate else {
            self = .noMismatch
            return
        }
        guard let other = table.otherFailureRate else {
            self = .onlyMismatch
            return
        }
        if p >= Self.significanceLevel || mismatched == other {
            self = .notSignificant
        } else {
            self = mismatched > other ? .mismatchGoesWithFailure : .mismatchGoesWithSuccess
        }
    }
}

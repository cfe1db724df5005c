/// The verdict on one promised result, with a one-line explanation built from the figures.
public struct Verdict: Sendable, Equatable {
    /// Which promise.
    public var promise: PromisedResult
    /// met / not_met / no_data.
    public var status: VerdictStatus
    /// One line, e.g. "after: 0 of 412 connections mismatched (before: 37 of 398)".
    public var explanation: String

    /// Makes a verdict.
    public init(promise: PromisedResult, status: VerdictStatus, explanation: String) {
        self.promise = promise
        self.status = status
        self.explanation = explanation
    }
}

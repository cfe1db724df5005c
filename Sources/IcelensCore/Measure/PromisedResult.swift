/// The results the coordination fix promised (SPEC "The incident"), each judged on the after period.
public enum PromisedResult: String, Sendable, Equatable, CaseIterable {
    /// Both sides use the same TURN instance: no mismatched connection after.
    case sameInstance = "same_instance"
    /// About 50% fewer Xirsys API calls per tour: a relative reduction of at least the target (40%).
    case fewerApiCalls = "fewer_api_calls"
    /// ICE connected in under 5 s: the after p90 time to connect is under 5 s.
    case connectedUnder5s = "connected_under_5s"
    /// No 30 s timeouts: no connection with a timed-out attempt after.
    case noTimeouts = "no_timeouts"
}

/// Whether a promised result was met.
public enum VerdictStatus: String, Sendable, Equatable {
    case met
    case notMet = "not_met"
    /// The after period (or the before period, for a change) has nothing to judge by.
    case noData = "no_data"
}

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

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

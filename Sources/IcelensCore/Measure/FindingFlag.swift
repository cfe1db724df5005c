/// Why a connection is flagged in the findings. `incomplete` is deliberately not a flag: a log that ends early
/// says nothing about the connection.
public enum FindingFlag: String, Sendable, Equatable, CaseIterable {
    /// Some attempt had both TURN instances known and different.
    case mismatch
    /// Some attempt timed out (logged or inferred).
    case timeout
    /// The connection's outcome is `failed`.
    case failed
    /// Connected, but the time to connect was at least the slow threshold (5 s).
    case slow
    /// The attendee fetched its own ICE servers (`turn.fallback`).
    case fallback
}

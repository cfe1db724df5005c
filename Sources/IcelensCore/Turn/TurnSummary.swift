/// The TURN server's side of a report (issue 11): how many sessions the coturn logs read held, how many allocated a
/// relay, why allocations failed (401 challenges apart: they are the normal first step), why sessions closed, the
/// traffic they carried and the server errors that name no session. Counted as sessions are done with
/// (`Accumulator`); renderers show it as it is.
public struct TurnSummary: Sendable, Equatable {
    public var sessions = 0
    public var allocated = 0
    public var stunOnly = 0
    public var deallocated = 0
    /// 401 challenges over all sessions (not failures).
    public var challenges = 0
    /// Sessions with at least one allocate error.
    public var failedAllocations = 0
    /// Allocate errors by code, ascending.
    public var allocateErrors: [(code: Int, count: Int)] = []
    /// Close reasons by count (most first, then by text).
    public var closeReasons: [(reason: String, count: Int)] = []
    /// Traffic from and to the clients (sums of `usage`).
    public var usage = TurnUsage()
    /// Traffic from and to the peers (sums of `peer usage`).
    public var peerUsage = TurnUsage()
    /// ERROR lines that name no session.
    public var serverErrors = 0

    /// The summary of `sessions` and `errors`.
    public init(sessions list: [TurnSession], errors: [TurnServerError]) {
        var accumulator = Accumulator()
        for s in list { accumulator.add(s) }
        accumulator.serverErrors = errors.count
        self = accumulator.summary
    }

    /// No session, no error.
    init() {}

    /// Counts sessions one at a time, as they are done with (`FinishedTurnSessions`).
    struct Accumulator {
        private var counts = TurnSummary()
        private var codes: [Int: Int] = [:]
        private var reasons: [String: Int] = [:]
        var serverErrors = 0

        mutating func add(_ s: TurnSession) {
            counts.sessions += 1
            if s.allocated { counts.allocated += 1 } else { counts.stunOnly += 1 }
            if s.deallocated { counts.deallocated += 1 }
            counts.challenges += s.challenges
            let errors = s.allocateErrors
            if !errors.isEmpty { counts.failedAllocations += 1 }
            for e in errors { codes[e.code, default: 0] += 1 }
            if let reason = s.closeReason { reasons[reason, default: 0] += 1 }
            counts.usage.add(s.usage)
            counts.peerUsage.add(s.peerUsage)
        }

        var summary: TurnSummary {
            var out = counts
            out.serverErrors = serverErrors
            out.allocateErrors = codes.keys.sorted().map { ($0, codes[$0]!) }
            out.closeReasons = reasons.map { ($0.key, $0.value) }.sorted {
                ($1.count, $0.reason) < ($0.count, $1.reason)
            }
            return out
        }
    }

    public static func == (a: TurnSummary, b: TurnSummary) -> Bool {
        a.sessions == b.sessions && a.allocated == b.allocated && a.stunOnly == b.stunOnly
            && a.deallocated == b.deallocated && a.challenges == b.challenges
            && a.failedAllocations == b.failedAllocations
            && a.allocateErrors.map(\.code) == b.allocateErrors.map(\.code)
            && a.allocateErrors.map(\.count) == b.allocateErrors.map(\.count)
            && a.closeReasons.map(\.reason) == b.closeReasons.map(\.reason)
            && a.closeReasons.map(\.count) == b.closeReasons.map(\.count) && a.usage == b.usage
            && a.peerUsage == b.peerUsage && a.serverErrors == b.serverErrors
    }
}

extension AnalysisReport {
    /// The TURN server's side, when coturn logs were read (nil otherwise).
    public var turnSummary: TurnSummary? { turn?.summary }

    /// Every TURN session read (materialised: tests and small runs; `turn?.forEach` streams them).
    public var turnSessions: [TurnSession] { turn?.all ?? [] }

    /// The servers' ERROR lines that name no session.
    public var turnErrors: [TurnServerError] { turn?.unattributedErrors ?? [] }
}

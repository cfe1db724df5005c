import Synchronization

/// The TURN sessions of a run's coturn logs, handed back in input order, then first-line order, without holding
/// them all: a day of a busy server's log has millions. The sessions each input's `TurnSessionBook` is done with
/// arrive here as they close (from the threads that read inputs), are counted into the run's `TurnSummary`, and wait
/// in a `SortedSpill` (a temporary file past a few thousand). Sealed when the run ends, then read only.
public final class FinishedTurnSessions: @unchecked Sendable {
    /// One session with its place among the run's.
    struct Entry: SpillRecord {
        var input: Int
        var sequence: Int
        var session: TurnSession

        static var spillName: String { "TURN sessions" }

        static func inOrder(_ a: Self, _ b: Self) -> Bool {
            a.input != b.input ? a.input < b.input : a.sequence < b.sequence
        }

        func encode(_ e: SpillEncoder) {
            e.int(input)
            e.int(sequence)
            e.turnSession(session)
        }

        static func decode(_ d: inout SpillDecoder) throws -> Self {
            Self(input: try d.int(), sequence: try d.int(), session: try d.turnSession())
        }

        var memoryBytes: Int {
            400 + 48 * (session.permissions.count + session.channels.count + session.notes.count)
                + 96 * session.errors.count
        }
    }

    private struct State {
        var summary = TurnSummary.Accumulator()
        var errors: [TurnServerError] = []
        var count = 0
    }

    /// Written under `state`'s lock while inputs are read; read only once sealed.
    private let store: SortedSpill<Entry>
    private let state = Mutex(State())

    /// An empty store; `batchLimit` sessions wait in memory before a run of them is written to a temporary file in
    /// `directory` (nil: `TMPDIR`, else /tmp).
    public init(batchLimit: Int = 4096, byteLimit: Int = 2 << 20, directory: String? = nil) {
        store = SortedSpill(batchLimit: batchLimit, byteLimit: byteLimit, directory: directory)
    }

    /// Adds sessions of input `input` an input's book is done with (each with its place among the input's).
    func add(_ sessions: [(sequence: Int, session: TurnSession)], input: Int) {
        state.withLock { state in
            for (sequence, session) in sessions {
                state.summary.add(session)
                state.count += 1
                store.add(Entry(input: input, sequence: sequence, session: session))
            }
        }
    }

    /// Adds an input's ERROR lines that name no session: the ones kept with their text, and how many there were.
    func add(errors: [(text: String, at: TurnMoment)], count: Int, server: String) {
        state.withLock { state in
            state.summary.serverErrors += count
            state.errors += errors.map { TurnServerError(server: server, text: $0.text, at: $0.at) }
        }
    }

    /// Ends adding.
    func seal() { state.withLock { _ in store.seal() } }

    /// Runs written to the temporary file (0 for small inputs).
    var spilledRuns: Int { store.spilledRuns }

    /// Sessions added.
    public var count: Int { state.withLock { $0.count } }

    /// The servers' ERROR lines that name no session, by input (the first 1,000 of each input; the summary counts
    /// them all).
    public var unattributedErrors: [TurnServerError] { state.withLock { $0.errors } }

    /// The TURN side's figures, nil when no coturn log gave a session or an error.
    public var summary: TurnSummary? {
        state.withLock { $0.count == 0 && $0.errors.isEmpty ? nil : $0.summary.summary }
    }

    /// Why reading stopped early (the temporary file could not be read back), if it did.
    public var readFailure: String? { store.readFailure }

    /// Calls `body` with each session, in order (after `seal`: read only, from any thread).
    public func forEach(_ body: (TurnSession) throws -> Void) rethrows {
        try store.forEach {
            try body($0.session)
            return true
        }
    }

    /// Every session (materialised: tests and small runs).
    public var all: [TurnSession] {
        var out: [TurnSession] = []
        forEach { out.append($0) }
        return out
    }
}

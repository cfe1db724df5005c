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
        /// Sessions at either end of a rotated log's file, by input, joined across files when sealed.
        var loose: [Int: [TurnSessionBook.Done]] = [:]
        var rotations: [Int: TurnSessionBook.Rotation] = [:]
    }

    /// Written under `state`'s lock while inputs are read; read only once sealed.
    private let store: SortedSpill<Entry>
    private let state = Mutex(State())

    /// An empty store; `batchLimit` sessions wait in memory before a run of them is written to a temporary file in
    /// `directory` (nil: `TMPDIR`, else /tmp).
    public init(batchLimit: Int = 4096, byteLimit: Int = 2 << 20, directory: String? = nil) {
        store = SortedSpill(batchLimit: batchLimit, byteLimit: byteLimit, directory: directory)
    }

    /// Adds sessions of input `input` its book is done with (each with its place among the input's); those at an end
    /// of a file of a rotated log (`rotation`) wait for the seal, which joins a session spanning two files.
    func add(_ sessions: [TurnSessionBook.Done], input: Int, rotation: TurnSessionBook.Rotation? = nil) {
        state.withLock { state in
            if let rotation { state.rotations[input] = rotation }
            for done in sessions {
                if rotation != nil, done.continued || done.carried {
                    state.loose[input, default: []].append(done)
                } else {
                    keep(done.session, input: input, sequence: done.sequence, in: &state)
                }
            }
        }
    }

    private func keep(_ session: TurnSession, input: Int, sequence: Int, in state: inout State) {
        state.summary.add(session)
        state.count += 1
        store.add(Entry(input: input, sequence: sequence, session: session))
    }

    /// Adds an input's ERROR lines that name no session: the ones kept with their text, and how many there were.
    func add(errors: [(text: String, at: TurnMoment)], count: Int, server: String) {
        state.withLock { state in
            state.summary.serverErrors += count
            state.errors += errors.map { TurnServerError(server: server, text: $0.text, at: $0.at) }
        }
    }

    /// Ends adding: the sessions at the ends of a rotated log's files are joined (a session open at the end of one
    /// day's file goes on in the next day's, its first line there not one that opens a session, same id, and no
    /// restart between), and every session is kept.
    func seal() {
        state.withLock { state in
            guard !store.sealed else { return }
            var groups: [String: [Int]] = [:]
            for input in state.loose.keys { groups[state.rotations[input]!.key, default: []].append(input) }
            for key in groups.keys.sorted() {
                let files = groups[key]!.sorted { (state.rotations[$0]!.day, $0) < (state.rotations[$1]!.day, $1) }
                // Sessions open at the end of the previous file, by id, with the input they started in.
                var open: [String: (input: Int, done: TurnSessionBook.Done)] = [:]
                for input in files {
                    var next: [String: (input: Int, done: TurnSessionBook.Done)] = [:]
                    for done in state.loose[input]!.sorted(by: { $0.sequence < $1.sequence }) {
                        var entry = (input: input, done: done)
                        if done.continued, let earlier = open.removeValue(forKey: done.session.session) {
                            entry = (earlier.input, earlier.done)
                            entry.done.session = Self.joined(earlier.done, done)
                            entry.done.lastPeer = done.lastPeer ?? earlier.done.lastPeer
                        }
                        if done.carried {
                            next[done.session.session] = entry
                        } else {
                            keep(entry.done.session, input: entry.input, sequence: entry.done.sequence, in: &state)
                        }
                    }
                    for rest in open.values {
                        keep(rest.done.session, input: rest.input, sequence: rest.done.sequence, in: &state)
                    }
                    open = next
                }
                for rest in open.values {
                    keep(rest.done.session, input: rest.input, sequence: rest.done.sequence, in: &state)
                }
            }
            state.loose.removeAll()
            store.seal()
        }
    }

    /// One session read in two files: `earlier` up to the end of one, `later` from the start of the next.
    static func joined(_ earlier: TurnSessionBook.Done, _ later: TurnSessionBook.Done) -> TurnSession {
        let first = earlier.session
        let then = later.session
        var s = first
        if later.channelToEarlierPeer, let peer = earlier.lastPeer, !s.channels.contains(peer) {
            s.channels.append(peer)
        }
        s.realm = first.realm ?? then.realm
        if s.username == nil {
            s.username = then.username
            s.user = then.user
            s.expiry = then.expiry
        }
        s.allocated = first.allocated || then.allocated
        s.relayAddress = first.relayAddress ?? then.relayAddress
        s.clientAddress = then.clientAddress ?? first.clientAddress
        s.listener = then.listener ?? first.listener
        s.lifetimeS = then.lifetimeS ?? first.lifetimeS
        s.refreshes += then.refreshes
        s.deallocated = first.deallocated || then.deallocated
        let kept = TurnSessionBook.keptPerSession
        for p in then.permissions where !s.permissions.contains(p) && s.permissions.count < kept {
            s.permissions.append(p)
        }
        for c in then.channels where !s.channels.contains(c) && s.channels.count < kept { s.channels.append(c) }
        s.bindings += then.bindings
        s.usage.add(then.usage)
        s.peerUsage.add(then.peerUsage)
        s.errors = Array((first.errors + then.errors).prefix(kept))
        s.challenges += then.challenges
        s.notes = Array((first.notes + then.notes).prefix(TurnSessionBook.keptNotes))
        s.closeReason = then.closeReason ?? first.closeReason
        s.closed = then.closed ?? first.closed
        return s
    }

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

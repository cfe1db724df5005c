/// A compact, owned record of one stored event: what the correlator needs of an `Event`, in 24 bytes
/// (`MemoryLayout<EventRecord>.stride`). The writer (role, peer, remote) is held once by the `RecordBucket` that
/// stores the record; strings are indices into the tour's `StringTable`.
struct EventRecord: Sendable, Equatable {
    /// Event time in ms since the epoch; meaningful only when `hasTime`.
    var timeMs: Int64
    /// The TURN instance the event names (`StringTable` index + 1; 0 = none).
    var instance: UInt32
    /// `EventKind` code (see `EventRecord.kindRank`).
    var kind: UInt8
    /// `IceState` code + 1 (0 = none).
    var state: UInt8
    /// `CacheResult` code + 1 (0 = none).
    var cache: UInt8
    /// `CandidateType` code + 1 (0 = none).
    var candidate: UInt8
    /// Bit 0: the event has a time. Bit 1: the event came from a server process.
    var flags: UInt8

    /// The event has a usable time.
    var hasTime: Bool { flags & 1 != 0 }
    /// The event's time, or nil when it had none.
    var time: Int64? { hasTime ? timeMs : nil }
    /// The event came from a server process (SPEC "Origin of a line").
    var isServerOrigin: Bool { flags & 2 != 0 }
    /// The event's kind.
    var eventKind: EventKind { EventRecord.kinds[Int(kind)] }
    /// The `ice.state` value, when the event is one.
    var iceState: IceState? { state == 0 ? nil : EventRecord.states[Int(state) - 1] }
    /// The candidate type of an `ice.selected`.
    var candidateType: CandidateType? { candidate == 0 ? nil : EventRecord.candidates[Int(candidate) - 1] }
    /// The `turn.fetch` cache result.
    var cacheResult: CacheResult? {
        switch cache {
        case 1: return .hit
        case 2: return .miss
        default: return nil
        }
    }

    /// The position of `kind` in the order used to break ties between events of the same millisecond: causes
    /// before effects (a fetch before the list it yields is applied; a restart before the `checking` it causes;
    /// `connected` before a timeout logged in the same ms). An exhaustive switch: a new `EventKind` does not compile
    /// until it is given its place here (and `EventRecordTests` checks that the places are distinct).
    static func kindRank(_ kind: EventKind) -> UInt8 {
        switch kind {
        case .peerJoin: return 0
        case .turnFetch: return 1
        case .turnConfigSent: return 2
        case .turnConfigRelayed: return 3
        case .turnConfigStored: return 4
        case .turnConfigPolled: return 5
        case .turnConfigReceived: return 6
        case .turnFallback: return 7
        case .iceServers: return 8
        case .iceRestart: return 9
        case .iceState: return 10
        case .iceSelected: return 11
        case .iceTimeout: return 12
        case .peerLeave: return 13
        }
    }

    /// Event kinds by `kindRank`, built from the switch above.
    static let kinds: [EventKind] = {
        var table = [EventKind](repeating: .peerJoin, count: EventKind.allCases.count)
        for kind in EventKind.allCases { table[Int(kindRank(kind))] = kind }
        return table
    }()

    /// `IceState` values by code - 1.
    static let states: [IceState] = IceState.allCases
    /// `CandidateType` values by code - 1.
    static let candidates: [CandidateType] = CandidateType.allCases

    /// A record from its parts (thawing a frozen tour).
    init(timeMs: Int64, instance: UInt32, kind: UInt8, state: UInt8, cache: UInt8, candidate: UInt8, flags: UInt8) {
        self.timeMs = timeMs
        self.instance = instance
        self.kind = kind
        self.state = state
        self.cache = cache
        self.candidate = candidate
        self.flags = flags
    }

    /// Makes the record of `event`, with `instance` already interned.
    init(event: borrowing Event, instance: UInt32) {
        self.timeMs = event.timeMs ?? 0
        self.instance = instance
        self.kind = EventRecord.kindRank(event.kind)
        self.state = event.state.map { UInt8(EventRecord.states.firstIndex(of: $0) ?? 0) + 1 } ?? 0
        switch event.cache {
        case .hit: self.cache = 1
        case .miss: self.cache = 2
        case nil: self.cache = 0
        }
        self.candidate = event.candidateType.map { UInt8(EventRecord.candidates.firstIndex(of: $0) ?? 0) + 1 } ?? 0
        self.flags = (event.timeMs != nil ? 1 : 0) | (event.origin == .server ? 2 : 0)
    }

    /// Content order: timed before untimed, then time, kind, state, cache, candidate, origin, and the instance's
    /// name (`strings` is the tour's `StringTable.strings`); never an input index, so the order of stored records
    /// never depends on the order events were added.
    static func precedes(_ a: EventRecord, _ b: EventRecord, strings: [String]) -> Bool {
        if a.hasTime != b.hasTime { return a.hasTime }
        if a.hasTime, a.timeMs != b.timeMs { return a.timeMs < b.timeMs }
        if a.kind != b.kind { return a.kind < b.kind }
        if a.state != b.state { return a.state < b.state }
        if a.cache != b.cache { return a.cache < b.cache }
        if a.candidate != b.candidate { return a.candidate < b.candidate }
        if a.flags != b.flags { return a.flags < b.flags }
        if a.instance == b.instance { return false }
        return strings[Int(a.instance)] < strings[Int(b.instance)]
    }
}

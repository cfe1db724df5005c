/// The line-accounting block every result carries: one `InputAccounting` per input, in the order given, and
/// their totals.
public struct InputsReport: Sendable, Equatable {
    /// Per-input accounting, in the order the inputs were given.
    public var inputs: [InputAccounting]
    /// The sum of every input's counts (`input` is "total"; `gzip`/`damage` are unused).
    public var totals: InputAccounting
    /// Inputs that were gzip.
    public var gzipInputs: Int
    /// Inputs with damage (truncated or corrupt).
    public var damagedInputs: Int
    /// Events that named no tour (counted, not analysed).
    public var eventsWithoutTour: Int
    /// Inputs that could not be read at all (vanished or unreadable after they were listed).
    public var failures: [InputFailure]
    /// Events dropped over the per-connection bound (a hostile or runaway log).
    public var droppedEvents: Int
    /// Events for a tour that had already been closed as idle (not analysed); `timeJumps` and
    /// `heldTourLimitReached` say why.
    public var lateEvents: Int
    /// Inputs whose log time went back by more than the idle window (several logs one after another).
    public var timeJumps: [TimeJump]
    /// Standard input held more idle tours than the limit, so some closed before its end.
    public var heldTourLimitReached: Bool
    /// Events read from browser lines (ICE states, selected pairs: the outcomes are there).
    public var browserEvents = 0
    /// Events read from server lines.
    public var serverEvents = 0

    /// Events were read, none from a browser: every connection's outcome is unknown for that reason alone.
    public var browserSideMissing: Bool { browserEvents == 0 && serverEvents > 0 }

    /// Makes the block from the per-input accounting, computing the totals.
    public init(
        _ inputs: [InputAccounting], eventsWithoutTour: Int = 0, failures: [InputFailure] = [], droppedEvents: Int = 0,
        lateEvents: Int = 0, timeJumps: [TimeJump] = [], heldTourLimitReached: Bool = false
    ) {
        self.lateEvents = lateEvents
        self.timeJumps = timeJumps
        self.heldTourLimitReached = heldTourLimitReached
        self.failures = failures
        self.droppedEvents = droppedEvents
        self.inputs = inputs
        var totals = InputAccounting(input: "total")
        for input in inputs { totals.add(input) }
        self.totals = totals
        self.gzipInputs = inputs.filter(\.gzip).count
        self.damagedInputs = inputs.filter { $0.damage != nil }.count
        self.eventsWithoutTour = eventsWithoutTour
    }
}

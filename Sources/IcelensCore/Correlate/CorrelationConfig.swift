/// Settings of the correlation: the app's ICE timeout, when an idle tour is closed, and the per-connection bound.
public struct CorrelationConfig: Sendable, Equatable {
    /// The app's ICE timeout in ms (CLI flag `--timeout`); `checking` without `connected` this long is a timeout.
    public var timeoutMs: Int64 = 30_000
    /// A tour whose newest event is this many ms (log time) behind the watermark is closed.
    public var idleCloseMs: Int64 = 3 * 3_600_000
    /// The most events stored per connection stream; beyond it the latest events are dropped and counted.
    public var maxEventsPerConnection: Int = 1024
    /// While standard input is read, idle tours stay open up to this many: a pipe may hold several logs one after
    /// the other (`zcat a.gz b.gz | icelens`), going back in time, and a tour closed too early would lose its
    /// later lines. Beyond it the longest-idle tours are closed as usual.
    public var heldTourLimit: Int = 10_000
    /// When set, a tour that has ended (its guide and every attendee left) is finished once this many ms (log
    /// time) have passed behind the watermark since its last line, instead of waiting for the idle window. Off by
    /// default: the watermark cannot see disorder inside one input or a browser clock running ahead, and a tour
    /// finished early then loses its delayed lines (docs/decisions.md, "Ended tours").
    public var endedGraceMs: Int64?
    /// An open tour quiet for this many ms (log time) behind the watermark is packed into bytes (`FrozenTour`)
    /// until its next event or its close: the same results in a fraction of the memory. nil: never packed.
    public var freezeAfterMs: Int64? = 2 * 60_000
    /// Packing starts only when more tours than this are unpacked, and packs the quietest (quiet at least
    /// `freezeAfterMs`) down to this many: a few thousand unpacked tours are a few MiB, and a tour that logs again
    /// within minutes is then not packed and unpacked over and over. 0: pack every quiet tour.
    public var unpackedTourTarget: Int = 1_536

    /// Makes a configuration; every value has the default documented on its property.
    public init(
        timeoutMs: Int64 = 30_000, idleCloseMs: Int64 = 3 * 3_600_000, maxEventsPerConnection: Int = 1024,
        heldTourLimit: Int = 10_000, endedGraceMs: Int64? = nil
    ) {
        self.endedGraceMs = endedGraceMs
        self.timeoutMs = timeoutMs
        self.idleCloseMs = idleCloseMs
        self.maxEventsPerConnection = maxEventsPerConnection
        self.heldTourLimit = heldTourLimit
    }
}

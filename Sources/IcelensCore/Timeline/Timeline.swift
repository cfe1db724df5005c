/// The result of `icelens timeline` (schema "icelens/1", kind "timeline"): every event of one tour (or one
/// connection), both sides merged in log-time order, with each ICE attempt bracketed by its start and its verdict,
/// and the connections' records. Each writer's lines keep their own clock: where the writer changes, two clocks
/// meet (`clockChanges`).
public struct Timeline: Sendable, Equatable {
    /// The tour.
    public var tour: String
    /// The peer asked for, if any.
    public var peer: String?
    /// The guide of the tour, when seen.
    public var guide: String?
    /// The entries, in log-time order (ties: writer, input name, line), attempts beside their events.
    public var entries: [TimelineEntry]
    /// Events of the tour beyond `TimelineBuilder.maxEvents`, counted and not listed.
    public var eventsNotShown: Int
    /// The connections shown, with their attempts and verdicts.
    public var connections: [ConnectionRecord]
    /// The run's parameters and accounting.
    public var report: AnalysisReport

    /// Whether entry `i` is an event written by another writer than the event before it: its order against that
    /// one depends on two clocks.
    public func clockChanges(at i: Int) -> Bool {
        guard case .event(let e) = entries[i] else { return false }
        var j = i - 1
        while j >= 0 {
            if case .event(let previous) = entries[j] { return previous.writer != e.writer }
            j -= 1
        }
        return false
    }

    /// Makes a timeline from its parts.
    public init(
        tour: String, peer: String?, guide: String?, entries: [TimelineEntry], eventsNotShown: Int,
        connections: [ConnectionRecord], report: AnalysisReport
    ) {
        self.tour = tour
        self.peer = peer
        self.guide = guide
        self.entries = entries
        self.eventsNotShown = eventsNotShown
        self.connections = connections
        self.report = report
    }

    public static func == (a: Timeline, b: Timeline) -> Bool {
        a.tour == b.tour && a.peer == b.peer && a.guide == b.guide && a.entries == b.entries
            && a.eventsNotShown == b.eventsNotShown && a.connections == b.connections && a.report == b.report
    }
}

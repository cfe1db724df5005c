/// Collects one tour's events as a run reads them and orders them, with the attempts of its connections, into a
/// `Timeline`. Memory grows with the tour's events only (at most `maxEvents`; the rest are counted).
public struct TimelineBuilder {
    /// Most events kept (about 20 MiB; a tour of a normal size has hundreds).
    public static let maxEvents = 20_000

    /// The tour.
    public let tour: String
    /// Keep only this peer's connection: its own lines, the guide's lines about it and the guide's tour-wide lines.
    public let peer: String?
    private(set) var events: [Event] = []
    private(set) var notShown = 0

    /// A builder for `tour`, optionally narrowed to `peer`.
    public init(tour: String, peer: String?) {
        self.tour = tour
        self.peer = peer
    }

    /// Keeps `event` when it belongs to the timeline.
    public mutating func offer(_ event: borrowing Event) {
        guard event.tour == tour else { return }
        if let peer {
            let own = event.peer == peer || event.remote == peer || event.from == peer || event.to == peer
            let guideWide = event.role == .guide && event.remote == nil && event.to == nil
            guard own || guideWide || event.role == .guide && event.peer == peer else { return }
        }
        if events.count < Self.maxEvents {
            events.append(copy event)
        } else {
            notShown += 1
        }
    }

    /// The timeline: events sorted by time (then writer, input name, line; untimed events last),
    /// and each connection's attempts placed at their start and end.
    public func timeline(
        report: AnalysisReport, connections: [ConnectionRecord], inputNames: [String], timeoutMs: Int64
    ) -> Timeline {
        func name(_ index: Int) -> String { inputNames.indices.contains(index) ? inputNames[index] : "input \(index)" }
        var keyed: [(key: SortKey, entry: TimelineEntry)] = []
        for (n, event) in events.enumerated() {
            let e = TimelineEvent(event: event, input: name(event.source.input))
            keyed.append(
                (
                    SortKey(
                        time: event.timeMs, rank: 1, writer: e.writer, input: e.input, line: event.source.line, n: n),
                    .event(e)
                ))
        }
        for record in connections {
            let c = record.connection
            for attempt in c.attempts {
                var a = TimelineAttempt(
                    attendee: c.attendee, attempt: attempt, of: c.attempts.count, timeoutMs: timeoutMs)
                a.wholeSeconds = c.detail?.secondResolution ?? false
                keyed.append(
                    (
                        SortKey(
                            time: attempt.startMs, rank: 0, writer: c.attendee, input: "", line: attempt.index, n: 0),
                        .attemptStart(a)
                    ))
                keyed.append(
                    (
                        SortKey(
                            time: attempt.endMs ?? attempt.startMs, rank: 2, writer: c.attendee, input: "",
                            line: attempt.index, n: 0), .attemptEnd(a)
                    ))
            }
        }
        keyed.sort { $0.key < $1.key }
        return Timeline(
            tour: tour, peer: peer, guide: connections.first?.guide, entries: keyed.map(\.entry),
            eventsNotShown: notShown, connections: connections, report: report)
    }

    /// The order of entries: by time (none last), then an attempt's start before the events of its instant and its
    /// end after them, then writer, input name, line.
    struct SortKey: Comparable {
        var time: Int64?
        var rank: Int
        var writer: String
        var input: String
        var line: Int
        var n: Int

        static func < (a: SortKey, b: SortKey) -> Bool {
            switch (a.time, b.time) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            default: break
            }
            if a.rank != b.rank { return a.rank < b.rank }
            if a.writer != b.writer { return a.writer < b.writer }
            if a.input != b.input { return a.input < b.input }
            return a.line != b.line ? a.line < b.line : a.n < b.n
        }
    }
}

/// Where `events` puts its events: the kinds asked for, as NDJSON lines in one reused buffer handed to the output
/// 60 KiB at a time. Shared by the one-thread and the two-thread runs.
final class NDJSONSink {
    private let writer: EventJSONWriter
    private let kinds: Set<EventKind>
    private let tours: Set<String>
    private let peer: String?
    /// Whether any filter beyond the kinds is set (one test a line when none is).
    private let filtersPeers: Bool
    private let output: ByteOutput
    private let pending = ByteBuffer(capacity: 1 << 16)

    init(_ run: EventsRun, output: ByteOutput) {
        writer = EventJSONWriter(inputNames: run.inputs.map(\.displayName), labelKey: run.options.labelField)
        kinds = run.kinds
        tours = run.tours
        peer = run.peer
        filtersPeers = !run.tours.isEmpty || run.peer != nil
        self.output = output
    }

    /// Writes `event` when its kind is asked for (all kinds when none is named).
    @inline(__always)
    func write(_ event: Event) throws {
        if !kinds.isEmpty && !kinds.contains(event.kind) { return }
        if filtersPeers {
            if !tours.isEmpty, !tours.contains(event.tour ?? "") { return }
            if let peer, event.peer != peer, event.remote != peer, event.from != peer, event.to != peer { return }
        }
        writer.append(event, to: pending)
        pending.reserve(1)
        pending.put(0x0A)
        if pending.count >= 60 << 10 { try handOver() }
    }

    /// Hands what is pending to the output and flushes it.
    func finish() throws {
        try handOver()
        try output.flush()
    }

    private func handOver() throws {
        try output.write(bytes: pending.bytes)
        pending.removeAll()
    }
}

/// rtcstats dumps (docs/formats.md "rtcstats dumps"): the Jitsi NDJSON form (`[method, pcId|null, value,
/// timestampMs(, seq)]` a line, first line `connectionInfo`), the older rtcstats-server form (a first line object
/// with `fileFormat`), and rtcstats v3 (`RTCStatsDump`, a metadata line with `fileFormat`, numeric method codes,
/// times as deltas from the line before). Read as a stream of records: each peer connection keeps its trace and
/// the few stats fields that the selected pair needs (`getstats` samples are deltas against the last one of the
/// same connection), so memory grows with peer connections, not with lines.
public enum RTCStatsFormat: InputFormat {
    public static let name = "rtcstats"

    public static func sniff(_ start: UnsafeRawBufferPointer) -> Bool {
        var end = start.firstIndex(of: 0x0A) ?? start.count
        if end > 0, start[end - 1] == 0x0D { end -= 1 }
        let bom = start.count >= 3 && start[0] == 0xEF && start[1] == 0xBB && start[2] == 0xBF ? 3 : 0
        let first = UnsafeRawBufferPointer(rebasing: start[min(bom, end)..<end])
        if first.elementsEqual("RTCStatsDump".utf8) { return true }
        guard end < start.count || start.count < InputFormats.sniffBytes else { return false }
        guard let value = try? JSONParser.parse(first) else { return false }
        if case .array(let items) = value, items.count >= 3 {
            let methodKnown = items[0].string != nil || items[0].number != nil
            let pcKnown = items[1].isNull || items[1].string != nil
            return methodKnown && pcKnown
        }
        // The older rtcstats-server's metadata line.
        return value["fileFormat"]?.number != nil && value["PeerConnections"] == nil
    }

    public static func makeSource(_ bytes: ByteChunkSource, context: SourceContext) -> EventSource {
        RTCStatsSource(bytes, context: context)
    }
}

/// Reads an rtcstats dump to its end in one step (its events come out once every line of each peer connection
/// is in, ordered by time). Dumps concatenated into one stream (`cat a.ndjson b.ndjson`) are read one after the
/// other, each with its own session.
final class RTCStatsSource: EventSource {
    private var reader: LineReader
    private let context: SourceContext
    private var dump = RTCStatsDump()
    private var tally = LineCounts()
    private var finished = false

    init(_ bytes: ByteChunkSource, context: SourceContext) {
        self.context = context
        reader = LineReader(
            source: bytes, maxLineLength: max(context.options.maxLineLength, 64 << 20),
            initialCapacity: context.initialBufferBytes)
    }

    func step(into events: inout [Event], onOther: OtherLineHandler?) throws -> Bool {
        if finished { return false }
        finished = true
        var traces: [(PeerConnectionTrace, Int)] = []
        try reader.forEachLine { line, number in
            var verdict = dump.read(line, number: number)
            if verdict == .nextDump {
                traces += dump.traces(inputName: context.inputName)
                dump = RTCStatsDump()
                verdict = dump.read(line, number: number)
            }
            switch verdict {
            case .recognised, .nextDump:
                tally.recognised += 1
            case .unrecognised:
                tally.unrecognised += 1
                try onOther?(.unrecognised, line, number)
            case .malformed:
                tally.malformed += 1
                try onOther?(.malformed, line, number)
            }
        }
        traces += dump.traces(inputName: context.inputName)
        events += JSONDocumentFormat.events(of: traces, context: context)
        return false
    }

    var counts: LineCounts { reader.counts(with: tally) }

    func expand() { reader.expandBuffer() }
}

/// Inputs whose content is one JSON document rather than JSON lines: Chrome `chrome://webrtc-internals` dumps
/// (pretty-printed, or one long line), ICE server configurations and Xirsys API responses. Recognised from the
/// input's start: a `{` that does not close on its first line, or a first line that is the whole input. The
/// document is read whole (`DocumentSource`) and handed to the reader its shape names; a single-line document of
/// no known shape is read as a log line, so an app's one-line log still reads as before.
public enum JSONDocumentFormat: InputFormat {
    public static let name = "json-document"

    public static func sniff(_ start: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        if start.count >= 3, start[0] == 0xEF, start[1] == 0xBB, start[2] == 0xBF { i = 3 }
        while i < start.count, ASCII.isBlankOrNewline(start[i]) { i += 1 }
        guard i < start.count, start[i] == 0x7B else { return false }
        guard let newline = start[i...].firstIndex(of: 0x0A) else {
            // One line in the whole window: the whole input when the window is not full, else a line longer than
            // the window (a dump written without indentation).
            return true
        }
        var lineEnd = newline
        if lineEnd > i, start[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let first = UnsafeRawBufferPointer(rebasing: start[i..<lineEnd])
        if !JSONParser.isComplete(first) { return true }
        // A complete first line: a document only when nothing but blanks follows it.
        return start[(newline + 1)...].allSatisfy(ASCII.isBlankOrNewline)
    }

    public static func makeSource(_ bytes: ByteChunkSource, context: SourceContext) -> EventSource {
        DocumentSource(bytes, context: context, reader: read)
    }

    /// Reads the input's documents: parses them and dispatches each by shape.
    static func read(_ bytes: UnsafeRawBufferPointer, context: SourceContext) -> DocumentSource.Reading {
        let (values, failure) = JSONParser.parseSequence(bytes)
        if values.count == 1, failure == nil, !WebRTCInternalsDump.matches(values[0]),
            ICEServerConfiguration(values[0]) == nil
        {
            return line(bytes, context: context)
        }
        var reading = DocumentSource.Reading()
        for (i, value) in values.enumerated() {
            let found = events(in: value, context: context, document: i + 1)
            if found.isEmpty {
                reading.unrecognised += 1
            } else {
                reading.recognised += 1
                reading.events += found
            }
        }
        if failure != nil { reading.malformed += 1 }
        return reading
    }

    /// The events of one document, by its shape.
    static func events(in value: JSONValue, context: SourceContext, document: Int) -> [Event] {
        // The second document of a stream is named apart from the first when it names no session itself.
        let name = document == 1 ? context.inputName : "\(context.inputName)#\(document)"
        if WebRTCInternalsDump.matches(value) {
            let traces = WebRTCInternalsDump.traces(in: value, inputName: name)
            return Self.events(of: traces.map { ($0, document) }, context: context)
        }
        if let servers = ICEServerConfiguration(value) {
            return servers.events(inputName: name, input: context.index)
        }
        return []
    }

    /// One line of no known document shape: read as a log line, so an app's one-line log reads as before.
    static func line(_ bytes: UnsafeRawBufferPointer, context: SourceContext) -> DocumentSource.Reading {
        var classifier = LineClassifier(rules: context.options.rules, labelField: context.options.labelField)
        var events: [Event] = []
        var end = bytes.count
        while end > 0, ASCII.isBlankOrNewline(bytes[end - 1]) { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
        guard !line.contains(0x0A) else { return .unrecognised }
        switch classifier.classify(
            line, source: SourceLocation(input: context.index, line: 1), serverInput: context.serverInput,
            into: &events)
        {
        case .event: return .events(events)
        case .unrecognised: return .unrecognised
        case .malformed: return .malformed
        }
    }

    /// The events of `traces` (each with the line its events name as their source), in time order, with each
    /// trace's detail left in the run's store.
    static func events(of traces: [(PeerConnectionTrace, Int)], context: SourceContext) -> [Event] {
        var events: [Event] = []
        for (trace, line) in traces {
            context.options.details.record(trace.detail, tour: trace.session, attendee: trace.attendeeKey)
            events += trace.events(input: context.index, line: line)
        }
        return Self.timeOrdered(events)
    }

    /// `events` sorted by time, untimed ones kept after the timed event before them (stable).
    static func timeOrdered(_ events: [Event]) -> [Event] {
        var keyed: [(Int64, Int)] = []
        keyed.reserveCapacity(events.count)
        var last = Int64.min
        for (i, e) in events.enumerated() {
            if let t = e.timeMs { last = t }
            keyed.append((e.timeMs ?? last, i))
        }
        keyed.sort { $0 < $1 }
        return keyed.map { events[$0.1] }
    }
}

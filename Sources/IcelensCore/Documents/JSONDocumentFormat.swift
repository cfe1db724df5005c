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
            // One line in the whole window: the whole input when the window is not full; else a line longer than the
            // window, a dump written without indentation only when it names a dump's keys early (a log whose first
            // line is long stays a log: read whole, it would be bounded by the document limit).
            if start.count < InputFormats.sniffBytes { return true }
            return ["\"getUserMedia\"", "\"PeerConnections\"", "\"iceServers\""].contains { key in
                let k = Array(key.utf8)
                return start.indices.dropLast(k.count).contains { j in
                    start[j] == 0x22 && start[j..<j + k.count].elementsEqual(k)
                }
            }
        }
        var lineEnd = newline
        if lineEnd > i, start[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let first = UnsafeRawBufferPointer(rebasing: start[i..<lineEnd])
        if JSONParser.isComplete(first) {
            // A complete first line: a document only when nothing but blanks follows it.
            return start[(newline + 1)...].allSatisfy(ASCII.isBlankOrNewline)
        }
        // An open first line: a pretty-printed document, unless the next line is a whole JSON value (JSON lines whose
        // first line is broken or cut short: they stay lines).
        var next = newline + 1
        while next < start.count, ASCII.isBlankOrNewline(start[next]) { next += 1 }
        guard let nextEnd = start[next...].firstIndex(of: 0x0A) else { return true }
        var end = nextEnd
        if end > next, start[end - 1] == 0x0D { end -= 1 }
        return !JSONParser.isComplete(UnsafeRawBufferPointer(rebasing: start[next..<end]))
    }

    public static func makeSource(_ bytes: ByteChunkSource, context: SourceContext) -> EventSource {
        DocumentSource(bytes, context: context, reader: read)
    }

    /// Reads the input's documents: parses them and dispatches each by shape; a document of no known shape that is
    /// one line is read as a log line (an app's JSON lines after a dump in one stream).
    static func read(_ bytes: UnsafeRawBufferPointer, context: SourceContext) -> DocumentSource.Reading {
        let (values, failure) = JSONParser.parseSequence(bytes)
        if values.isEmpty, let failure, failure.offset <= Self.endOfSecondLine(bytes) {
            // Broken from its first lines on: not a document that went wrong later, but lines (`LineLogFormat`).
            return lines(bytes, context: context)
        }
        var reading = DocumentSource.Reading()
        var classifier = LineClassifier(rules: context.options.rules, labelField: context.options.labelField)
        var lineNumber = 1
        var counted = 0
        func line(at offset: Int) -> Int {
            lineNumber += bytes[counted..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            counted = offset
            return lineNumber
        }
        for (i, item) in values.enumerated() {
            let first = line(at: item.range.lowerBound)
            let found = events(in: item.value, context: context, document: i + 1, line: first)
            if !found.isEmpty {
                reading.recognised += 1
                reading.events += found
                continue
            }
            // A record of no known shape is read as a log line: as it is when it is one line, made one line again
            // when it was pretty-printed (`jq .` of the app's JSON lines).
            let text = UnsafeRawBufferPointer(rebasing: bytes[item.range])
            let compact = text.contains(0x0A) && item.value.object != nil ? Array(item.value.compactText.utf8) : []
            guard !text.contains(0x0A) || (!compact.isEmpty && compact.count <= context.options.maxLineLength) else {
                reading.other(.unrecognised, item.range, line: first)
                continue
            }
            let outcome =
                compact.isEmpty
                ? classifier.classify(
                    text, source: SourceLocation(input: context.index, line: first),
                    serverInput: context.serverInput, into: &reading.events)
                : compact.withUnsafeBytes {
                    classifier.classify(
                        $0, source: SourceLocation(input: context.index, line: first),
                        serverInput: context.serverInput, into: &reading.events)
                }
            switch outcome {
            case .event: reading.recognised += 1
            case .unrecognised: reading.other(.unrecognised, item.range, line: first)
            case .malformed: reading.other(.malformed, item.range, line: first)
            }
        }
        if failure != nil {
            // The broken document, and whatever follows it.
            var start = min(max(values.last?.range.upperBound ?? 0, counted), bytes.count)
            while start < bytes.count, ASCII.isBlankOrNewline(bytes[start]) { start += 1 }
            reading.other(.malformed, start..<bytes.count, line: line(at: start))
        }
        return reading
    }

    /// The events of one document, by its shape.
    static func events(in value: JSONValue, context: SourceContext, document: Int, line: Int) -> [Event] {
        // The second document of a stream is named apart from the first when it names no session itself.
        let name = document == 1 ? context.inputName : "\(context.inputName)#\(document)"
        if WebRTCInternalsDump.matches(value) {
            let traces = WebRTCInternalsDump.traces(in: value, inputName: name)
            return Self.events(of: traces.map { ($0, line) }, context: context)
        }
        if let servers = ICEServerConfiguration(value) {
            return servers.events(inputName: name, input: context.index, line: line)
        }
        return []
    }

    /// Where the second line of `bytes` ends.
    static func endOfSecondLine(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let first = bytes.firstIndex(of: 0x0A) else { return bytes.count }
        return bytes[(first + 1)...].firstIndex(of: 0x0A) ?? bytes.count
    }

    /// The input's bytes read as a line log after all, each line classified and counted on its own (lines over
    /// `--max-line-length` cut).
    static func lines(_ bytes: UnsafeRawBufferPointer, context: SourceContext) -> DocumentSource.Reading {
        // The line-log source itself, over the bytes already read: the same splitting, cutting and classifying.
        var lineContext = context
        lineContext.stepBytes = nil
        let source = LineLogSource(MemoryByteSource(Array(bytes)), context: lineContext)
        var reading = DocumentSource.Reading()
        while (try? source.step(into: &reading.events, onOther: nil)) == true {}
        let c = source.counts
        reading.recognised = c.recognised
        reading.unrecognised = c.unrecognised
        reading.malformed = c.malformed
        reading.cut = c.cut
        return reading
    }

    /// The events of `traces` (each with the line its events name as their source), in time order, with each
    /// trace's detail left in the run's store.
    static func events(of traces: [(PeerConnectionTrace, Int)], context: SourceContext) -> [Event] {
        var events: [Event] = []
        for (trace, line) in traces {
            context.options.details.record(
                trace.detail, tour: trace.session, attendee: trace.attendeeKey, side: trace.role ?? .attendee)
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

/// Line logs: one record a line, JSON lines, logfmt and text console lines in any mix (SPEC "Inputs"). Each line
/// is classified on its own by `LineClassifier`; lines longer than `ScanOptions.maxLineLength` are cut.
public enum LineLogFormat: InputFormat {
    public static let name = "line-log"

    /// Line logs are the fallback: any input is read as lines when no other format claims it.
    public static func sniff(_ start: UnsafeRawBufferPointer) -> Bool { true }

    public static func makeSource(_ bytes: ByteChunkSource, context: SourceContext) -> EventSource {
        LineLogSource(bytes, context: context)
    }
}

/// Reads a line log in buffers of lines: splits with `LineReader`, classifies each line, keeps the counts.
final class LineLogSource: EventSource {
    private var reader: LineReader
    private var classifier: LineClassifier
    private let index: Int
    private let serverInput: Bool
    private var recognised = 0
    private var unrecognised = 0
    private var malformed = 0
    /// The last line was a server list naming no server: a next line that is only a URL completes it.
    private var awaitsServers = false
    /// With a value, each step reads up to a place the input's bytes alone decide (`SourceContext.stepBytes`):
    /// `SourceContext.firstStepBytes` at most until `expand()`, then the context's.
    private var stepBytes: Int?
    private let fullStepBytes: Int?

    init(_ bytes: ByteChunkSource, context: SourceContext) {
        fullStepBytes = context.stepBytes
        stepBytes = context.stepBytes.map { min($0, SourceContext.firstStepBytes) }
        reader = LineReader(
            source: bytes, maxLineLength: context.options.maxLineLength,
            initialCapacity: context.initialBufferBytes)
        classifier = LineClassifier(rules: context.options.rules, labelField: context.options.labelField)
        classifier.consoleSession = context.inputName.isEmpty ? nil : context.inputName
        index = context.index
        serverInput = context.serverInput
    }

    func step(into events: inout [Event], onOther: OtherLineHandler?) throws -> Bool {
        guard let stepBytes else { return try readBatch(into: &events, onOther: onOther, stopAt: .max) }
        // A step ends after the first line that ends at or past `stepBytes` bytes after the last step's end.
        let boundary = reader.consumedOffset &+ Int64(stepBytes)
        while try readBatch(into: &events, onOther: onOther, stopAt: boundary) {
            if !reader.isSkipping, reader.consumedOffset >= boundary { return true }
        }
        return false
    }

    private func readBatch(into events: inout [Event], onOther: OtherLineHandler?, stopAt boundary: Int64) throws
        -> Bool
    {
        let index = self.index
        let serverInput = self.serverInput
        // A local while the batch runs (a property of this class would be an exclusivity check per line).
        var awaits = awaitsServers
        defer { awaitsServers = awaits }
        return try reader.readBatch(
            { line, number in
                let outcome = classifier.classify(
                    line, source: SourceLocation(input: index, line: number), serverInput: serverInput, into: &events)
                let continues = awaits
                awaits = false
                switch outcome {
                case .event:
                    recognised += 1
                    // A server list announced without a server (a candidate error whose URL is on the next line).
                    // Read in place: `events.last` would copy the event (a retain and a release per String).
                    let i = events.count - 1
                    if i >= 0, events[i].kind == .iceServers, events[i].servers.isEmpty, events[i].instance == nil {
                        awaits = true
                    }
                case .unrecognised where continues && Self.continueServerList(line, in: &events):
                    recognised += 1
                case .unrecognised:
                    unrecognised += 1
                    try onOther?(.unrecognised, line, number)
                case .malformed:
                    malformed += 1
                    try onOther?(.malformed, line, number)
                }
            }, stopAt: boundary)
    }

    /// Adds the TURN hosts of `line` (a continuation such as `url: turn:host:3478`) to the last event, a server
    /// list that named none; false when the line names none.
    static func continueServerList(_ line: UnsafeRawBufferPointer, in events: inout [Event]) -> Bool {
        guard !events.isEmpty, line.count <= 1024 else { return false }
        let hosts = TurnURI.hosts(in: line)
        guard !hosts.isEmpty else { return false }
        events[events.count - 1].servers = hosts
        return true
    }

    var counts: LineCounts {
        var c = LineCounts()
        c.read = reader.linesRead
        c.cut = reader.cutLines
        c.recognised = recognised
        c.unrecognised = unrecognised
        c.malformed = malformed
        c.bytes = reader.bytesRead
        return c
    }

    func expand() {
        reader.expandBuffer()
        stepBytes = fullStepBytes
    }
}

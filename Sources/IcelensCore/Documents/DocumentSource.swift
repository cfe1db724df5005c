/// Reads an input that is one whole document (a webrtc-internals dump, an ICE server configuration), or several
/// concatenated: all of its decompressed bytes, up to `ScanOptions.maxDocumentBytes`, then hands them to the
/// format's reader at once. A document counts as one record ("line"): recognised when it yields events,
/// unrecognised when it parses but names none, malformed when it does not parse (what follows a broken document is
/// part of it), cut when the input is larger than the limit (the rest is read and dropped, so the byte count stays
/// true). It is never cut by `--max-line-length`: a pretty-printed dump has no lines to speak of.
final class DocumentSource: EventSource {
    /// What a format makes of an input's bytes: its events, and how many documents it held of each verdict (an
    /// input may hold several documents one after the other).
    struct Reading {
        var events: [Event] = []
        var recognised = 0
        var unrecognised = 0
        var malformed = 0
        var cut = 0
        /// The records that became no event: verdict, byte range in the input and 1-based line where they start.
        var others: [(verdict: LineVerdict, range: Range<Int>, line: Int)] = []

        /// Counts a record that became no event, keeping where it is for `--show`.
        mutating func other(_ verdict: LineVerdict, _ range: Range<Int>, line: Int) {
            if verdict == .malformed { malformed += 1 } else { unrecognised += 1 }
            others.append((verdict, range, line))
        }

        static func events(_ events: [Event]) -> Reading {
            events.isEmpty ? Reading(unrecognised: 1) : Reading(events: events, recognised: 1)
        }
        static let unrecognised = Reading(unrecognised: 1)
        static let malformed = Reading(malformed: 1)
    }

    typealias Reader = (UnsafeRawBufferPointer, SourceContext) -> Reading

    private let bytes: ByteChunkSource
    private let context: SourceContext
    private let reader: Reader
    private var finished = false
    private var tally = LineCounts()

    init(_ bytes: ByteChunkSource, context: SourceContext, reader: @escaping Reader) {
        self.bytes = bytes
        self.context = context
        self.reader = reader
    }

    func step(into events: inout [Event], onOther: OtherLineHandler?) throws -> Bool {
        if finished { return false }
        finished = true
        let limit = max(context.options.maxDocumentBytes, 1)
        var document: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var over = false
        while true {
            let n = try chunk.withUnsafeMutableBytes { try bytes.read(into: $0) }
            if n == 0 { break }
            tally.bytes += Int64(n)
            if over { continue }
            if document.count + n > limit {
                over = true
                document = []
                continue
            }
            document.append(contentsOf: chunk[0..<n])
        }
        if tally.bytes == 0 { return false }
        tally.read = 1
        if over {
            tally.cut = 1
            return false
        }
        let reading = document.withUnsafeBytes { reader($0, context) }
        tally.read = reading.recognised + reading.unrecognised + reading.malformed + reading.cut
        tally.cut = reading.cut
        tally.recognised = reading.recognised
        tally.unrecognised = reading.unrecognised
        tally.malformed = reading.malformed
        events.append(contentsOf: reading.events)
        if let onOther {
            try document.withUnsafeBytes { all in
                for other in reading.others {
                    let range = other.range.clamped(to: 0..<all.count)
                    try onOther(other.verdict, Self.head(UnsafeRawBufferPointer(rebasing: all[range])), other.line)
                }
                if reading.others.isEmpty, reading.unrecognised + reading.malformed > 0 {
                    try onOther(reading.malformed > 0 ? .malformed : .unrecognised, Self.head(all), 1)
                }
            }
        }
        return false
    }

    /// The document's first line, at most 4 KiB: what a listing of other lines shows of it.
    static func head(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var end = min(bytes.count, 4096)
        if let newline = bytes[0..<end].firstIndex(of: 0x0A) { end = newline }
        return UnsafeRawBufferPointer(rebasing: bytes[0..<end])
    }

    var counts: LineCounts { tally }

    func expand() {}
}

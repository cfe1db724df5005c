import Synchronization

/// coturn's logs (docs/formats.md "coturn logs"): every prefix variant (`CoturnLine`), read into TURN sessions
/// (`TurnSessionBook`) rather than into connectivity events. Recognised from the input's start: most of its first
/// lines have a coturn prefix and one of them names a session or a coturn server message, or three of them do.
public enum CoturnFormat: InputFormat {
    public static let name = "coturn"

    public static func sniff(_ start: UnsafeRawBufferPointer) -> Bool {
        var lines = 0
        var prefixed = 0
        var coturnish = 0
        var i = 0
        // Every whole line of the window (64 KiB): a syslog or a container log can hold many other lines first.
        while i < start.count {
            let end = start[i...].firstIndex(of: 0x0A) ?? start.count
            // The last line of a full window may be cut short: not looked at.
            if end == start.count, start.count >= InputFormats.sniffBytes { break }
            let line = UnsafeRawBufferPointer(rebasing: start[i..<end])
            i = end + 1
            guard line.contains(where: { !ASCII.isBlankOrNewline($0) }) else { continue }
            lines += 1
            guard let parsed = CoturnLine.parse(line) else { continue }
            prefixed += 1
            if Self.isCoturnMessage(UnsafeRawBufferPointer(rebasing: line[parsed.messageStart...])) { coturnish += 1 }
        }
        // Several coturn messages decide alone (a log whose start has other lines too, such as junk before them).
        return coturnish >= 3 || (coturnish > 0 && prefixed * 2 >= lines)
    }

    /// A message only coturn writes (its first 64 bytes looked at): a session line (`session ` and 18 digits) or one
    /// of its server lines. Read in bytes: an app log's first 64 KiB can hold a thousand lines to look at.
    static func isCoturnMessage(_ message: UnsafeRawBufferPointer) -> Bool {
        let m = MessageBytes(UnsafeRawBufferPointer(rebasing: message.prefix(64)))
        if m.starts(with: "session "), m.count >= 27, m[26] == 0x3A, m.number(8..<26) != nil { return true }
        let markers: [StaticString] = [
            "Coturn Version", "Local relay addr", "log file opened", "RFC 5780", "RFC 5766", "Relay address to use",
            "Listener address to use",
        ]
        return markers.contains { m.contains($0) }
    }

    public static func makeSource(_ bytes: ByteChunkSource, context: SourceContext) -> EventSource {
        CoturnSource(bytes, context: context)
    }
}

/// Reads a coturn log line by line into its input's `TurnSessionBook`, whose finished sessions go to the run's
/// `FinishedTurnSessions` as they close. It makes no connectivity events: a TURN session is not a tour's connection
/// (`icelens sessions`).
final class CoturnSource: EventSource {
    private var reader: LineReader
    private var book: TurnSessionBook
    private let context: SourceContext
    private var tally = LineCounts()
    private let rotation: TurnSessionBook.Rotation?
    private var finished = false

    init(_ bytes: ByteChunkSource, context: SourceContext) {
        self.context = context
        reader = LineReader(
            source: bytes, maxLineLength: context.options.maxLineLength, initialCapacity: context.initialBufferBytes)
        book = TurnSessionBook(server: context.inputName)
        book.day = TurnSessionBook.day(in: context.inputName.split(separator: "/").last.map(String.init) ?? "")
        rotation = TurnSessionBook.rotation(of: context.inputName)
        book.rotates = rotation != nil
    }

    func step(into events: inout [Event], onOther: OtherLineHandler?) throws -> Bool {
        if finished { return false }
        let more = try reader.readBatch { line, number in
            var verdict = LineVerdict.unrecognised
            if let parsed = CoturnLine.parse(line) {
                switch book.read(
                    MessageBytes(UnsafeRawBufferPointer(rebasing: line[parsed.messageStart...])), line: parsed)
                {
                case .read:
                    tally.recognised += 1
                    return
                case .unknown: verdict = .unrecognised
                case .malformed: verdict = .malformed
                }
            }
            if verdict == .malformed { tally.malformed += 1 } else { tally.unrecognised += 1 }
            try onOther?(verdict, line, number)
        }
        if !more {
            finished = true
            book.finish()
        }
        let done = book.takeFinished()
        if !done.isEmpty { context.options.turnSessions.add(done, input: context.index, rotation: rotation) }
        if !more {
            context.options.turnSessions.add(
                errors: book.unattributed, count: book.unattributedCount, server: book.server)
        }
        return more
    }

    var counts: LineCounts { reader.counts(with: tally) }

    func expand() { reader.expandBuffer() }
}

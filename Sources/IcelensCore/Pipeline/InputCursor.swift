/// One input being read in steps, so that several inputs can be merged by log time: each `step` reads one buffer
/// of lines, classifies them, and advances the input's clock (the latest event time it has shown).
final class InputCursor {
    let input: InputSpec
    let index: Int
    let serverSide: Bool
    private let decoder: DecodingByteSource
    private var reader: LineReader
    /// The latest event time seen in this input (inputs are merged by it).
    private(set) var clockMs: Int64?
    private(set) var done = false
    private var recognised = 0
    private var unrecognised = 0
    private var malformed = 0

    init(input: InputSpec, index: Int, options: ScanOptions) throws {
        self.input = input
        self.index = index
        self.serverSide = options.isServerSide(input)
        let raw: ByteChunkSource =
            try input.path.map { try FileByteSource(path: $0) } ?? FileByteSource(fileDescriptor: 0)
        decoder = DecodingByteSource(raw)
        let source: ByteChunkSource = options.prefetch ? PrefetchingByteSource(decoder) : decoder
        reader = LineReader(source: source, maxLineLength: options.maxLineLength)
    }

    /// Reads the next buffer of lines; sets `done` at the end of the input.
    /// `onOther`, when given, sees every line that became no event, with its verdict and 1-based number.
    func step(
        _ classifier: inout LineClassifier, onEvent: (Event) throws -> Void,
        onOther: ((LineVerdict, UnsafeRawBufferPointer, Int) throws -> Void)? = nil
    ) throws {
        let index = self.index
        let serverSide = self.serverSide
        var clock = clockMs
        let more = try reader.readBatch { line, number in
            switch classifier.classify(
                line, source: SourceLocation(input: index, line: number), serverInput: serverSide)
            {
            case .event(let event):
                recognised += 1
                if let t = event.timeMs, clock.map({ t > $0 }) ?? true { clock = t }
                try onEvent(event)
            case .unrecognised:
                unrecognised += 1
                try onOther?(.unrecognised, line, number)
            case .malformed:
                malformed += 1
                try onOther?(.malformed, line, number)
            }
        }
        clockMs = clock
        if !more { done = true }
    }

    /// The accounting so far (complete once `done`).
    var accounting: InputAccounting {
        var a = InputAccounting(input: input.displayName)
        a.read = reader.linesRead
        a.cut = reader.cutLines
        a.recognised = recognised
        a.unrecognised = unrecognised
        a.malformed = malformed
        a.bytes = reader.bytesRead
        a.gzip = decoder.isGzip
        a.damage = done ? decoder.damage : nil
        return a
    }

    /// The time of the first timed event of `input`, read from its beginning (at most `lineLimit` lines), or nil.
    static func firstEventTime(of input: InputSpec, options: ScanOptions, lineLimit: Int = 50_000) throws -> Int64? {
        var peekOptions = options
        peekOptions.prefetch = false
        let cursor = try InputCursor(input: input, index: 0, options: peekOptions)
        var classifier = LineClassifier(rules: options.rules, labelField: nil)
        struct Found: Error { let ms: Int64 }
        do {
            while !cursor.done, cursor.reader.linesRead < lineLimit {
                try cursor.step(&classifier) { event in
                    if let t = event.timeMs { throw Found(ms: t) }
                }
            }
        } catch let found as Found {
            return found.ms
        }
        return nil
    }
}

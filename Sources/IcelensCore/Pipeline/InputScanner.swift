/// Reads one input end to end: opens it, sniffs and inflates gzip, splits lines, classifies each one and keeps the
/// line accounting (every line in exactly one bucket). Damage ends the input, never the run.
public struct InputScanner {
    /// The run's settings.
    public let options: ScanOptions
    private var classifier: LineClassifier

    /// Makes a scanner.
    public init(options: ScanOptions) {
        self.options = options
        self.classifier = LineClassifier(rules: options.rules, labelField: options.labelField)
    }

    /// Opens `input` as a decoded byte source (file or stdin; gzip or plain).
    public static func open(_ input: InputSpec) throws -> DecodingByteSource {
        let raw: ByteChunkSource
        if let path = input.path {
            raw = try FileByteSource(path: path)
        } else {
            raw = FileByteSource(fileDescriptor: 0)
        }
        return DecodingByteSource(raw)
    }

    /// Scans `input` (the run's input number `index`), calling `onEvent` for every event; returns the accounting.
    /// `onOther`, when given, sees every line that became no event, with its verdict and 1-based number.
    public mutating func scan(
        _ input: InputSpec, index: Int, onEvent: (Event) throws -> Void,
        onOther: ((LineVerdict, UnsafeRawBufferPointer, Int) throws -> Void)? = nil
    ) throws -> InputAccounting {
        let decoder = try InputScanner.open(input)
        let source: ByteChunkSource = options.prefetch ? PrefetchingByteSource(decoder) : decoder
        var reader = LineReader(source: source, maxLineLength: options.maxLineLength)
        var accounting = InputAccounting(input: input.displayName)
        let serverSide = options.isServerSide(input)
        var recognised = 0
        var unrecognised = 0
        var malformed = 0
        try reader.forEachLine { line, number in
            switch classifier.classify(
                line, source: SourceLocation(input: index, line: number), serverInput: serverSide)
            {
            case .event(let event):
                recognised += 1
                try onEvent(event)
            case .unrecognised:
                unrecognised += 1
                try onOther?(.unrecognised, line, number)
            case .malformed:
                malformed += 1
                try onOther?(.malformed, line, number)
            }
        }
        accounting.read = reader.linesRead
        accounting.cut = reader.cutLines
        accounting.recognised = recognised
        accounting.unrecognised = unrecognised
        accounting.malformed = malformed
        accounting.bytes = reader.bytesRead
        accounting.gzip = decoder.isGzip
        accounting.damage = decoder.damage
        return accounting
    }
}

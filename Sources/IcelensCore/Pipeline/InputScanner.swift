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

    /// Scans `input` (the run's input number `index`), calling `onEvent` for every event; returns the accounting.
    /// `onOther`, when given, sees every line that became no event, with its verdict and 1-based number.
    public mutating func scan(
        _ input: InputSpec, index: Int, onEvent: (Event) throws -> Void,
        onOther: ((LineVerdict, UnsafeRawBufferPointer, Int) throws -> Void)? = nil
    ) throws -> InputAccounting {
        let cursor = try InputCursor(input: input, index: index, options: options)
        while !cursor.done {
            try cursor.step(&classifier, onEvent: onEvent, onOther: onOther)
        }
        return cursor.accounting
    }
}

/// Reads one input end to end: opens it once, sniffs and inflates gzip, picks its format, reads every record and
/// keeps the line accounting (every line in exactly one bucket). Damage ends the input, never the run; so does a
/// read error, which is returned with the accounting of what was read before it.
public struct InputScanner {
    /// The run's settings.
    public let options: ScanOptions

    /// Makes a scanner.
    public init(options: ScanOptions) {
        self.options = options
    }

    /// What scanning one input came to.
    public struct Scan: Sendable {
        /// The input's line accounting.
        public var accounting: InputAccounting
        /// The error that ended reading early, if any.
        public var failure: InputError?
        /// The error a callback threw to stop reading (the output closed); `accounting` counts what was read.
        public var interruption: Error?
    }

    /// Scans `input` (the run's input number `index`), calling `onEvent` for every event; returns the accounting.
    /// `onOther`, when given, sees every line that became no event, with its verdict and 1-based number. Throws
    /// `InputError` only when the input cannot be opened.
    public func scan(
        _ input: InputSpec, index: Int, onEvent: (Event) throws -> Void, onOther: OtherLineHandler? = nil
    ) throws -> Scan {
        try scan(InputCursor(input: input, index: index, options: options), onEvent: onEvent, onOther: onOther)
    }

    /// Scans the bytes of `raw` (raw as stored: gzip or plain) as the input `input`, the same way as a file.
    public func scan(
        _ input: InputSpec, raw: ByteChunkSource, index: Int, onEvent: (Event) throws -> Void,
        onOther: OtherLineHandler? = nil
    ) throws -> Scan {
        try scan(
            InputCursor(input: input, raw: raw, index: index, options: options), onEvent: onEvent, onOther: onOther)
    }

    private func scan(_ cursor: InputCursor, onEvent: (Event) throws -> Void, onOther: OtherLineHandler?) -> Scan {
        scan(cursor, onOther: onOther) { events, _ in
            try events.withUnsafeBufferPointer { buffer in
                for i in buffer.indices { try onEvent(buffer[i]) }
            }
            events.removeAll(keepingCapacity: true)
        }
    }

    /// Reads `cursor` to its end, handing `onBatch` the events of each buffer read (to take, or to empty: what is
    /// left stays for the next batch) with the cursor, for its accounting so far. An error thrown by `onBatch` or
    /// by the reading ends the scan and is kept as its `interruption`.
    func scan(
        _ cursor: InputCursor, onOther: OtherLineHandler? = nil,
        onBatch: (inout [Event], InputCursor) throws -> Void
    ) -> Scan {
        cursor.activate(prefetch: options.prefetch)
        do {
            var events: [Event] = []
            events.reserveCapacity(256)  // a buffer's events: growing an array of events copies all of them
            while !cursor.done {
                try cursor.step(into: &events, onOther: onOther)
                try onBatch(&events, cursor)
            }
        } catch {
            return Scan(accounting: cursor.accounting, failure: cursor.failure, interruption: error)
        }
        return Scan(accounting: cursor.accounting, failure: cursor.failure)
    }
}

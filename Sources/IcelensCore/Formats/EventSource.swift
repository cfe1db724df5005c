/// One input's events, read in steps so that several inputs can be merged by log time. Each input format
/// (line logs today; whole documents and other dialects later) is one `EventSource`, chosen once per input by
/// `InputFormats` from the input's decompressed start. Every source keeps the same accounting: each line (or
/// document) it reads lands in exactly one of recognised, unrecognised, malformed or cut.
public protocol EventSource: AnyObject {
    /// Reads the next part of the input: appends its events to `events` (made in place there: an event is never
    /// copied on its way to the correlator) and calls `onOther` (when given) for each line that became none, with
    /// its verdict and 1-based number. Returns false once the input has ended.
    func step(into events: inout [Event], onOther: OtherLineHandler?) throws -> Bool

    /// The line counts so far (complete once `step` has returned false).
    var counts: LineCounts { get }

    /// Grows the source's buffers for reading at full speed, after a cheap first look at the input.
    func expand()
}

/// Sees a line that became no event: its verdict (`unrecognised` or `malformed`), its bytes (valid only during the
/// call) and its 1-based number.
public typealias OtherLineHandler = (LineVerdict, UnsafeRawBufferPointer, Int) throws -> Void

/// The counts every source keeps: `read == recognised + unrecognised + malformed + cut` always holds.
public struct LineCounts: Sendable, Equatable {
    /// Lines (or documents) read.
    public var read = 0
    /// Of those, the ones that became at least one event.
    public var recognised = 0
    /// Well-formed, or of no known format, naming no event.
    public var unrecognised = 0
    /// Of a known format but broken.
    public var malformed = 0
    /// Longer than the source's limit: counted, never parsed.
    public var cut = 0
    /// Decompressed bytes read.
    public var bytes: Int64 = 0

    /// Empty counts.
    public init() {}
}

/// What a source needs to know about the input it reads and the run it belongs to.
public struct SourceContext: Sendable {
    /// The input's index in the run's list (for `SourceLocation`).
    public var index: Int
    /// The input's name as results show it (a document with no session id of its own is named after its input).
    public var inputName: String = ""
    /// Whether the input is marked server-side (SPEC "Origin of a line").
    public var serverInput: Bool
    /// Reading and classification settings.
    public var options: ScanOptions
    /// The size the source's buffers start at; they grow on demand and on `expand()`.
    public var initialBufferBytes: Int
    /// When set, each `step` reads up to the first line that ends at least this many bytes after the previous
    /// step's end (`firstStepBytes` at most until `expand()`: a cheap first look), however the bytes arrive (file
    /// or pipe, zlib or ISA-L, any read size): merging inputs and closing tours happen between steps, so their
    /// results depend on the input's bytes alone. A source of another format must keep to this too. When nil, a
    /// step is whatever one read gives (the `events` path, which closes no tours, and answers sooner).
    public var stepBytes: Int?
    /// The most a step reads before `expand()` (what `InputCursor.peek` looks at, a step at a time).
    public static let firstStepBytes = 64 * 1024

    /// Makes a context.
    public init(
        index: Int, serverInput: Bool, options: ScanOptions, initialBufferBytes: Int = 64 * 1024,
        stepBytes: Int? = nil
    ) {
        self.index = index
        self.serverInput = serverInput
        self.options = options
        self.initialBufferBytes = initialBufferBytes
        self.stepBytes = stepBytes
    }
}

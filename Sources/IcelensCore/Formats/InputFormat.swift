/// An input format icelens can read: how to recognise it from an input's decompressed start, and how to make the
/// `EventSource` that reads it. Adding a format is one file with a type conforming to this protocol, plus its line
/// in `InputFormats.registered`.
public protocol InputFormat: Sendable {
    /// The format's name in results and messages (`line-log`, `webrtc-internals`, ...).
    static var name: String { get }

    /// Whether an input whose decompressed start is `start` (at most `InputFormats.sniffBytes`, less when the
    /// input is shorter) is of this format.
    static func sniff(_ start: UnsafeRawBufferPointer) -> Bool

    /// A source reading the decompressed bytes of an input of this format.
    static func makeSource(_ bytes: ByteChunkSource, context: SourceContext) -> EventSource
}

/// The registry of input formats, tried in order on each input's decompressed start; the line-log format reads
/// anything, so it comes last.
public enum InputFormats {
    /// Every format, in the order they are tried.
    public static let registered: [any InputFormat.Type] = [
        RTCStatsFormat.self,
        JSONDocumentFormat.self,
        CoturnFormat.self,
        LineLogFormat.self,
    ]

    /// How much of an input's decompressed start the formats see.
    public static let sniffBytes = 64 * 1024

    /// The first registered format that recognises `start`.
    public static func format(forStart start: UnsafeRawBufferPointer) -> any InputFormat.Type {
        for format in registered where format.sniff(start) { return format }
        return LineLogFormat.self
    }
}

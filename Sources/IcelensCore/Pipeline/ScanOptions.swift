/// How an input's lines get their origin when the line itself does not say (SPEC "Origin of a line").
public enum OriginMarking: String, Sendable, CaseIterable {
    /// By path: a folder or file name containing `server` marks the input server-side.
    case auto
    /// Every input is server-side.
    case server
    /// Every input is browser-side.
    case browser
}

/// Settings for reading and classifying inputs: the plain configuration value the CLI builds from its flags.
public struct ScanOptions: Sendable {
    /// Lines longer than this many bytes are cut (counted, not parsed).
    public var maxLineLength: Int = 1 << 20
    /// The field whose value becomes `Event.label` (for `compare --split-by`).
    public var labelField: String?
    /// Free-text rules (user rules ahead of the defaults).
    public var rules: RuleSet = .standard
    /// How inputs are marked server- or browser-side.
    public var originMarking: OriginMarking = .auto
    /// Decompress on a second thread while the first parses (and, for `events`, write on another thread than the
    /// one that parses); off, everything runs on the calling thread (for profiling).
    public var prefetch: Bool = true
    /// Which library decodes gzip inputs (zlib unless asked; ISA-L only where it can be checked, see GzipDecoder).
    public var gzipDecoder: GzipDecoder = .zlib
    /// The largest whole-document input (a webrtc-internals dump, an ICE server configuration) read, in
    /// decompressed bytes; a larger one is counted as cut.
    public var maxDocumentBytes: Int = 512 << 20
    /// Where document sources leave what they learn of each peer connection (a new store for every run that
    /// reads inputs: `TourStream` makes one when this is shared with an earlier run).
    public var details = ConnectionDetailStore()
    /// Where coturn sources leave the TURN sessions they read (`icelens sessions`).
    public var turnSessions = FinishedTurnSessions()

    /// The defaults.
    public init() {}

    /// Whether `input` counts as server-side under this marking.
    public func isServerSide(_ input: InputSpec) -> Bool {
        switch originMarking {
        case .server: return true
        case .browser: return false
        case .auto:
            guard let path = input.path else { return false }
            return path.split(separator: "/").contains { $0.lowercased().contains("server") }
        }
    }
}

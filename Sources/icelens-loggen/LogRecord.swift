/// One line (or, for a stack trace, a few lines) to be written: a compact value that the renderers turn into
/// bytes, so that the corpus can hold the pending lines of hundreds of open tours cheaply.
struct LogRecord {
    /// The timestamp written on the line, by the writer's own (possibly drifting) clock, in epoch ms.
    var timeMs: Int64
    /// Position of the line in its file (samples: when its browser batch was shipped), in epoch ms.
    var orderKey: Int64
    /// Tie-break that makes every ordering total and therefore deterministic.
    var seq: UInt32
    /// The tour id as a number below 36^6, written `t-` plus six base-36 digits.
    var tourCode: UInt32
    /// What the line says.
    var kind: RecordKind
    /// How a browser line is written; server and noise kinds have fixed shapes.
    var format: LineFormat
    /// The file of the samples the line belongs to.
    var file: LogFile
    /// The role of the writer (browser lines) or of the peer a server line is about.
    var role: PeerRole
    /// The number of the writer (browser lines) or of the peer a server line is about.
    var peer: UInt16
    /// The attendee a guide-side or relay line is about; 0 for none.
    var remote: UInt16
    /// The Xirsys instance number (1...9) named by the line, when it names one.
    var instance: UInt8
    /// True for the few lines written with a reworded message.
    var reworded: Bool
    /// A kind-specific number: cache age in s, API duration in ms, a stop number, ...
    var arg: Int32
    /// Per-line randomness (credentials, noise contents), so rendering is a pure function of the record.
    var salt: UInt32

    /// Orders records by their position in a file, then by creation.
    @inline(__always)
    static func fileOrder(_ a: LogRecord, _ b: LogRecord) -> Bool {
        a.orderKey != b.orderKey ? a.orderKey < b.orderKey : a.seq < b.seq
    }
}

/// What a record says: connectivity events of the SPEC, server lines, and noise.
enum RecordKind: UInt8 {
    case fetchAPI, fetchCache, applyServers, configSent, configReceived, fallback
    case stateChecking, stateConnected, stateFailed, stateDisconnected
    case timeout, restart, selected, join, leave, chatter
    case serverAPICall, serverRedisSet, serverRelayed, serverPolled, serverJoin, serverLeave
    case noiseBrowserText, noiseBrowserJSON, noiseBrowserStack
    case noiseHTTP, noiseServerJSON, noiseMetrics, noiseServerStack
    case malformed
}

/// How a browser writes its lines.
enum LineFormat: UInt8 {
    /// Console text: timestamp, `[role] [tour:..] [peer:..]` tags, a component tag, a message.
    case text
    /// A JSON object with the fields at the top level.
    case jsonTop
    /// A JSON object with tour, role and peer nested in `"context":{...}`.
    case jsonContext
    /// logfmt `key=value` pairs.
    case logfmt
}

/// The sample file a record belongs to.
enum LogFile: UInt8 {
    case guides, attendees, server
}

/// The role of a tour participant.
enum PeerRole: UInt8 {
    case guide, attendee
}

/// The shape of a benchmark corpus. Users have both: logs where connectivity events are a few lines among much
/// application noise, and the logs of a browser WebRTC layer or a signaling server, where most lines are events.
enum CorpusProfile: String {
    /// About 10% event lines among long noise lines (~265 bytes a line): the historical benchmark corpus.
    case noise
    /// About 75% event lines, ~180 bytes a line, thousands of tours open at once: app lines, stack traces and
    /// malformed lines make the rest.
    case events

    /// Bytes of log per tour, which sets the tour count from the target size.
    var bytesPerTour: Int {
        switch self {
        case .noise: return 250_000
        case .events: return 14_000
        }
    }

    /// Tours open at any moment (tours are spread over the time range to get this).
    var openTours: Int64 {
        switch self {
        case .noise: return 300
        case .events: return 4_500
        }
    }

    /// Bytes written per step of the noise clock (one noise record plus the event lines due by then), used to pace
    /// the clock so that it reaches the end of the time range as the byte budget runs out.
    var bytesPerNoiseStep: Double {
        switch self {
        case .noise: return 300
        case .events: return 700
        }
    }

    /// Noise record kinds by cumulative weight out of 1,000 (above the last: a malformed line).
    private var noiseMix: [(below: Int, kind: RecordKind)] {
        switch self {
        case .noise: return Self.longNoise
        case .events: return Self.appLines
        }
    }

    /// About 270 bytes a line.
    private static let longNoise: [(below: Int, kind: RecordKind)] = [
        (500, .noiseHTTP), (640, .noiseServerJSON), (700, .noiseMetrics), (820, .noiseBrowserText),
        (991, .noiseBrowserJSON), (995, .noiseBrowserStack), (999, .noiseServerStack),
    ]
    /// The app's own lines around its WebRTC layer: mostly short browser lines.
    private static let appLines: [(below: Int, kind: RecordKind)] = [
        (450, .noiseBrowserText), (700, .noiseBrowserJSON), (800, .noiseHTTP), (900, .noiseServerJSON),
        (930, .noiseBrowserStack), (950, .noiseServerStack),
    ]

    /// A noise line of a kind drawn with this profile's weights.
    func noiseRecord(at t: Int64, seq: UInt32, rng: inout Xoshiro256) -> LogRecord {
        let r = Int(rng.below(1000))
        let kind = noiseMix.first { r < $0.below }?.kind ?? .malformed
        return LogRecord(
            timeMs: t, orderKey: t, seq: seq, tourCode: 0, kind: kind, format: .text, file: .server, role: .guide,
            peer: 0, remote: 0, instance: 0, reworded: false, arg: 0, salt: rng.salt())
    }
}

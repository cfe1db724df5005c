/// A duration as users type it on the command line (`30s`, `30`, `1500ms`, `2.5s`, `15m`, `1h`, `2d`; a bare
/// number is seconds), parsed once into milliseconds.
public struct TimeSpan: Sendable, Equatable, CustomStringConvertible {
    /// The duration in milliseconds (never negative).
    public var ms: Int64

    /// A span of `ms` milliseconds.
    public init(ms: Int64) {
        self.ms = ms
    }

    /// Parses `text`; nil when it is not a non-negative duration.
    public init?(_ text: String) {
        let t = text.lowercased()
        var number = Substring(t)
        var scale = 1000.0
        let units = [("ms", 1.0), ("s", 1000.0), ("m", 60_000.0), ("h", 3_600_000.0), ("d", 86_400_000.0)]
        for (suffix, s) in units where t.hasSuffix(suffix) {
            number = t.dropLast(suffix.count)
            scale = s
            break
        }
        guard let value = Double(number), value.isFinite, value >= 0, value * scale < 1e15 else { return nil }
        ms = Int64((value * scale).rounded())
    }

    /// The span in the shortest exact words: "30s", "1500ms", "3h", "90m", "7d".
    public var description: String {
        if ms % 86_400_000 == 0, ms > 0 { return "\(ms / 86_400_000)d" }
        if ms % 3_600_000 == 0, ms > 0 { return "\(ms / 3_600_000)h" }
        if ms % 60_000 == 0, ms > 0 { return "\(ms / 60_000)m" }
        if ms % 1000 == 0 { return "\(ms / 1000)s" }
        return "\(ms)ms"
    }
}

/// A point in log time as users type it (`--cutoff`): ISO 8601 with `Z` or an offset, or epoch seconds or
/// milliseconds, parsed once into milliseconds since the epoch.
public struct LogTime: Sendable, Equatable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch (UTC).
    public var ms: Int64

    /// A time of `ms` milliseconds since the epoch.
    public init(ms: Int64) {
        self.ms = ms
    }

    /// Parses `text` the way log timestamps are parsed; nil when it is not a time.
    public init?(_ text: String) {
        guard let ms = Array(text.utf8).withUnsafeBytes({ Timestamp.parse($0) }) else { return nil }
        self.ms = ms
    }

    /// ISO 8601 in UTC with milliseconds.
    public var description: String { UTCTimestamp.format(ms: ms) }
}

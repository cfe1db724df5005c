/// Line accounting for one input: every line read lands in exactly one of recognised, unrecognised, malformed
/// or cut, so `read == recognised + unrecognised + malformed + cut` always holds.
public struct InputAccounting: Sendable, Equatable, Codable, Hashable {
    /// The input as the user named it (a path, or `-` for standard input).
    public var input: String
    /// Lines read.
    public var read: Int = 0
    /// Lines that became an event.
    public var recognised: Int = 0
    /// Well-formed lines, or lines of no known format, that named no event.
    public var unrecognised: Int = 0
    /// Lines of a known format that could not be parsed (broken JSON, bad timestamp on an event line).
    public var malformed: Int = 0
    /// Lines longer than the maximum line length, counted and skipped.
    public var cut: Int = 0
    /// Uncompressed bytes read.
    public var bytes: Int64 = 0
    /// Whether the input was gzip (by its magic bytes).
    public var gzip: Bool = false
    /// Damage, when the input was truncated or corrupt (every line before it was kept).
    public var damage: Damage?

    public init(input: String) {
        self.input = input
    }

    /// True when every line is in exactly one bucket.
    public var isBalanced: Bool { read == recognised + unrecognised + malformed + cut }

    /// Adds another input's counts (used for totals).
    public mutating func add(_ other: InputAccounting) {
        read += other.read
        recognised += other.recognised
        unrecognised += other.unrecognised
        malformed += other.malformed
        cut += other.cut
        bytes += other.bytes
    }
}

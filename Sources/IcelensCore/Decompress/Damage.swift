/// Damage found in an input while decoding it: where reading stopped, and why. Data, never a thrown error: every
/// line before it is kept and the run goes on.
public struct Damage: Sendable, Equatable, Codable, Hashable {
    /// Offset in the input's raw (compressed) bytes where the damage was detected.
    public var byteOffset: Int64
    /// What was wrong, in words ("truncated gzip stream", "corrupt deflate data: invalid distance").
    public var reason: String

    public init(byteOffset: Int64, reason: String) {
        self.byteOffset = byteOffset
        self.reason = reason
    }
}

/// An input that could not be read at all (vanished or unreadable after it was located).
public struct InputFailure: Sendable, Equatable, Codable {
    /// The input as named.
    public var input: String
    /// Why, in words.
    public var reason: String
}

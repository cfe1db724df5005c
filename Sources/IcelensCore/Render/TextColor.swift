/// The few ANSI colours the text renderers use: for verdicts and flags only.
enum TextColor: Sendable {
    /// Met, and nothing wrong.
    case green
    /// Not met, a failure, a mismatch or a timeout.
    case red
    /// No data, or a softer flag (slow, fallback).
    case yellow

    /// The SGR escape that turns the colour on.
    var escape: String {
        switch self {
        case .green: return "\u{1B}[32m"
        case .red: return "\u{1B}[31m"
        case .yellow: return "\u{1B}[33m"
        }
    }

    /// The SGR escape that turns colours off.
    static let reset = "\u{1B}[0m"
}

/// Whether JSON output is indented or on one line.
public enum JSONStyle: Sendable, Equatable {
    /// Two-space indentation, one key a line.
    case pretty
    /// One line, no spaces.
    case compact
}

/// A `--split-by FIELD=VALUE` value: tours whose FIELD is VALUE or above (version order) are after.
public struct FieldSplit: Sendable, Equatable, CustomStringConvertible {
    /// The field's name, as in the logs (matched case-insensitively).
    public var field: String
    /// The first value that is after.
    public var value: String

    /// Makes a split.
    public init(field: String, value: String) {
        self.field = field
        self.value = value
    }

    /// Parses `FIELD=VALUE`; nil when either side is empty.
    public init?(_ text: String) {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        field = parts[0]
        value = parts[1]
    }

    public var description: String { "\(field)=\(value)" }
}

/// One input of a run: a file path, or standard input.
public struct InputSpec: Sendable, Hashable {
    /// The path to open, or nil for standard input.
    public var path: String?
    /// The input as the user would recognise it: the path as typed (or as found under a typed directory),
    /// `-` for standard input.
    public var displayName: String

    /// Creates an input; `path` nil means standard input.
    public init(path: String?, displayName: String) {
        self.path = path
        self.displayName = displayName
    }

    /// Standard input, displayed as `-`.
    public static let standardInput = InputSpec(path: nil, displayName: "-")

    /// A file input whose display name is its path.
    public static func file(_ path: String) -> InputSpec {
        InputSpec(path: path, displayName: path)
    }

    /// True when this input is standard input.
    public var isStandardInput: Bool { path == nil }
}

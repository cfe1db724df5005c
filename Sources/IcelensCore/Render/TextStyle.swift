/// How text output looks: whether it is coloured with ANSI escapes, how wide it may be, and how many findings
/// it lists before pointing to `--format json`.
public struct TextStyle: Sendable, Equatable {
    /// The narrowest layout the renderers make; a smaller `width` is treated as this.
    public static let minimumWidth = 40

    /// Colour verdicts and flags with ANSI escapes (only for a terminal that wants them).
    public var color: Bool
    /// The most columns a line may take (at least `minimumWidth`).
    public var width: Int
    /// The most flagged connections the report lists; the rest are counted.
    public var findingsLimit: Int

    /// Makes a style: no colour and 80 columns by default.
    public init(color: Bool = false, width: Int = 80, findingsLimit: Int = 50) {
        self.color = color
        self.width = width
        self.findingsLimit = findingsLimit
    }

    /// The width lines are laid out to.
    var lineWidth: Int { max(width, Self.minimumWidth) }

    /// `text` in `color` when colouring is on, else `text` unchanged. Apply after layout: escapes take no columns.
    func paint(_ text: String, _ color: TextColor?) -> String {
        guard self.color, let color, !text.isEmpty else { return text }
        return color.escape + text + TextColor.reset
    }
}

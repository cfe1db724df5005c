/// A table of text cells laid out to a width: each column as wide as its widest cell, id columns shrunk (values
/// shortened with an ellipsis) when the table is too wide, and when even that does not fit, one block per row.
struct TextTable {
    /// One column: its header, its alignment, and how far it may shrink (nil: never, for numbers).
    struct Column {
        /// The header text.
        var header: String
        /// Right-aligned (numbers) or left-aligned (ids, words).
        var alignRight: Bool
        /// The fewest columns it may shrink to; nil when it keeps its width.
        var minColumns: Int?
        /// Shortened values keep their start (host names: `fr-turn8.xi…` still names the instance) rather than
        /// both ends (ids).
        var keepsStart: Bool

        /// Makes a column.
        init(_ header: String, right: Bool = true, shrinkTo minColumns: Int? = nil, keepsStart: Bool = false) {
            self.header = header
            self.alignRight = right
            self.minColumns = minColumns
            self.keepsStart = keepsStart
        }
    }

    /// One cell: safe, uncoloured text and the colour to paint it in.
    struct Cell {
        /// The text (already made safe with `UntrustedText.forTerminal` when it came from logs).
        var text: String
        /// The colour, when colouring is on.
        var color: TextColor?

        /// Makes a cell.
        init(_ text: String, _ color: TextColor? = nil) {
            self.text = text
            self.color = color
        }
    }

    /// The columns, left to right.
    var columns: [Column]
    /// The rows; a row with fewer cells than columns is padded with empty cells.
    var rows: [[Cell]] = []
    /// Print the header row.
    var showsHeader = true
    /// A line printed above the blocks when the table does not fit and is shown one block per row (when the
    /// first column's header carries meaning, as a period name does).
    var stackedCaption: String?

    /// Makes a table with no rows.
    init(_ columns: [Column]) {
        self.columns = columns
    }

    /// Adds a row.
    mutating func add(_ row: [Cell]) {
        rows.append(row)
    }

    /// The table as lines of at most `width` columns, each starting with `indent` spaces.
    func lines(width: Int, indent: Int = 2, gap: Int = 2, style: TextStyle) -> [String] {
        guard !columns.isEmpty else { return [] }
        var widths = columns.map { showsHeader ? TextLayout.columns($0.header) : 0 }
        for row in rows {
            for (i, cell) in row.prefix(columns.count).enumerated() {
                widths[i] = max(widths[i], TextLayout.columns(cell.text))
            }
        }
        var excess = indent + widths.reduce(0, +) + gap * (columns.count - 1) - width
        while excess > 0 {
            var widest: Int?
            for (i, column) in columns.enumerated() {
                guard let floor = column.minColumns, widths[i] > floor else { continue }
                if widest.map({ widths[i] > widths[$0] }) ?? true { widest = i }
            }
            guard let i = widest else { return stacked(width: width, indent: indent) }
            widths[i] -= 1
            excess -= 1
        }
        var out: [String] = []
        if showsHeader {
            out.append(line(columns.map { Cell($0.header) }, widths: widths, indent: indent, gap: gap, style: style))
        }
        for row in rows { out.append(line(row, widths: widths, indent: indent, gap: gap, style: style)) }
        return out
    }

    private func line(_ row: [Cell], widths: [Int], indent: Int, gap: Int, style: TextStyle) -> String {
        var text = String(repeating: " ", count: indent)
        var pending = 0  // spaces owed before the next non-empty cell, so no line ends in spaces
        for (i, column) in columns.enumerated() {
            let cell = i < row.count ? row[i] : Cell("")
            let short =
                column.keepsStart
                ? TextLayout.shortenEnd(cell.text, to: widths[i]) : TextLayout.shorten(cell.text, to: widths[i])
            let padding = widths[i] - TextLayout.columns(short)
            let before = column.alignRight ? padding : 0
            let after = column.alignRight ? 0 : padding
            if !short.isEmpty {
                text += String(repeating: " ", count: pending + before) + style.paint(short, cell.color)
                pending = after
            } else {
                pending += widths[i]
            }
            if i < columns.count - 1 { pending += gap }
        }
        return text
    }

    /// Each row as a block: its first cell, then "header value" pairs wrapped below it.
    private func stacked(width: Int, indent: Int) -> [String] {
        let margin = String(repeating: " ", count: indent)
        var out: [String] = []
        if let caption = stackedCaption {
            out.append(margin + TextLayout.shorten(caption, to: width - indent))
        }
        for row in rows {
            let title = row.first?.text ?? ""
            out.append(margin + TextLayout.shorten(title, to: width - indent))
            var pairs: [String] = []
            for (i, cell) in row.enumerated().dropFirst() where i < columns.count && !cell.text.isEmpty {
                pairs.append(columns[i].header + " " + cell.text + ";")
            }
            if !pairs.isEmpty {
                var words = pairs.joined(separator: " ")
                words.removeLast()
                out += TextLayout.wrap(words, width: width, first: margin + "  ", rest: margin + "  ")
            }
        }
        return out
    }
}

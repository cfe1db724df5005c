/// Terminal layout for plain text: display columns of a string, shortening with an ellipsis, padding and word
/// wrapping. Works on text that is already safe (`UntrustedText.forTerminal`) and not yet coloured.
enum TextLayout {
    /// The ellipsis that marks a shortened value.
    static let ellipsis: Character = "\u{2026}"

    /// The columns a terminal gives `text`: 2 for wide (East Asian, emoji) characters, 1 for the others.
    static func columns(_ text: String) -> Int {
        var total = 0
        for character in text { total += columns(character) }
        return total
    }

    /// The columns of one character (grapheme cluster).
    static func columns(_ character: Character) -> Int {
        for scalar in character.unicodeScalars where isWide(scalar.value) { return 2 }
        return 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
            0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` when it fits in `maxColumns`, else its start and end around an ellipsis ("t-8f3k…9a2b"), so that
    /// ids that differ only at the end stay apart. `maxColumns` below 1 gives "".
    static func shortenEnd(_ text: String, to maxColumns: Int) -> String {
        guard maxColumns > 0 else { return "" }
        guard columns(text) > maxColumns else { return text }
        var head = ""
        var used = 0
        for character in text {
            let width = columns(character)
            if used + width > maxColumns - 1 { break }
            head.append(character)
            used += width
        }
        return head + String(ellipsis)
    }

    /// `text` cut to `maxColumns` by an ellipsis in its middle (both ends of an id tell ids apart).
    static func shorten(_ text: String, to maxColumns: Int) -> String {
        guard maxColumns > 0 else { return "" }
        guard columns(text) > maxColumns else { return text }
        guard maxColumns > 1 else { return String(ellipsis) }
        let budget = maxColumns - 1
        let headBudget = (budget + 1) / 2
        var head = ""
        var used = 0
        for character in text {
            let width = columns(character)
            if used + width > headBudget { break }
            head.append(character)
            used += width
        }
        var tail: [Character] = []
        var tailUsed = 0
        for character in text.reversed() {
            let width = columns(character)
            if used + tailUsed + width > budget { break }
            tail.append(character)
            tailUsed += width
        }
        return head + String(ellipsis) + String(tail.reversed())
    }

    /// `text` padded with spaces to `width` columns, on the right (left-aligned) or on the left.
    static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let missing = width - columns(text)
        guard missing > 0 else { return text }
        let spaces = String(repeating: " ", count: missing)
        return right ? spaces + text : text + spaces
    }

    /// `text` wrapped into lines of at most `width` columns at spaces, never cutting a word: a word longer than a
    /// line is shortened with an ellipsis instead. The first line is prefixed with `first`, the others with
    /// `rest`; both count toward the width. Always returns at least one line.
    static func wrap(_ text: String, width: Int, first: String = "", rest: String = "") -> [String] {
        var lines: [String] = []
        var line = first
        var lineColumns = columns(first)
        var empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let wordColumns = columns(String(word))
            if !empty {
                if lineColumns + 1 + wordColumns <= width {
                    line += " " + word
                    lineColumns += 1 + wordColumns
                    continue
                }
                lines.append(line)
                line = rest
                lineColumns = columns(rest)
            }
            let piece = shorten(String(word), to: max(1, width - lineColumns))
            line += piece
            lineColumns += columns(piece)
            empty = false
        }
        lines.append(line)
        return lines
    }

    /// Label-value-note rows as an aligned block: labels left, values right-aligned after them, and each note
    /// wrapped in the room left (or on the lines below when there is too little).
    static func facts(_ rows: [(label: String, value: String, note: String)], width: Int, indent: Int = 2)
        -> [String]
    {
        let labelColumns = rows.map { columns($0.label) }.max() ?? 0
        let valueColumns = rows.map { columns($0.value) }.max() ?? 0
        let margin = String(repeating: " ", count: indent)
        let noteColumn = indent + labelColumns + 2 + valueColumns + 2
        let notesBelow = width - noteColumn < 24
        var out: [String] = []
        for row in rows {
            let label = shorten(row.label, to: max(1, width - indent - valueColumns - 2))
            var line = margin + pad(label, to: labelColumns) + "  " + pad(row.value, to: valueColumns, right: true)
            if row.note.isEmpty {
                out.append(line)
            } else if notesBelow {
                out.append(line)
                let below = margin + "    "
                out += wrap(row.note, width: width, first: below, rest: below)
            } else {
                line += "  "
                out += wrap(row.note, width: width, first: line, rest: String(repeating: " ", count: noteColumn))
            }
        }
        return out
    }
}

/// Makes text from logs (browser-controlled) safe for where it is shown: terminals, HTML and spreadsheets.
public enum UntrustedText {
    /// Replaces control characters (C0, DEL, C1, including ESC of ANSI sequences), bidi controls and invisible
    /// characters with `?`, so a log line cannot move the cursor, recolour or rewrite a terminal, or hide itself.
    public static func forTerminal(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || isBidiControl(v) || isInvisible(v) {
                out.append("?")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// True for the bidi controls that reorder displayed text: embeddings and overrides (U+202A-U+202E),
    /// isolates (U+2066-U+2069), the marks LRM/RLM (U+200E, U+200F) and ALM (U+061C).
    @inline(__always)
    public static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// True for characters a terminal shows as nothing or as a line break: U+2028/U+2029, zero-width spaces and
    /// joiners (U+200B-U+200D, U+2060), the byte order mark U+FEFF, the soft hyphen U+00AD and tag characters
    /// (U+E0000-U+E007F). Two ids that look the same must not be two ids.
    @inline(__always)
    public static func isInvisible(_ v: UInt32) -> Bool {
        v == 0x2028 || v == 0x2029 || (0x200B...0x200D).contains(v) || v == 0x2060 || v == 0xFEFF || v == 0xAD
            || (0xE0000...0xE007F).contains(v)
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` for HTML text and attribute values.
    public static func forHTML(_ s: String) -> String {
        var out = ""
        for ch in forTerminal(s) {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Makes text from logs inert in Markdown (GitHub-flavoured) prose or a table cell: control, bidi and
    /// invisible characters as for a terminal, `&` `<` `>` as HTML entities (no raw HTML, no entity tricks), the
    /// characters that make emphasis, code, links, images, strikethrough or cell breaks (`\` `` ` `` `*` `_` `[`
    /// `]` `|` `~`) backslash-escaped, and what GitHub autolinks (the slashes of `://`, `@`, the dot of `www.`), so no
    /// URL or address from a log is made a link.
    public static func forMarkdown(_ s: String) -> String {
        var out = ""
        var slashesToEscape = 0
        var last3: [Character] = []  // the last three characters read, for "www." (no rescan of `out`)
        for ch in forTerminal(s) {
            defer {
                last3.append(ch)
                if last3.count > 3 { last3.removeFirst() }
            }
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "|", "~":
                out += "\\"
                out.append(ch)
            case "/" where slashesToEscape > 0:
                out += "\\/"
            case "@":
                // GitHub autolinks an e-mail address (mailto:) even with the @ escaped; a code span between the
                // halves stops it.
                out += "`@`"
            case "." where String(last3).lowercased() == "www":
                // Nor is www.host once its first dot is escaped.
                out += "\\."
            default: out.append(ch)
            }
            slashesToEscape = ch == ":" ? 2 : (ch == "/" ? slashesToEscape - 1 : 0)
        }
        return out
    }

    /// An identifier from logs (a tour, a host, a path) for Markdown: a code span when it holds only plain
    /// characters (shown as typed), else the escaped text of `forMarkdown` (a code span would show `<`, `&` and
    /// backticks raw to any reader of the source, and some renderers mishandle them).
    public static func forMarkdownCode(_ s: String) -> String {
        let plain =
            !s.isEmpty
            && s.unicodeScalars.allSatisfy { v in
                v.value > 0x20 && v.value < 0x7F && !"<>&`|\\".unicodeScalars.contains(v)
            }
        return plain ? "`" + s + "`" : forMarkdown(s)
    }

    /// Quotes a CSV field, prefixing `'` to a value a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR, also after leading spaces).
    public static func forCSV(_ s: String) -> String {
        var v = s
        // The first character that is not a space decides (some spreadsheets skip leading spaces).
        if let f = v.unicodeScalars.first(where: { $0 != " " }), "=+-@\t\r".unicodeScalars.contains(f) { v = "'" + v }
        v = forTerminal(v)
        if v.contains(",") || v.contains("\"") {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}

extension String {
    fileprivate func replacingOccurrences(of a: String, with b: String) -> String {
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: a) {
            out += rest[..<r.lowerBound]
            out += b
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}

extension Substring {
    fileprivate func range(of needle: String) -> Range<Substring.Index>? {
        guard !needle.isEmpty else { return nil }
        var i = startIndex
        while i < endIndex {
            if self[i...].hasPrefix(needle) { return i..<index(i, offsetBy: needle.count) }
            i = index(after: i)
        }
        return nil
    }
}

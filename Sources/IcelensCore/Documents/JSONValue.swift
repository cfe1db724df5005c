/// A parsed JSON value: what whole-document inputs (webrtc-internals dumps, rtcstats records, ICE server
/// configurations) are read into. Line logs never come here: their fields are read in place (`JSONFieldScanner`).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member `key` of an object (nil for other values or a missing key).
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The element `index` of an array (nil out of range or for other values).
    public subscript(index: Int) -> JSONValue? {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return nil
    }

    /// The string, when the value is one.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The number, when the value is one (or a string holding one: dumps write numbers both ways).
    public var number: Double? {
        switch self {
        case .number(let n): return n
        case .string(let s): return Double(s.trimmingBlanks)
        default: return nil
        }
    }

    /// The items, when the value is an array.
    public var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The members, when the value is an object.
    public var object: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// Whether the value is `null`.
    public var isNull: Bool { self == .null }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line ends.
    var trimmingBlanks: Substring {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeLast() }
        return s
    }
}

extension JSONValue {
    /// The value as compact JSON text (keys sorted): a pretty-printed record (`jq .`) made one line again, so the
    /// line classifier can read it.
    public var compactText: String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            out += n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : (n.isFinite ? String(n) : "null")
        case .string(let s): out += JSONText.quoted(s)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                out += JSONText.quoted(key)
                out += ":"
                members[key]!.write(to: &out)
            }
            out += "}"
        }
    }
}

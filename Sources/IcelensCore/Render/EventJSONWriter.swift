/// Writes normalized events as NDJSON, one object a line, keys in a fixed order (`ts`, `tour`, `role`, `peer`,
/// `remote`, `event`, `origin`, then the event's own fields, then `source`), for jq, ClickHouse or DuckDB.
/// Strings are escaped per RFC 8259; events hold no credentials, so none can be written.
public struct EventJSONWriter {
    /// Display names of the run's inputs, by input index (for `source`).
    public var inputNames: [String]

    /// Makes a writer.
    public init(inputNames: [String]) {
        self.inputNames = inputNames
    }

    /// The JSON line for `event`, without the newline.
    public func line(for event: Event) -> String {
        var o = JSONObjectText()
        if let t = event.timeMs { o.string("ts", Timestamp.format(t)) } else { o.null("ts") }
        o.optional("tour", event.tour)
        o.optional("role", event.role?.rawValue)
        o.optional("peer", event.peer)
        o.optional("remote", event.remote)
        o.string("event", event.kind.rawValue)
        o.string("origin", event.origin.rawValue)
        o.optional("state", event.state?.rawValue)
        o.optional("cache", event.cache?.rawValue)
        if !event.servers.isEmpty { o.strings("servers", event.servers) }
        o.optional("instance", event.instance)
        o.optional("candidateType", event.candidateType?.rawValue)
        o.optional("url", event.url)
        o.optional("from", event.from)
        o.optional("to", event.to)
        o.optional("label", event.label)
        let name = event.source.input < inputNames.count ? inputNames[event.source.input] : "?"
        o.string("source", "\(name):\(event.source.line)")
        return o.finish()
    }
}

/// Builds one compact JSON object as text, escaping every string.
public struct JSONObjectText {
    private var text = "{"
    private var first = true

    /// Starts an empty object.
    public init() {}

    private mutating func key(_ k: String) {
        if !first { text += "," }
        first = false
        JSONObjectText.appendQuoted(k, to: &text)
        text += ":"
    }

    /// Adds a string member.
    public mutating func string(_ k: String, _ v: String) {
        key(k)
        JSONObjectText.appendQuoted(v, to: &text)
    }

    /// Adds a string member when `v` is not nil.
    public mutating func optional(_ k: String, _ v: String?) {
        if let v { string(k, v) }
    }

    /// Adds a null member.
    public mutating func null(_ k: String) {
        key(k)
        text += "null"
    }

    /// Adds an array of strings.
    public mutating func strings(_ k: String, _ vs: [String]) {
        key(k)
        text += "["
        for (i, v) in vs.enumerated() {
            if i > 0 { text += "," }
            JSONObjectText.appendQuoted(v, to: &text)
        }
        text += "]"
    }

    /// The finished object.
    public mutating func finish() -> String {
        text += "}"
        return text
    }

    /// Appends `s` as a JSON string literal: quotes, backslashes, control characters and U+2028/2029 escaped.
    public static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

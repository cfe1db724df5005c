/// Writes normalized events as NDJSON, one object a line, keys in a fixed order (`ts`, `tour`, `role`, `peer`,
/// `remote`, `event`, `origin`, then the event's own fields, then `source`), for jq, ClickHouse or DuckDB.
/// Strings are escaped per RFC 8259 (`JSONEscaper`); events hold no credentials, so none can be written.
///
/// The hot path of `icelens events`: each event reserves its worst case once in a `ByteBuffer`, then every byte is
/// stored without a check; input names are escaped once per run and the date part of `ts` once per day.
public struct EventJSONWriter {
    /// Display names of the run's inputs, by input index (for `source`).
    public var inputNames: [String]
    /// The same, JSON-escaped once (not once per event).
    private let escapedNames: [[UInt8]]
    /// The last day written, for its "YYYY-MM-DDT" prefix.
    private let dates = UTCTimestamp.DayCache()

    /// Makes a writer.
    /// The key the label is written under: the field it was read from (`events --keep-field appVersion` writes
    /// `"appVersion":"2.4.1"`, which `compare --split-by appVersion=...` reads back), else `label`.
    private let labelKey: String?

    public init(inputNames: [String], labelKey: String? = nil) {
        self.labelKey = labelKey
        self.inputNames = inputNames
        self.escapedNames = inputNames.map { name in
            var bytes: [UInt8] = []
            JSONEscaper.append(name, to: &bytes)
            return bytes
        }
    }

    /// The JSON line for `event`, without the newline.
    public func line(for event: Event) -> String {
        let buffer = ByteBuffer(capacity: 256)
        append(event, to: buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// Appends the JSON line for `event` (without the newline) to `out`.
    func append(_ event: Event, to out: ByteBuffer) {
        // Fixed text, keys, words and numbers fit in 400 bytes; a string escapes to at most 6 bytes a byte.
        @inline(__always) func size(_ s: String?) -> Int { s?.utf8.count ?? 0 }
        var variable =
            size(event.tour) + size(event.peer) + size(event.remote) + size(event.instance) + size(event.url)
            + size(event.from) + size(event.to) + size(event.label)
        for s in event.servers { variable += s.utf8.count + 3 }
        let name = event.source.input < escapedNames.count ? escapedNames[event.source.input].count : 1
        out.reserve(400 + 6 * variable + name)

        var o = JSONMembers(out: out)
        out.put(0x7B)
        if let t = event.timeMs {
            o.key("ts")
            out.put(0x22)
            UTCTimestamp.put(ms: t, to: out, cache: dates)
            out.put(0x22)
        } else {
            o.key("ts")
            out.put("null")
        }
        o.optional("tour", event.tour)
        if let role = event.role { o.word("role", role.rawValue) }
        o.optional("peer", event.peer)
        o.optional("remote", event.remote)
        o.word("event", event.kind.rawValue)
        o.word("origin", event.origin.rawValue)
        if let state = event.state { o.word("state", state.rawValue) }
        if let cache = event.cache { o.word("cache", cache.rawValue) }
        if !event.servers.isEmpty {
            o.key("servers")
            out.put(0x5B)
            for (i, v) in event.servers.enumerated() {
                if i > 0 { out.put(0x2C) }
                o.quoted(v)
            }
            out.put(0x5D)
        }
        o.optional("instance", event.instance)
        if let type = event.candidateType { o.word("candidateType", type.rawValue) }
        o.optional("url", event.url)
        o.optional("from", event.from)
        o.optional("to", event.to)
        if let label = event.label {
            if let labelKey {
                o.key(labelKey)
                o.quoted(label)
            } else {
                o.optional("label", label)
            }
        }
        o.key("source")
        out.put(0x22)
        if event.source.input < escapedNames.count {
            escapedNames[event.source.input].withUnsafeBytes { out.put($0.baseAddress!, $0.count) }
        } else {
            out.put(0x3F)
        }
        out.put(0x3A)
        out.putDecimal(event.source.line)
        out.put(0x22)
        out.put(0x7D)
    }
}

/// The members of one compact JSON object, written into room already reserved in a `ByteBuffer`.
private struct JSONMembers {
    let out: ByteBuffer
    private var first = true

    init(out: ByteBuffer) {
        self.out = out
    }

    /// A key from a flag (escaped).
    mutating func key(_ k: String) {
        if !first { out.put(0x2C) }
        first = false
        quoted(k)
        out.put(0x3A)
    }

    @inline(__always) mutating func key(_ k: StaticString) {
        if !first { out.put(0x2C) }
        first = false
        out.put(0x22)
        out.put(k)
        out.put(0x22)
        out.put(0x3A)
    }

    @inline(__always) mutating func optional(_ k: StaticString, _ v: String?) {
        guard let v else { return }
        key(k)
        quoted(v)
    }

    /// A member whose value is one of our own words (an enum's raw value: ASCII, nothing to escape).
    @inline(__always) mutating func word(_ k: StaticString, _ v: String) {
        key(k)
        out.put(0x22)
        var t = v
        t.withUTF8 { out.put($0.baseAddress!, $0.count) }
        out.put(0x22)
    }

    @inline(__always) func quoted(_ v: String) {
        out.put(0x22)
        JSONEscaper.put(v, to: out)
        out.put(0x22)
    }
}

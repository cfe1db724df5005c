/// Writes normalized events as NDJSON, one object a line, keys in a fixed order (`ts`, `tour`, `role`, `peer`,
/// `remote`, `event`, `origin`, then the event's own fields, then `source`), for jq, ClickHouse or DuckDB.
/// Strings are escaped per RFC 8259; events hold no credentials, so none can be written.
public struct EventJSONWriter {
    /// Display names of the run's inputs, by input index (for `source`).
    public var inputNames: [String]
    /// The same, JSON-escaped once (not once per event).
    private let escapedNames: [[UInt8]]

    /// Makes a writer.
    public init(inputNames: [String]) {
        self.inputNames = inputNames
        self.escapedNames = inputNames.map { name in
            var bytes: [UInt8] = []
            JSONEscaper.append(name, to: &bytes)
            return bytes
        }
    }

    /// The JSON line for `event`, without the newline.
    public func line(for event: Event) -> String {
        var bytes: [UInt8] = []
        append(event, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the JSON line for `event` (without the newline) to `out`, byte by byte: no intermediate Strings.
    public func append(_ event: Event, to out: inout [UInt8]) {
        var o = JSONBytes(out: out)
        out = []
        o.open()
        if let t = event.timeMs {
            o.key("ts")
            o.out.append(0x22)
            UTCTimestamp.append(ms: t, to: &o.out)
            o.out.append(0x22)
        } else {
            o.null("ts")
        }
        o.optional("tour", event.tour)
        if let role = event.role { o.word("role", role.rawValue) }
        o.optional("peer", event.peer)
        o.optional("remote", event.remote)
        o.word("event", event.kind.rawValue)
        o.word("origin", event.origin.rawValue)
        if let state = event.state { o.word("state", state.rawValue) }
        if let cache = event.cache { o.word("cache", cache.rawValue) }
        if !event.servers.isEmpty { o.strings("servers", event.servers) }
        o.optional("instance", event.instance)
        if let type = event.candidateType { o.word("candidateType", type.rawValue) }
        o.optional("url", event.url)
        o.optional("from", event.from)
        o.optional("to", event.to)
        o.optional("label", event.label)
        o.key("source")
        o.out.append(0x22)
        if event.source.input < escapedNames.count {
            o.out.append(contentsOf: escapedNames[event.source.input])
        } else {
            o.out.append(0x3F)
        }
        o.out.append(0x3A)
        o.integer(event.source.line)
        o.out.append(0x22)
        o.out.append(0x7D)
        out = o.out
    }
}

/// Appends one compact JSON object to a byte array, escaping strings per RFC 8259 with a fast path for the
/// common case of plain ASCII.
struct JSONBytes {
    var out: [UInt8]
    private var first = true

    init(out: [UInt8]) {
        self.out = out
    }

    mutating func open() {
        out.append(0x7B)
        first = true
    }

    mutating func key(_ k: StaticString) {
        if !first { out.append(0x2C) }
        first = false
        out.append(0x22)
        out.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        out.append(0x22)
        out.append(0x3A)
    }

    mutating func string(_ k: StaticString, _ v: String) {
        key(k)
        quoted(v)
    }

    mutating func optional(_ k: StaticString, _ v: String?) {
        if let v { string(k, v) }
    }

    /// A member whose value is one of our own words (an enum's raw value: ASCII, nothing to escape).
    mutating func word(_ k: StaticString, _ v: String) {
        key(k)
        out.append(0x22)
        var t = v
        t.withUTF8 { out.append(contentsOf: $0) }
        out.append(0x22)
    }

    /// The decimal digits of a non-negative integer.
    mutating func integer(_ n: Int) {
        if n < 10 {
            out.append(0x30 &+ UInt8(truncatingIfNeeded: max(n, 0)))
            return
        }
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8
            ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = n.magnitude
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 {
                buffer[count] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buffer[i]) }
        }
    }

    mutating func null(_ k: StaticString) {
        key(k)
        out.append(contentsOf: "null".utf8)
    }

    mutating func strings(_ k: StaticString, _ vs: [String]) {
        key(k)
        out.append(0x5B)
        for (i, v) in vs.enumerated() {
            if i > 0 { out.append(0x2C) }
            quoted(v)
        }
        out.append(0x5D)
    }

    mutating func quoted(_ v: String) {
        out.append(0x22)
        escaped(v)
        out.append(0x22)
    }

    /// Appends the escaped body of a JSON string.
    mutating func escaped(_ v: String) {
        JSONEscaper.append(v, to: &out)
    }
}

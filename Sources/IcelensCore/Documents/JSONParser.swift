/// Parses one JSON text from bytes into a `JSONValue`: RFC 8259, strict (no comments, no trailing commas), with a
/// nesting limit so that a hostile document cannot exhaust the stack. Used for whole documents and for rtcstats
/// records; one pass over the bytes, Strings made only for keys and string values.
public struct JSONParser {
    /// Why a text is not one JSON value.
    public struct Failure: Error, Equatable, Sendable {
        /// Byte offset where parsing stopped.
        public var offset: Int
        /// What was wrong there.
        public var reason: String
    }

    /// The deepest nesting of arrays and objects accepted.
    public static let maxDepth = 512

    private let bytes: UnsafeRawBufferPointer
    private var at = 0
    private var depth = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Parses `bytes` as exactly one JSON value (blanks and a UTF-8 byte order mark around it allowed).
    public static func parse(_ bytes: UnsafeRawBufferPointer) throws -> JSONValue {
        var p = JSONParser(bytes)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { p.at = 3 }
        p.skipBlanks()
        let value = try p.value()
        p.skipBlanks()
        guard p.at == bytes.count else { throw p.failure("text after the value") }
        return value
    }

    /// Parses `bytes` as a sequence of JSON values separated by blanks (documents concatenated into one stream:
    /// `cat a.json b.json`): each value, or the failure that stopped the sequence (nothing after it is read).
    public static func parseSequence(_ bytes: UnsafeRawBufferPointer)
        -> (values: [(value: JSONValue, range: Range<Int>)], failure: Failure?)
    {
        var p = JSONParser(bytes)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { p.at = 3 }
        var values: [(value: JSONValue, range: Range<Int>)] = []
        while true {
            p.skipBlanks()
            if p.at == bytes.count { return (values, nil) }
            let start = p.at
            do {
                let value = try p.value()
                values.append((value, start..<p.at))
            } catch let failure as Failure {
                return (values, failure)
            } catch {
                return (values, p.failure("unexpected error"))
            }
        }
    }

    /// Parses the bytes of `text` (tests, small documents).
    public static func parse(_ text: String) throws -> JSONValue {
        var copy = text
        return try copy.withUTF8 { try parse(UnsafeRawBufferPointer($0)) }
    }

    /// Whether `bytes` hold exactly one complete JSON value (no value is built for arrays and objects' members
    /// beyond what parsing needs).
    public static func isComplete(_ bytes: UnsafeRawBufferPointer) -> Bool {
        (try? parse(bytes)) != nil
    }

    private func failure(_ reason: String) -> Failure {
        Failure(offset: at, reason: reason)
    }

    private mutating func skipBlanks() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x09, 0x0A, 0x0D: at += 1
            default: return
            }
        }
    }

    private mutating func value() throws -> JSONValue {
        guard at < bytes.count else { throw failure("unexpected end") }
        switch bytes[at] {
        case 0x7B: return try object()
        case 0x5B: return try array()
        case 0x22: return .string(try string())
        case 0x74: try literal("true"); return .bool(true)
        case 0x66: try literal("false"); return .bool(false)
        case 0x6E: try literal("null"); return .null
        case 0x2D, 0x30...0x39: return .number(try number())
        default: throw failure("unexpected byte")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard at + n <= bytes.count else { throw failure("unexpected end") }
        let w = word.utf8Start
        for i in 0..<n where bytes[at + i] != w[i] { throw failure("bad literal") }
        at += n
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= Self.maxDepth else { throw failure("nested deeper than \(Self.maxDepth)") }
    }

    private mutating func object() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        at += 1
        var members: [String: JSONValue] = [:]
        skipBlanks()
        if at < bytes.count, bytes[at] == 0x7D {
            at += 1
            return .object(members)
        }
        while true {
            skipBlanks()
            guard at < bytes.count, bytes[at] == 0x22 else { throw failure("expected a key") }
            let key = try string()
            skipBlanks()
            guard at < bytes.count, bytes[at] == 0x3A else { throw failure("expected ':'") }
            at += 1
            skipBlanks()
            members[key] = try value()
            skipBlanks()
            guard at < bytes.count else { throw failure("unexpected end") }
            if bytes[at] == 0x2C {
                at += 1
                continue
            }
            guard bytes[at] == 0x7D else { throw failure("expected ',' or '}'") }
            at += 1
            return .object(members)
        }
    }

    private mutating func array() throws -> JSONValue {
        try enter()
        defer { depth -= 1 }
        at += 1
        var items: [JSONValue] = []
        skipBlanks()
        if at < bytes.count, bytes[at] == 0x5D {
            at += 1
            return .array(items)
        }
        while true {
            skipBlanks()
            items.append(try value())
            skipBlanks()
            guard at < bytes.count else { throw failure("unexpected end") }
            if bytes[at] == 0x2C {
                at += 1
                continue
            }
            guard bytes[at] == 0x5D else { throw failure("expected ',' or ']'") }
            at += 1
            return .array(items)
        }
    }

    private mutating func number() throws -> Double {
        let start = at
        if bytes[at] == 0x2D { at += 1 }
        var digits = 0
        while at < bytes.count, ASCII.isDigit(bytes[at]) {
            at += 1
            digits += 1
        }
        guard digits > 0 else { throw failure("bad number") }
        if at < bytes.count, bytes[at] == 0x2E {
            at += 1
            var fraction = 0
            while at < bytes.count, ASCII.isDigit(bytes[at]) {
                at += 1
                fraction += 1
            }
            guard fraction > 0 else { throw failure("bad number") }
        }
        if at < bytes.count, bytes[at] == 0x65 || bytes[at] == 0x45 {
            at += 1
            if at < bytes.count, bytes[at] == 0x2B || bytes[at] == 0x2D { at += 1 }
            var exponent = 0
            while at < bytes.count, ASCII.isDigit(bytes[at]) {
                at += 1
                exponent += 1
            }
            guard exponent > 0 else { throw failure("bad number") }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        guard let value = Double(text) else { throw failure("bad number") }
        return value
    }

    private mutating func string() throws -> String {
        at += 1
        let start = at
        // Fast path: no escape.
        while at < bytes.count {
            let b = bytes[at]
            if b == 0x22 {
                let s = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return s
            }
            if b == 0x5C { break }
            guard b >= 0x20 else { throw failure("control character in a string") }
            at += 1
        }
        var out = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<at]))
        while at < bytes.count {
            let b = bytes[at]
            if b == 0x22 {
                at += 1
                return String(decoding: out, as: UTF8.self)
            }
            guard b >= 0x20 else { throw failure("control character in a string") }
            if b != 0x5C {
                out.append(b)
                at += 1
                continue
            }
            at += 1
            guard at < bytes.count else { break }
            let e = bytes[at]
            at += 1
            switch e {
            case 0x22, 0x5C, 0x2F: out.append(e)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), at + 1 < bytes.count, bytes[at] == 0x5C, bytes[at + 1] == 0x75 {
                    at += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        appendScalar(0xFFFD, to: &out)
                        scalar = low
                    }
                }
                appendScalar(scalar, to: &out)
            default:
                throw failure("bad escape")
            }
        }
        throw failure("unterminated string")
    }

    private mutating func hex4() throws -> UInt32 {
        guard at + 4 <= bytes.count else { throw failure("bad \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[at]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw failure("bad \\u escape")
            }
            v = v << 4 | d
            at += 1
        }
        return v
    }

    private func appendScalar(_ value: UInt32, to out: inout [UInt8]) {
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}

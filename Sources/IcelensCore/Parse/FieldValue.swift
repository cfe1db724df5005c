/// Turns a field's bytes into the few values that survive parsing: Strings (JSON escapes decoded, invalid UTF-8
/// repaired, length capped), numbers and words.
public enum FieldValue {
    /// Longest string kept from a field (ids and hosts are short; a longer value is cut).
    public static let maxStringBytes = 256

    /// The bytes of `span` within `line`.
    @inline(__always)
    public static func bytes(_ line: UnsafeRawBufferPointer, _ span: Span) -> UnsafeRawBufferPointer {
        let start = Int(span.start)
        return UnsafeRawBufferPointer(rebasing: line[start..<(start + Int(span.count))])
    }

    /// The value of `span` as a String, or nil when absent or empty (the absent case inline: most slots are).
    @inline(__always)
    public static func string(_ line: UnsafeRawBufferPointer, _ span: Span) -> String? {
        guard span.count > 0 else { return nil }
        return makeString(line, span)
    }

    /// The value of `span` as an id (tour, peer): like `string`, but a JSON `null`, `true` or `false`, an object
    /// or an array is no id (absent), so `"tourId":null` lines are tourless instead of one tour named "null".
    @inline(__always)
    public static func id(_ line: UnsafeRawBufferPointer, _ span: Span) -> String? {
        guard span.count > 0 else { return nil }
        switch span.kind {
        case .string: break
        case .array, .object: return nil
        case .bare:
            if span.count == 4 || span.count == 5, isLiteral(bytes(line, span)) { return nil }
        }
        return makeString(line, span)
    }

    /// `null`, `true` or `false`, in any case (compared as one word: no allocation, ~10 instructions).
    @inline(__always)
    private static func isLiteral(_ raw: UnsafeRawBufferPointer) -> Bool {
        let head = ASCII.lower(raw[0])
        guard head == 0x6E || head == 0x74 || head == 0x66 else { return false }  // n, t, f: most ids stop here
        var word: UInt64 = 0
        for b in raw { word = word << 8 | UInt64(ASCII.lower(b)) }
        // "null", "true", "false" as big-endian byte words.
        return word == 0x6E75_6C6C || word == 0x7472_7565 || word == 0x66_616C_7365
    }

    private static func makeString(_ line: UnsafeRawBufferPointer, _ span: Span) -> String? {
        let raw = bytes(line, span)
        if !span.escaped {
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw.prefix(maxStringBytes)), as: UTF8.self)
        }
        return decodeEscaped(raw)
    }

    /// Decodes a JSON string body with backslash escapes (including `\uXXXX` surrogate pairs).
    public static func decodeEscaped(_ raw: UnsafeRawBufferPointer) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(min(raw.count, maxStringBytes))
        var i = 0
        var pendingHigh: UInt32?
        func appendScalar(_ v: UInt32) {
            let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        }
        while i < raw.count, out.count < maxStringBytes {
            let b = raw[i]
            if b != 0x5C {
                if let h = pendingHigh { appendScalar(h); pendingHigh = nil }
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < raw.count else { break }
            let e = raw[i + 1]
            i += 2
            if e == 0x75, i + 4 <= raw.count {  // \uXXXX
                var v: UInt32 = 0
                var ok = true
                for k in i..<(i + 4) {
                    let c = raw[k]
                    let d: UInt8
                    if ASCII.isDigit(c) {
                        d = c - 0x30
                    } else if (ASCII.lower(c) &- 0x61) < 6 {
                        d = ASCII.lower(c) - 0x61 + 10
                    } else {
                        ok = false; break
                    }
                    v = v << 4 | UInt32(d)
                }
                guard ok else { continue }
                i += 4
                if (0xD800..<0xDC00).contains(v) {
                    if let h = pendingHigh { appendScalar(h) }
                    pendingHigh = v
                } else if (0xDC00..<0xE000).contains(v), let h = pendingHigh {
                    appendScalar(0x10000 + ((h - 0xD800) << 10) + (v - 0xDC00))
                    pendingHigh = nil
                } else {
                    if pendingHigh != nil { appendScalar(0xFFFD); pendingHigh = nil }
                    appendScalar(v)
                }
                continue
            }
            if pendingHigh != nil { appendScalar(0xFFFD); pendingHigh = nil }
            switch e {
            case 0x6E: out.append(0x0A)
            case 0x74: out.append(0x09)
            case 0x72: out.append(0x0D)
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            default: out.append(e)  // \" \\ \/ and anything else taken literally
            }
        }
        if pendingHigh != nil { appendScalar(0xFFFD) }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    /// The value lower-cased (ASCII), for hosts.
    public static func lowercased(_ line: UnsafeRawBufferPointer, _ span: Span) -> String? {
        guard span.count > 0 else { return nil }
        let raw = bytes(line, span)
        if !span.escaped, raw.allSatisfy({ $0 < 0x80 }) {
            // ASCII: lower-cased straight into the String's storage.
            let n = min(raw.count, maxStringBytes)
            return String(unsafeUninitializedCapacity: n) { out in
                for k in 0..<n { out[k] = ASCII.lower(raw[k]) }
                return n
            }
        }
        guard let s = string(line, span) else { return nil }
        return String(decoding: Array(s.utf8).map(ASCII.lower), as: UTF8.self)
    }
}

/// The one JSON string escaper of icelens (RFC 8259), for every JSON it writes: results, NDJSON events, snapshots.
/// Escapes `"` and `\`, every C0 control as `\u00XX`, DEL and the C1 controls (U+0080-U+009F: a CSI must not reach
/// a terminal through `jq -r`), U+2028/U+2029 (line breaks to JavaScript), and the bidi controls that
/// `UntrustedText.isBidiControl` names (a U+202E in a tour id must not reorder what a person reads). Plain ASCII
/// takes a fast path with no per-character work beyond one scan.
public enum JSONEscaper {
    /// Appends the escaped body of `text` (without quotes) to `out`.
    public static func append(_ text: String, to out: inout [UInt8]) {
        var t = text
        t.withUTF8 { utf8 in
            if isPlain(utf8) {
                out.append(contentsOf: utf8)
                return
            }
            for scalar in text.unicodeScalars {
                let v = scalar.value
                switch v {
                case 0x22: out += [0x5C, 0x22]
                case 0x5C: out += [0x5C, 0x5C]
                default:
                    if needsEscape(v) {
                        appendUnicodeEscape(v, to: &out)
                    } else {
                        out.append(contentsOf: String(scalar).utf8)
                    }
                }
            }
        }
    }

    /// Appends the escaped body of `text` to `out`, which has room for 6 bytes per byte of `text` (the NDJSON hot
    /// path: plain text is one scan and one copy).
    static func put(_ text: String, to out: ByteBuffer) {
        var t = text
        let plain = t.withUTF8 { utf8 -> Bool in
            guard isPlain(utf8) else { return false }
            if utf8.count > 0 { out.put(utf8.baseAddress!, utf8.count) }
            return true
        }
        if plain { return }
        var escaped: [UInt8] = []
        append(text, to: &escaped)
        escaped.withUnsafeBytes { out.put($0.baseAddress!, $0.count) }
    }

    /// `text` as a quoted JSON string.
    public static func quoted(_ text: String) -> String {
        var out: [UInt8] = [0x22]
        append(text, to: &out)
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `utf8` holds no byte that may start something to escape: C0, '"', '\', DEL, and the lead bytes of C1
    /// (C2), U+2028/9 and bidi controls (E2) and ALM (D8). Such text is copied as is.
    @inline(__always)
    static func isPlain(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return true }
        let n = utf8.count
        var p = 0
        // Eight bytes at a time: a word of printable ASCII without `"` or `\` is plain; any other word is checked
        // byte by byte.
        let raw = UnsafeRawPointer(base)
        while p &+ 8 <= n {
            let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
            let maybe =
                (word & 0x8080_8080_8080_8080) | ((word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080)
                | ASCII.bytesEqual(word, 0x22) | ASCII.bytesEqual(word, 0x5C) | ASCII.bytesEqual(word, 0x7F)
            if maybe != 0 {
                for k in p..<(p &+ 8) where !isPlainByte(base[k]) { return false }
            }
            p &+= 8
        }
        while p < n {
            if !isPlainByte(base[p]) { return false }
            p &+= 1
        }
        return true
    }

    /// A byte that is written as it is: not a control byte, `"`, `\`, DEL, nor the lead byte of a C1 control,
    /// U+2028/U+2029 or a bidi control (0xC2, 0xE2, 0xD8: those strings take the scalar path).
    @inline(__always)
    static func isPlainByte(_ b: UInt8) -> Bool {
        !(b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xC2 || b == 0xE2 || b == 0xD8)
    }

    /// Whether the scalar `v` is written as `\uXXXX`.
    @inline(__always)
    static func needsEscape(_ v: UInt32) -> Bool {
        v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || UntrustedText.isBidiControl(v)
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func appendUnicodeEscape(_ v: UInt32, to out: inout [UInt8]) {
        out += [0x5C, 0x75]
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
    }
}

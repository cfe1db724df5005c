#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the fields icelens needs in one JSON-object line without building a document tree: keys are matched in
/// place, values are recorded as byte ranges, and everything else is skipped (iteratively, so hostile nesting depth
/// costs no stack). Only the top level and one level of `context`/`attributes`/`meta`/`fields`/`labels` are read.
public enum JSONFieldScanner {
    /// Scans `line` (which must start with `{` after optional blanks) into `fields`.
    /// Returns false when the line is not a well-formed JSON object.
    public static func scan(_ line: UnsafeRawBufferPointer, into fields: inout LineFields, labelKey: [UInt8]? = nil)
        -> Bool
    {
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
        var scanner = Cursor(base: base, end: line.count)
        fields.format = .json
        scanner.skipBlanks()
        guard scanner.take(0x7B) else { return false }  // {
        guard scanObject(&scanner, line, &fields, nested: false, labelKey: labelKey) else { return false }
        scanner.skipBlanks()
        return scanner.pos == scanner.end
    }

    /// Reads the members of an object whose `{` was consumed, through its `}`.
    private static func scanObject(
        _ c: inout Cursor, _ line: UnsafeRawBufferPointer, _ fields: inout LineFields, nested: Bool,
        labelKey: [UInt8]?
    ) -> Bool {
        c.skipBlanks()
        if c.take(0x7D) { return true }  // }
        while true {
            guard c.take(0x22) else { return false }  // "
            let keyStart = c.pos
            guard let (keyEnd, keyEscaped) = c.skipStringBody() else { return false }
            c.skipBlanks()
            guard c.take(0x3A) else { return false }  // :
            c.skipBlanks()
            guard c.pos < c.end else { return false }
            let key = UnsafeRawBufferPointer(rebasing: line[keyStart..<keyEnd])
            let first = c.base[c.pos]
            if !nested, first == 0x7B, !keyEscaped, FieldSlot.isContainer(key) {
                c.pos += 1
                guard scanObject(&c, line, &fields, nested: true, labelKey: labelKey) else { return false }
            } else {
                guard let value = c.skipValue() else { return false }
                if !keyEscaped, let slot = FieldSlot.lookup(key, labelKey: labelKey) {
                    fields.set(slot, value, nested: nested)
                }
            }
            c.skipBlanks()
            if c.take(0x2C) {  // ,
                c.skipBlanks()
                continue
            }
            return c.take(0x7D)
        }
    }

    /// A read position over the line's bytes.
    struct Cursor {
        let base: UnsafePointer<UInt8>
        let end: Int
        var pos = 0

        init(base: UnsafePointer<UInt8>, end: Int) {
            self.base = base
            self.end = end
        }

        @inline(__always) mutating func skipBlanks() {
            while pos < end {
                let b = base[pos]
                guard b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A else { return }
                pos += 1
            }
        }

        @inline(__always) mutating func take(_ byte: UInt8) -> Bool {
            guard pos < end, base[pos] == byte else { return false }
            pos += 1
            return true
        }

        /// Skips a string body after its opening quote; returns the end of the body (the closing quote's offset)
        /// and whether it holds escapes, leaving the cursor after the closing quote. One pass over the bytes, eight
        /// at a time while none is a quote or a backslash (a word test, SWAR); a backslash skips the byte it
        /// escapes, so `\\"` ends the string and `\"` does not.
        @inline(__always) mutating func skipStringBody() -> (Int, Bool)? {
            var escaped = false
            var p = pos
            let raw = UnsafeRawPointer(base)
            while p < end {
                if p &+ 8 <= end {
                    let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
                    let stops = ASCII.bytesEqual(word, 0x22) | ASCII.bytesEqual(word, 0x5C)
                    if stops == 0 {
                        p &+= 8
                        continue
                    }
                    // The lowest flagged byte is exact (a false flag can only follow a true one).
                    p &+= stops.littleEndian.trailingZeroBitCount >> 3
                }
                let b = base[p]
                if b == 0x22 {
                    pos = p + 1
                    return (p, escaped)
                }
                if b == 0x5C {
                    escaped = true
                    p += 2
                } else {
                    p += 1
                }
            }
            return nil
        }

        /// Skips one JSON value, returning its span (string spans exclude the quotes).
        mutating func skipValue() -> Span? {
            guard pos < end else { return nil }
            let first = base[pos]
            switch first {
            case 0x22:
                pos += 1
                let start = pos
                guard let (stop, escaped) = skipStringBody() else { return nil }
                return Span(start: start, count: stop - start, escaped: escaped, kind: .string)
            case 0x7B, 0x5B:
                let start = pos
                guard skipComposite() else { return nil }
                return Span(start: start, count: pos - start, kind: first == 0x7B ? .object : .array)
            default:
                let start = pos
                // Digits first (timestamps, levels, pids): one test a byte instead of eleven.
                while pos < end, base[pos] &- 0x30 < 10 { pos += 1 }
                while pos < end {
                    let b = base[pos]
                    if b == 0x2C || b == 0x7D || b == 0x5D || b == 0x20 || b == 0x09 || b == 0x0D { break }
                    guard b > 0x20, b != 0x22, b != 0x7B, b != 0x5B, b != 0x3A else { return nil }
                    pos += 1
                }
                guard pos > start, Cursor.isLiteralStart(first) else { return nil }
                return Span(start: start, count: pos - start, kind: .bare)
            }
        }

        @inline(__always) static func isLiteralStart(_ b: UInt8) -> Bool {
            ASCII.isDigit(b) || b == 0x2D || b == 0x74 || b == 0x66 || b == 0x6E  // digit - t f n
        }

        /// Skips an object or array with an explicit bracket stack depth (no recursion).
        mutating func skipComposite() -> Bool {
            var depth = 0
            while pos < end {
                let b = base[pos]
                switch b {
                case 0x22:
                    pos += 1
                    guard skipStringBody() != nil else { return false }
                    continue
                case 0x7B, 0x5B:
                    depth += 1
                case 0x7D, 0x5D:
                    depth -= 1
                    if depth == 0 {
                        pos += 1
                        return true
                    }
                default:
                    break
                }
                pos += 1
            }
            return false
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the fields of a text console line or a logfmt line in place: an optional leading timestamp and level,
/// `[key:value]` / `[word]` tags, then a message in which `key=value` and `key="quoted value"` pairs are read
/// (also inside URL query strings, so `?tourId=t-1` names the tour).
public enum TextLineScanner {
    /// Scans `line` into `fields`. Returns false when the line is of no known format (no timestamp, no tag and no
    /// key=value pair).
    public static func scan(_ line: UnsafeRawBufferPointer, into fields: inout LineFields, labelKey: [UInt8]? = nil)
        -> Bool
    {
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
        let n = line.count
        var p = 0
        var structure = 0
        skipBlanks(base, n, &p)
        // Leading timestamp: ISO date (optionally "date time") or an epoch number, maybe in brackets.
        var bracketed = false
        if p < n, base[p] == 0x5B, p + 1 < n, ASCII.isDigit(base[p + 1]) {
            bracketed = true
            p += 1
        }
        if p < n, ASCII.isDigit(base[p]) {
            var e = ASCII.firstBlank(base, from: p, end: n, orStop: bracketed ? 0x5D : nil)
            let looksISO = e - p >= 10 && base[p + 4] == 0x2D
            // "2026-03-02 10:15:00.123Z": join a date and a time separated by one space.
            if looksISO, e - p == 10, e + 3 < n, base[e] == 0x20, ASCII.isDigit(base[e + 1]), base[e + 3] == 0x3A {
                e += 1
                while e < n, base[e] != 0x20, base[e] != 0x09, !(bracketed && base[e] == 0x5D) { e += 1 }
            }
            let token = UnsafeRawBufferPointer(rebasing: line[p..<e])
            let epochLike = e - p >= 9 && !looksISO && base[p + 2] != 0x3A
            if !looksISO, let ms = timeOfDay(token) {
                // A console's time of day (`10:16:29.123`, `[10:16:29 DBG]`): of an unknown day, read as 1970-01-01.
                fields.set(.time, Span(start: p, count: e - p))
                fields.parsedTimeMs = ms
                fields.timeOfDayOnly = true
                structure += 1
                p = e
                if bracketed {
                    skipBlanks(base, n, &p)
                    var w = p
                    while w < n, (ASCII.lower(base[w]) &- 0x61) < 26 { w += 1 }
                    if w < n, base[w] == 0x5D { p = w }
                }
                if bracketed, p < n, base[p] == 0x5D { p += 1 }
            } else if looksISO || epochLike {
                if let ms = Timestamp.parse(token, memo: &fields.dateMemo) {
                    fields.set(.time, Span(start: p, count: e - p))
                    fields.parsedTimeMs = ms
                    structure += 1
                } else if looksISO {
                    fields.badTime = true
                    structure += 1
                }
                p = e
                if bracketed, p < n, base[p] == 0x5D { p += 1 }
            }
        }
        skipBlanks(base, n, &p)
        // Level word (INFO, warn, [ERROR], DEBUG:).
        p = skipLevel(line, base, n, p)
        // Tags.
        while p < n, base[p] == 0x5B {
            let limit = min(n - p, 512)
            guard let hit = memchr(base + p, 0x5D, limit) else { break }
            let close = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let inner = UnsafeRawBufferPointer(rebasing: line[(p + 1)..<close])
            if let colon = inner.firstIndex(of: 0x3A), colon > 0,
                let slot = FieldSlot.lookup(UnsafeRawBufferPointer(rebasing: inner[0..<colon]), labelKey: labelKey)
            {
                fields.set(slot, Span(start: p + 1 + colon + 1, count: inner.count - colon - 1))
                structure += 1
            } else if let role = Role(word: inner) {
                fields.roleTag = role
                structure += 1
            } else if fields.textStart < 0 {
                fields.textStart = p
                structure += 1
            }
            p = close + 1
            skipBlanks(base, n, &p)
        }
        if fields.textStart < 0 { fields.textStart = p }
        structure += scanPairs(line, base, n, from: p, into: &fields, labelKey: labelKey)
        fields.format = fields[.event].isPresent || fields[.message].isPresent ? .logfmt : .text
        return structure > 0
    }

    /// Milliseconds since midnight of `HH:MM:SS` with an optional fraction (`.123`, `,123`), or nil.
    static func timeOfDay(_ t: UnsafeRawBufferPointer) -> Int64? {
        guard t.count >= 8, t.count <= 15, t[2] == 0x3A, t[5] == 0x3A else { return nil }
        for i in [0, 1, 3, 4, 6, 7] where !ASCII.isDigit(t[i]) { return nil }
        func two(_ i: Int) -> Int64 { Int64(t[i] - 0x30) * 10 + Int64(t[i + 1] - 0x30) }
        let (h, m, s) = (two(0), two(3), two(6))
        guard h < 24, m < 60, s < 61 else { return nil }
        var ms = ((h * 60 + m) * 60 + s) * 1000
        if t.count > 8 {
            guard t[8] == 0x2E || t[8] == 0x2C, t.count > 9 else { return nil }
            var scale: Int64 = 100
            for i in 9..<t.count {
                guard ASCII.isDigit(t[i]) else { return nil }
                ms += Int64(t[i] - 0x30) * scale
                scale /= 10
            }
        }
        return ms
    }

    @inline(__always) static func skipBlanks(_ base: UnsafePointer<UInt8>, _ n: Int, _ p: inout Int) {
        while p < n, base[p] == 0x20 || base[p] == 0x09 { p += 1 }
    }

    /// Skips a log level word at `p` and returns the position after it and its blanks.
    static func skipLevel(_ line: UnsafeRawBufferPointer, _ base: UnsafePointer<UInt8>, _ n: Int, _ at: Int) -> Int {
        var p = at
        let open = p < n && base[p] == 0x5B
        if open { p += 1 }
        var e = p
        while e < n, (ASCII.lower(base[e]) &- 0x61) < 26 { e += 1 }
        let word = UnsafeRawBufferPointer(rebasing: line[p..<e])
        guard isLevel(word) else { return at }
        if open {
            guard e < n, base[e] == 0x5D else { return at }
            e += 1
        } else if e < n, base[e] == 0x3A {
            e += 1
        }
        guard e == n || base[e] == 0x20 || base[e] == 0x09 else { return at }
        skipBlanks(base, n, &e)
        return e
    }

    static func isLevel(_ w: UnsafeRawBufferPointer) -> Bool {
        switch w.count {
        case 4: return ASCII.equalsLower(w, "info") || ASCII.equalsLower(w, "warn")
        case 5:
            return ASCII.equalsLower(w, "error") || ASCII.equalsLower(w, "debug") || ASCII.equalsLower(w, "trace")
                || ASCII.equalsLower(w, "fatal")
        case 6: return ASCII.equalsLower(w, "notice")
        case 7: return ASCII.equalsLower(w, "warning")
        case 8: return ASCII.equalsLower(w, "critical")
        default: return false
        }
    }

    @inline(__always) static func isKeyByte(_ c: UInt8) -> Bool {
        ASCII.isDigit(c) || (ASCII.lower(c) &- 0x61) < 26 || c == 0x5F || c == 0x2E || c == 0x40 || c == 0x2D
    }

    /// Reads every `key=value` pair from `from` to the end; returns how many known-or-unknown pairs it saw.
    static func scanPairs(
        _ line: UnsafeRawBufferPointer, _ base: UnsafePointer<UInt8>, _ n: Int, from: Int,
        into fields: inout LineFields, labelKey: [UInt8]?
    ) -> Int {
        var pairs = 0
        var p = from
        while p < n {
            guard let hit = memchr(base + p, 0x3D, n - p) else { break }  // =
            let eq = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var k = eq
            while k > from, isKeyByte(base[k - 1]) { k -= 1 }
            let before: UInt8 = k > 0 ? base[k - 1] : 0x20
            let inQuery = before == 0x3F || before == 0x26  // ? &
            guard k < eq, before == 0x20 || before == 0x09 || inQuery || k == 0 else {
                p = eq + 1
                continue
            }
            var v = eq + 1
            var span: Span
            if v < n, base[v] == 0x22 {
                v += 1
                var c = JSONFieldScanner.Cursor(base: base, end: n)
                c.pos = v
                if let (stop, escaped) = c.skipStringBody() {
                    span = Span(start: v, count: stop - v, escaped: escaped, kind: .string)
                    p = c.pos
                } else {
                    span = Span(start: v, count: n - v)
                    p = n
                }
            } else {
                let e = ASCII.firstBlank(base, from: v, end: n, orStop: inQuery ? 0x26 : nil)
                span = Span(start: v, count: e - v)
                p = e
            }
            pairs += 1
            if let slot = FieldSlot.lookup(UnsafeRawBufferPointer(rebasing: line[k..<eq]), labelKey: labelKey) {
                fields.set(slot, span)
            }
        }
        return pairs
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Parses TURN/STUN URIs (`turn:host:port?transport=udp`, `turns:[2001:db8::1]:443`) down to the instance host
/// name, the only part that survives: user info and credentials are never kept.
public enum TurnURI {
    /// The lower-cased host of a `turn:` or `turns:` URI, or nil when `uri` is not one.
    public static func host(of uri: String) -> String? {
        var copy = uri
        return copy.withUTF8 { buf in
            host(of: UnsafeRawBufferPointer(buf))
        }
    }

    /// The lower-cased host of a `turn:`/`turns:` URI at the start of `bytes`, or nil.
    public static func host(of bytes: UnsafeRawBufferPointer) -> String? {
        var run = AuthorityRun()
        guard let (start, end) = hostRange(in: bytes, at: 0, run: &run) else { return nil }
        return makeHost(bytes, start, end)
    }

    /// Every distinct TURN host named by a `turn:`/`turns:` URI anywhere in `bytes`, in order of appearance.
    /// The scan jumps from colon to colon (`memchr`) and looks back for the scheme, so bytes between URIs cost
    /// nothing; a host becomes a String only the first time it is seen.
    public static func hosts(in bytes: UnsafeRawBufferPointer) -> [String] {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return [] }
        var result: [String] = []
        // The byte ranges of the first hosts found, to skip repeats without making a String (a line names a few).
        var seen = InlineArray<8, (start: Int, end: Int)>(repeating: (0, 0))
        var seenCount = 0
        var from = 0
        var run = AuthorityRun()
        while let (_, start, end) = nextURI(in: base, bytes, from: &from, run: &run) {
            var repeated = false
            for k in 0..<seenCount where sameHost(bytes, seen[k], (start, end)) {
                repeated = true
                break
            }
            if !repeated {
                let host = makeHost(bytes, start, end)
                if seenCount < seen.count {
                    seen[seenCount] = (start, end)
                    seenCount += 1
                    result.append(host)
                } else if !result.contains(host) {
                    result.append(host)
                }
            }
        }
        return result
    }

    /// The hosts of a `servers` field: its `turn:`/`turns:` URIs' hosts, else, when it names none and holds nothing but
    /// names (no `:` of a URI or a port, no `{` of an object), the bare host names it lists (`["fr-turn9.xirsys.com"]`,
    /// as `icelens events` writes them), lower-cased. A list of `stun:` URIs names no TURN host.
    public static func listedHosts(in bytes: UnsafeRawBufferPointer) -> [String] {
        let uris = hosts(in: bytes)
        guard uris.isEmpty, !bytes.contains(0x3A), !bytes.contains(0x7B) else { return uris }
        var result: [String] = []
        var i = 0
        let n = bytes.count
        // Runs of host bytes between quotes, commas, brackets and blanks.
        while i < n {
            while i < n, !isHostNameByte(bytes[i]) { i += 1 }
            let start = i
            while i < n, isHostNameByte(bytes[i]) { i += 1 }
            guard i > start else { continue }
            let word = UnsafeRawBufferPointer(rebasing: bytes[start..<i])
            // A host name: a dot inside, no leading or trailing dot or hyphen, at most 253 bytes.
            guard word.count <= 253, word.contains(0x2E), word.first != 0x2E, word.last != 0x2E, word.first != 0x2D
            else { continue }
            let host = String(decoding: word.map { $0 | (($0 &- 0x41) < 26 ? 0x20 : 0) }, as: UTF8.self)
            if !result.contains(host) { result.append(host) }
        }
        return result
    }

    private static func isHostNameByte(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || (b &- 0x30) < 10 || b == 0x2E || b == 0x2D
    }

    /// The next `turn:`/`turns:` URI starting at or after `from`: where its scheme starts and its host's byte
    /// range; `from` moves past the host. The scan jumps from colon to colon (`memchr`) and looks back for the
    /// scheme, which must not follow another scheme byte.
    private static func nextURI(
        in base: UnsafePointer<UInt8>, _ bytes: UnsafeRawBufferPointer, from: inout Int, run: inout AuthorityRun
    ) -> (scheme: Int, start: Int, end: Int)? {
        let n = bytes.count
        let earliest = from  // a URI starts after the host of the previous one
        var next = from
        while next < n, let hit = memchr(base + next, 0x3A, n - next) {
            let colon = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            next = colon + 1
            var i = -1
            if colon >= 5, ASCII.lower(bytes[colon - 1]) == 0x73, isTurn(bytes, at: colon - 5) {
                i = colon - 5
            } else if colon >= 4, isTurn(bytes, at: colon - 4) {
                i = colon - 4
            }
            guard i >= earliest, i == 0 || !isSchemeByte(bytes[i - 1]),
                let (start, end) = hostRange(in: bytes, at: i, run: &run)
            else { continue }
            from = end
            return (i, start, end)
        }
        from = n
        return nil
    }

    /// True when the four bytes at `i` spell `turn`, ignoring case.
    @inline(__always) private static func isTurn(_ bytes: UnsafeRawBufferPointer, at i: Int) -> Bool {
        (bytes[i] | 0x20) == 0x74 && ASCII.lower(bytes[i + 1]) == 0x75 && ASCII.lower(bytes[i + 2]) == 0x72
            && ASCII.lower(bytes[i + 3]) == 0x6E
    }

    /// True when two host ranges of `bytes` spell the same host, ignoring case.
    private static func sameHost(_ bytes: UnsafeRawBufferPointer, _ a: (start: Int, end: Int), _ b: (Int, Int))
        -> Bool
    {
        guard a.end - a.start == b.1 - b.0 else { return false }
        for k in 0..<(a.end - a.start) where ASCII.lower(bytes[a.start + k]) != ASCII.lower(bytes[b.0 + k]) {
            return false
        }
        return true
    }

    /// The end of the last run of authority bytes scanned: every position inside a run shares its end, so callers
    /// that try URIs at increasing positions (`turn:turn:turn:...`) scan each byte once, not once per `turn:`.
    struct AuthorityRun {
        var start = Int.max
        var end = -1

        /// The end of the run of authority bytes that holds `p` (or starts there), scanning only what is new.
        mutating func end(from p: Int, in bytes: UnsafeRawBufferPointer) -> Int {
            if p >= start, p <= end { return end }
            var q = p
            while q < bytes.count, TurnURI.isAuthorityByte(bytes[q]) { q += 1 }
            start = p
            end = q
            return q
        }
    }

    /// Byte range of the host of a TURN URI starting at `i`, or nil. `run` memoises the authority scan; callers
    /// must try positions in increasing order with the same `run`.
    static func hostRange(in bytes: UnsafeRawBufferPointer, at i: Int, run: inout AuthorityRun) -> (Int, Int)? {
        let n = bytes.count
        guard i + 5 <= n, ASCII.hasPrefixLower(UnsafeRawBufferPointer(rebasing: bytes[i..<n]), "turn") else {
            return nil
        }
        var p = i + 4
        if p < n, ASCII.lower(bytes[p]) == 0x73 { p += 1 }  // turns
        guard p < n, bytes[p] == 0x3A else { return nil }  // ':'
        p += 1
        if p + 1 < n, bytes[p] == 0x2F, bytes[p + 1] == 0x2F { p += 2 }  // tolerate turn://
        // Skip any user info (never kept): the run of authority bytes up to an '@' ('@' ends the run).
        let q = run.end(from: p, in: bytes)
        if q < n, bytes[q] == 0x40 { p = q + 1 }
        guard p < n else { return nil }
        if bytes[p] == 0x5B {  // [IPv6]
            var e = p + 1
            while e < n, bytes[e] != 0x5D {
                let c = bytes[e]
                guard isHexDigit(c) || c == 0x3A || c == 0x2E else { return nil }
                e += 1
            }
            guard e < n, e > p + 1 else { return nil }
            return (p, e + 1)
        }
        var e = p
        while e < n, isHostByte(bytes[e]) { e += 1 }
        guard e > p else { return nil }
        // A trailing dot (end of a sentence) is not part of the host.
        var end = e
        while end > p, bytes[end - 1] == 0x2E { end -= 1 }
        return end > p ? (p, end) : nil
    }

    private static func makeHost(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String {
        String(unsafeUninitializedCapacity: end - start) { out in
            for k in start..<end { out[k - start] = ASCII.lower(bytes[k]) }
            return end - start
        }
    }

    /// Byte classes, one byte each: 1 host (letters, digits, `-._`), 2 authority (host bytes and `:%~!$&'()*+;=`),
    /// 4 scheme (letters, digits, `-+`), 8 hex digit. A static string: no initialisation, no bounds check.
    private static let classes: StaticString = """
        \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\
        \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\
        \0\u{2}\0\0\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{2}\u{6}\0\u{7}\u{3}\0\
        \u{F}\u{F}\u{F}\u{F}\u{F}\u{F}\u{F}\u{F}\u{F}\u{F}\u{2}\u{2}\0\u{2}\0\0\
        \0\u{F}\u{F}\u{F}\u{F}\u{F}\u{F}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\
        \u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\0\0\0\0\u{3}\
        \0\u{F}\u{F}\u{F}\u{F}\u{F}\u{F}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\
        \u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\u{7}\0\0\0\u{2}\0\
        \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\
        \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\
        \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\
        \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\
        \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\
        \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\
        \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\
        \0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0
        """

    @inline(__always) private static func has(_ c: UInt8, _ bit: UInt8) -> Bool {
        classes.utf8Start[Int(c)] & bit != 0
    }

    @inline(__always) private static func isHexDigit(_ c: UInt8) -> Bool { has(c, 8) }

    @inline(__always) private static func isHostByte(_ c: UInt8) -> Bool { has(c, 1) }

    @inline(__always) private static func isSchemeByte(_ c: UInt8) -> Bool { has(c, 4) }

    @inline(__always) static func isAuthorityByte(_ c: UInt8) -> Bool { has(c, 2) }
}

extension TurnURI {
    /// The first `turn:`/`turns:` URI in `bytes`, rebuilt from scheme, host, port and its `transport` parameter
    /// only: user info, and any other query parameter (`credential=`, `password=`, `username=`, ...), never reach
    /// the result.
    public static func firstURI(in bytes: UnsafeRawBufferPointer) -> String? {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        var from = 0
        var run = AuthorityRun()
        guard let (i, start, end) = nextURI(in: base, bytes, from: &from, run: &run) else { return nil }
        let n = bytes.count
        let secure = ASCII.lower(bytes[i + 4]) == 0x73
        var out = Array((secure ? "turns:" : "turn:").utf8)
        for k in start..<end { out.append(ASCII.lower(bytes[k])) }
        var p = end
        // The port: ':' and up to 5 digits.
        if p < n, bytes[p] == 0x3A {
            var q = p + 1
            while q < n, q - p <= 5, ASCII.isDigit(bytes[q]) { q += 1 }
            if q > p + 1 {
                for k in p..<q { out.append(bytes[k]) }
                p = q
            }
        }
        // The query: only `transport=<letters>` is kept.
        if p < n, bytes[p] == 0x3F {
            var q = p + 1
            while q < n, q - p < 256 {
                let c = bytes[q]
                let ok =
                    ASCII.isDigit(c) || (ASCII.lower(c) &- 0x61) < 26 || c == 0x3D || c == 0x26 || c == 0x2E
                    || c == 0x2D || c == 0x5F || c == 0x25 || c == 0x2B || c == 0x2F
                guard ok else { break }
                q += 1
            }
            var k = p + 1
            while k < q {
                var e = k
                while e < q, bytes[e] != 0x26 { e += 1 }
                let key = "transport=".utf8
                if e - k > key.count,
                    zip(key, (k..<k + key.count).map { ASCII.lower(bytes[$0]) }).allSatisfy({ $0 == $1 }),
                    (k + key.count..<e).allSatisfy({ (ASCII.lower(bytes[$0]) &- 0x61) < 26 })
                {
                    out += Array("?transport=".utf8)
                    for j in (k + key.count)..<e { out.append(ASCII.lower(bytes[j])) }
                    break
                }
                k = e + 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

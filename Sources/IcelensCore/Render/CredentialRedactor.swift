/// Removes credentials from a raw log line before icelens echoes it (`events --show`): values of credential-like
/// keys in JSON, logfmt and text (`username`, `credential`, `password`, `secret`, `token`, `authorization`, `apikey`,
/// case-insensitive, also as the end of a longer key such as `accessToken`), Xirsys-style `SECRET-…` values, and the
/// user info of any URI (`turn:user:pass@host`, `https://user:pass@host`). One pass, linear in the line.
public enum CredentialRedactor {
    /// What a removed value is replaced with.
    public static let mask = "[redacted]"

    /// Key endings that mark a credential, compared lower-cased with `-` and `_` dropped.
    static let keyEndings: [[UInt8]] = [
        "username", "credential", "credentials", "password", "passwd", "passphrase", "pass", "pwd", "secret", "token",
        "authorization", "apikey", "accesskey", "secretkey", "privatekey", "cookie", "session", "sessionid",
    ].map { Array($0.utf8) }

    /// Keys whose value may follow after blanks alone, as free text writes it ("username u-1 credential c-1").
    static let wordKeys: [[UInt8]] = ["username", "credential", "password", "passwd", "pwd", "secret"].map {
        Array($0.utf8)
    }

    /// `line` with every credential replaced by `mask`, as text (invalid UTF-8 becomes U+FFFD).
    public static func redact(_ line: UnsafeRawBufferPointer) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(line.count)
        let n = line.count
        var i = 0
        // The end of the last authority scanned that held no user info: schemes inside it need no second scan.
        var plainAuthorityEnd = -1
        while i < n {
            let c = line[i]
            // An identifier: a possible key, a URI scheme or a SECRET- value.
            if isWordByte(c), i == 0 || !isWordByte(line[i - 1]) {
                var e = i
                while e < n, isWordByte(line[e]) { e += 1 }
                let word = UnsafeRawBufferPointer(rebasing: line[i..<e])
                if word.count >= 7, ASCII.hasPrefixLower(word, "secret-") {
                    out.append(contentsOf: mask.utf8)
                    i = skipBareValue(line, from: e)
                    continue
                }
                out.append(contentsOf: word)
                if isCredentialKey(word), let (valueStart, valueEnd) = valueRange(line, afterKey: e) {
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[e..<valueStart]))
                    out.append(contentsOf: mask.utf8)
                    i = valueEnd
                    continue
                }
                if e >= plainAuthorityEnd,
                    let userInfoEnd = userInfoEnd(line, schemeEnd: e, plainEnd: &plainAuthorityEnd)
                {
                    // Keep the scheme and its separator, drop the user info up to and including '@'.
                    var s = e + 1
                    if s + 1 < n, line[s] == 0x2F, line[s + 1] == 0x2F { s += 2 }
                    out.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[e..<s]))
                    out.append(contentsOf: mask.utf8)
                    out.append(0x40)
                    i = userInfoEnd + 1
                    continue
                }
                i = e
                continue
            }
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `word` (a key) ends with a credential-like name, compared backwards without allocating.
    static func isCredentialKey(_ word: UnsafeRawBufferPointer) -> Bool {
        guard word.count >= 3 else { return false }
        for ending in keyEndings {
            var k = word.count - 1
            var j = ending.count - 1
            while j >= 0, k >= 0 {
                let b = word[k]
                if b == 0x2D || b == 0x5F {
                    k -= 1
                    continue
                }
                if ASCII.lower(b) != ending[j] { break }
                j -= 1
                k -= 1
            }
            if j < 0 { return true }
        }
        return false
    }

    /// Where the value after a key starts and ends: after an optional closing quote (also `\"` inside an escaped
    /// JSON string), blanks, a `:`, `=` or URL-encoded `%3D`, and blanks (a few free-text keys take blanks alone).
    /// A quoted value runs to its closing quote, an object or list to its balanced end, a bare value to a delimiter
    /// (two words for `Bearer x` / `Basic x`).
    static func valueRange(_ line: UnsafeRawBufferPointer, afterKey e: Int) -> (Int, Int)? {
        let n = line.count
        var p = e
        var escapedQuote = false
        if p + 1 < n, line[p] == 0x5C, line[p + 1] == 0x22 {
            p += 2
            escapedQuote = true
        } else if p < n, line[p] == 0x22 || line[p] == 0x27 {
            p += 1
        }
        let blanksStart = p
        while p < n, ASCII.isBlank(line[p]) { p += 1 }
        guard p < n else { return nil }
        if line[p] == 0x3A || line[p] == 0x3D {
            p += 1
        } else if p + 2 < n, line[p] == 0x25, line[p + 1] == 0x33, ASCII.lower(line[p + 2]) == 0x64 {
            p += 3  // %3D
        } else if p == blanksStart || !isWordKey(UnsafeRawBufferPointer(rebasing: line[..<e])) {
            return nil
        }
        while p < n, ASCII.isBlank(line[p]) { p += 1 }
        guard p < n else { return nil }
        let q = line[p]
        if escapedQuote || (q == 0x5C && p + 1 < n && line[p + 1] == 0x22) {
            // \"value\" inside a JSON string: up to the next \".
            var k = q == 0x5C ? p + 2 : p
            let start = k
            while k + 1 < n, !(line[k] == 0x5C && line[k + 1] == 0x22) { k += 1 }
            return (start, k + 1 < n ? k : n)
        }
        if q == 0x22 || q == 0x27 {
            var k = p + 1
            while k < n, line[k] != q {
                if line[k] == 0x5C { k += 1 }
                k += 1
            }
            return (p + 1, min(k, n))
        }
        if q == 0x5B || q == 0x7B { return (p, balancedEnd(line, from: p)) }
        var end = skipBareValue(line, from: p)
        let first = UnsafeRawBufferPointer(rebasing: line[p..<end])
        if ASCII.equalsLower(first, "bearer") || ASCII.equalsLower(first, "basic") {
            var k = end
            while k < n, ASCII.isBlank(line[k]) { k += 1 }
            end = skipBareValue(line, from: k)
        }
        return end > p ? (p, end) : nil
    }

    /// Whether the key that ends the bytes `before` is one that free text writes without a separator.
    static func isWordKey(_ before: UnsafeRawBufferPointer) -> Bool {
        var start = before.count
        while start > 0, isWordByte(before[start - 1]) { start -= 1 }
        let word = UnsafeRawBufferPointer(rebasing: before[start...])
        return wordKeys.contains { ASCII.equalsLower(word, $0) }
    }

    /// The end (exclusive) of the object or list opening at `p`: brackets counted, strings skipped; the line's end
    /// when it never closes.
    static func balancedEnd(_ line: UnsafeRawBufferPointer, from p: Int) -> Int {
        var depth = 0
        var k = p
        while k < line.count {
            switch line[k] {
            case 0x7B, 0x5B: depth += 1
            case 0x7D, 0x5D:
                depth -= 1
                if depth == 0 { return k + 1 }
            case 0x22:
                k += 1
                while k < line.count, line[k] != 0x22 {
                    if line[k] == 0x5C { k += 1 }
                    k += 1
                }
            default: break
            }
            k += 1
        }
        return line.count
    }

    /// The end of a bare value: up to a blank, quote, comma, semicolon, `&` or closing bracket.
    static func skipBareValue(_ line: UnsafeRawBufferPointer, from p: Int) -> Int {
        var k = p
        while k < line.count {
            switch line[k] {
            case 0x20, 0x09, 0x22, 0x27, 0x2C, 0x3B, 0x26, 0x7D, 0x5D, 0x29, 0x3E: return k
            default: k += 1
            }
        }
        return k
    }

    /// When a URI scheme ends at `schemeEnd` (`turn:`, `https://`) and user info follows, the index of its '@'.
    /// Without user info, `plainEnd` is set to where the authority ends, so the caller scans no byte twice.
    static func userInfoEnd(_ line: UnsafeRawBufferPointer, schemeEnd e: Int, plainEnd: inout Int) -> Int? {
        let n = line.count
        guard e < n, line[e] == 0x3A else { return nil }
        var k = e + 1
        if k + 1 < n, line[k] == 0x2F, line[k + 1] == 0x2F { k += 2 }
        let start = k
        var at: Int?
        while k < n {
            switch line[k] {
            case 0x40: at = k
            case 0x20, 0x09, 0x2F, 0x3F, 0x23, 0x22, 0x27, 0x2C, 0x3B, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D:
                if let at, at > start { return at }
                plainEnd = k
                return nil
            default: break
            }
            k += 1
        }
        if let at, at > start { return at }
        plainEnd = k
        return nil
    }

    @inline(__always) static func isWordByte(_ c: UInt8) -> Bool {
        ASCII.isDigit(c) || (ASCII.lower(c) &- 0x61) < 26 || c == 0x5F || c == 0x2D || c == 0x2E || c == 0x2B
    }
}

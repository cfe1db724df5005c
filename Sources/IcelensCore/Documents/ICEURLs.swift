/// Finds STUN and TURN URLs in the text forms configurations are written in: a JSON `iceServers` list, Chrome's
/// legacy `{ iceServers: [stun:..., turn:...], ... }` form, or any text. Credentials never survive: a TURN URL is
/// kept without user info (`TurnURI.firstURI`), and a URL is a URL, not the `username`/`credential` beside it.
enum ICEURLs {
    /// Every `stun:`, `stuns:`, `turn:` and `turns:` URL in `text`, in order, without duplicates.
    static func urls(in text: String) -> [String] {
        var found: [String] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            guard let scheme = schemeLength(bytes, at: i), i == 0 || !isURLByte(bytes[i - 1]) else {
                i += 1
                continue
            }
            var end = i + scheme
            while end < bytes.count, isURLByte(bytes[end]) { end += 1 }
            let token = String(decoding: bytes[i..<end], as: UTF8.self)
            if let url = clean(token), !found.contains(url) { found.append(url) }
            i = end
        }
        return found
    }

    /// The URL without credentials, or nil when nothing follows the scheme.
    static func clean(_ token: String) -> String? {
        let lower = token.lowercased()
        if lower.hasPrefix("turn:") || lower.hasPrefix("turns:") {
            return Array(token.utf8).withUnsafeBytes { TurnURI.firstURI(in: $0) }
        }
        guard let colon = token.firstIndex(of: ":"), token[token.index(after: colon)...].count > 0 else { return nil }
        // A STUN URL has no user info; drop anything that looks like one all the same.
        if let at = token.firstIndex(of: "@") {
            return String(token[...colon]) + token[token.index(after: at)...]
        }
        return token
    }

    private static func schemeLength(_ b: [UInt8], at i: Int) -> Int? {
        func word(_ w: String) -> Bool {
            let u = Array(w.utf8)
            guard i + u.count <= b.count else { return false }
            for k in 0..<u.count where ASCII.lower(b[i + k]) != u[k] { return false }
            return true
        }
        for w in ["turns:", "turn:", "stuns:", "stun:"] where word(w) { return w.utf8.count }
        return nil
    }

    /// Bytes a URL goes on with: anything but blanks, quotes, commas, brackets and braces.
    private static func isURLByte(_ c: UInt8) -> Bool {
        switch c {
        case 0x20, 0x09, 0x0A, 0x0D, 0x22, 0x27, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x5C: return false
        default: return c > 0x20 && c != 0x7F
        }
    }
}

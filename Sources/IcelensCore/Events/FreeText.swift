/// Reads the values of an event out of a free-text message when the line has no field for them
/// ("... changed: checking", "(instance fr-turn8.xirsys.com)", "relay via turn:...", "SET ice-servers:t-1").
enum FreeText {
    /// Calls `body` with each run of ASCII letters in `text`.
    @inline(__always)
    static func forEachWord(_ text: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) -> Bool) {
        var i = 0
        let n = text.count
        while i < n {
            while i < n, (ASCII.lower(text[i]) &- 0x61) >= 26 { i += 1 }
            let start = i
            while i < n, (ASCII.lower(text[i]) &- 0x61) < 26 { i += 1 }
            if i > start, !body(UnsafeRawBufferPointer(rebasing: text[start..<i])) { return }
        }
    }

    /// The last ICE state word in the text ("changed from checking to connected" is `connected`).
    static func lastState(in text: UnsafeRawBufferPointer) -> IceState? {
        var found: IceState?
        forEachWord(text) { word in
            if let s = IceState(word: word) { found = s }
            return true
        }
        return found
    }

    /// The candidate type named in the text (`relay`, `srflx`, `prflx`, else `host`).
    static func candidateType(in text: UnsafeRawBufferPointer) -> CandidateType? {
        var found: CandidateType?
        forEachWord(text) { word in
            if ASCII.equalsLower(word, "relay") || ASCII.equalsLower(word, "relayed") {
                found = .relay
            } else if ASCII.equalsLower(word, "srflx") {
                found = .srflx
            } else if ASCII.equalsLower(word, "prflx") {
                found = .prflx
            } else if ASCII.equalsLower(word, "host"), found == nil {
                found = .host
                return true
            } else {
                return true
            }
            return false
        }
        return found
    }

    /// `hit`/`true`/`cached` is a hit; anything else a miss.
    static func cache(_ value: UnsafeRawBufferPointer) -> CacheResult {
        ASCII.equalsLower(value, "hit") || ASCII.equalsLower(value, "true") || ASCII.equalsLower(value, "cached")
            ? .hit : .miss
    }

    /// The host after the word `instance` ("instance fr-turn8.xirsys.com", "instance=fr-turn8.xirsys.com").
    static func instance(in text: UnsafeRawBufferPointer) -> String? {
        let n = text.count
        var i = 0
        while i + 8 < n {
            if ASCII.lower(text[i]) == 0x69,
                ASCII.hasPrefixLower(UnsafeRawBufferPointer(rebasing: text[i..<n]), "instance")
            {
                var p = i + 8
                while p < n, text[p] == 0x20 || text[p] == 0x3A || text[p] == 0x3D || text[p] == 0x22 { p += 1 }
                let start = p
                var dots = 0
                while p < n {
                    let c = text[p]
                    guard ASCII.isDigit(c) || (ASCII.lower(c) &- 0x61) < 26 || c == 0x2D || c == 0x2E else { break }
                    if c == 0x2E { dots += 1 }
                    p += 1
                }
                var end = p
                while end > start, text[end - 1] == 0x2E { end -= 1 }
                if dots > 0, end > start {
                    return String(unsafeUninitializedCapacity: end - start) { out in
                        for k in start..<end { out[k - start] = ASCII.lower(text[k]) }
                        return end - start
                    }
                }
                i = p
                continue
            }
            i += 1
        }
        return nil
    }

    /// The tour in a Redis key `ice-servers:<tour>`.
    static func tourAfterRedisKey(in text: UnsafeRawBufferPointer) -> String? {
        let n = text.count
        var i = 0
        while i + 12 <= n {
            if ASCII.hasPrefixLower(UnsafeRawBufferPointer(rebasing: text[i..<n]), "ice-servers:") {
                let start = i + 12
                var p = start
                while p < n, text[p] > 0x20, text[p] != 0x22, text[p] != 0x2C { p += 1 }
                guard p > start else { return nil }
                return String(
                    decoding: UnsafeRawBufferPointer(rebasing: text[start..<min(p, start + 256)]), as: UTF8.self)
            }
            i += 1
        }
        return nil
    }
}

/// A per-tour table of interned strings (peer ids, TURN instance hosts): each distinct string is stored once and
/// named by a 32-bit index. Index 0 is reserved for "none" and holds the empty string.
///
/// A tour names a handful of peers and instances, so a short table is searched by comparing strings (small ASCII
/// strings compare as two machine words) instead of hashing every lookup; past `linearLimit` entries a dictionary
/// takes over.
struct StringTable: Sendable {
    /// The strings; `strings[0]` is the empty placeholder for "none".
    private(set) var strings: [String] = [""]
    /// A fingerprint of each string (its length and first bytes), parallel to `strings`: the linear search compares
    /// these words and compares Strings only where they agree. Only ASCII strings have one: `String ==` is canonical
    /// equivalence (`zoë` composed or decomposed, the Kelvin sign and `K`), so any other string is compared in full.
    private var prints: [UInt64] = [0]
    /// The index of each string, built only once the table outgrows `linearLimit`.
    private var indices: [String: UInt32]?
    /// Most entries searched linearly.
    static let linearLimit = 24

    /// An empty table.
    init() {}

    /// The table holding `strings` (distinct, in index order from 1), as interning them one by one would make it,
    /// without searching for each (unpacking a `FrozenTour`).
    init(distinct strings: [String]) {
        self.strings = [""] + strings
        self.prints = self.strings.map(Self.fingerprint)
        if self.strings.count > Self.linearLimit { indices = Self.indices(of: self.strings) }
    }

    /// The index of each string of `strings` but the placeholder.
    private static func indices(of strings: [String]) -> [String: UInt32] {
        var map: [String: UInt32] = [:]
        for (i, s) in strings.enumerated() where i > 0 { map[s] = UInt32(i) }
        return map
    }

    /// The index of `string` (interning it when new), or 0 for nil.
    mutating func intern(_ string: String?) -> UInt32 {
        guard let string else { return 0 }
        if let index = index(of: string) { return index }
        let index = UInt32(strings.count)
        strings.append(string)
        prints.append(Self.fingerprint(string))
        if indices != nil {
            indices?[string] = index
        } else if strings.count > Self.linearLimit {
            indices = Self.indices(of: strings)
        }
        return index
    }

    /// The index of `string` if interned, else nil.
    func index(of string: String) -> UInt32? {
        if let indices { return indices[string] }
        let print = Self.fingerprint(string)
        return prints.withUnsafeBufferPointer { prints in
            var i = 1
            while i < prints.count {
                let candidate = prints[i] == print || prints[i] == Self.notASCII || print == Self.notASCII
                if candidate, strings[i] == string { return UInt32(i) }
                i += 1
            }
            return nil
        }
    }

    /// The fingerprint of every string that is not pure ASCII (compared in full).
    static let notASCII = UInt64.max

    /// The length and the first seven bytes of an ASCII `string` in one word (equal strings, equal words), else
    /// `notASCII`.
    @inline(__always)
    static func fingerprint(_ string: String) -> UInt64 {
        var s = string
        return s.withUTF8 { utf8 in
            var word = UInt64(truncatingIfNeeded: utf8.count) << 56
            var shift: UInt64 = 0
            var high: UInt8 = 0
            for b in utf8 {
                high |= b
                if shift < 56 {
                    word ^= UInt64(b) << shift
                    shift += 8
                }
            }
            return high < 0x80 ? word : notASCII
        }
    }

    /// The string at `index`, or nil for 0.
    subscript(index: UInt32) -> String? {
        index == 0 ? nil : strings[Int(index)]
    }
}

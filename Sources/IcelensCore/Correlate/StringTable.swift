/// A per-tour table of interned strings (peer ids, TURN instance hosts): each distinct string is stored once and
/// named by a 32-bit index. Index 0 is reserved for "none" and holds the empty string.
struct StringTable: Sendable {
    /// The strings; `strings[0]` is the empty placeholder for "none".
    private(set) var strings: [String] = [""]
    private var indices: [String: UInt32] = [:]

    /// The index of `string` (interning it when new), or 0 for nil.
    mutating func intern(_ string: String?) -> UInt32 {
        guard let string else { return 0 }
        if let index = indices[string] { return index }
        let index = UInt32(strings.count)
        strings.append(string)
        indices[string] = index
        return index
    }

    /// The index of `string` if interned, else nil.
    func index(of string: String) -> UInt32? { indices[string] }

    /// The string at `index`, or nil for 0.
    subscript(index: UInt32) -> String? {
        index == 0 ? nil : strings[Int(index)]
    }
}

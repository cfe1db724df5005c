#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where `needle` first occurs in `haystack`: `memchr` to each candidate first byte, then `memcmp`.
func byteSearch(_ haystack: UnsafeRawBufferPointer, _ needle: UnsafeRawBufferPointer) -> Int? {
    guard let h = haystack.baseAddress, let n = needle.baseAddress, needle.count > 0, haystack.count >= needle.count
    else { return nil }
    let first = Int32(needle[0])
    var at = 0
    let last = haystack.count - needle.count
    while at <= last {
        guard let hit = memchr(h + at, first, last - at + 1) else { return nil }
        let i = UnsafeRawPointer(hit) - h
        if memcmp(h + i, n, needle.count) == 0 { return i }
        at = i + 1
    }
    return nil
}

extension Substring {
    /// The range of `needle` in this text, found in its UTF-8 bytes (`byteSearch`): the string-processing search costs
    /// thousands of instructions a call (a coturn line has several).
    func bytesRange(of needle: String) -> Range<String.Index>? {
        var needle = needle
        let found: Int?? = needle.withUTF8 { n in
            utf8.withContiguousStorageIfAvailable { byteSearch(UnsafeRawBufferPointer($0), UnsafeRawBufferPointer(n)) }
        }
        guard
            let offset = found
                ?? Array(utf8).withUnsafeBytes({ h in needle.withUTF8 { byteSearch(h, UnsafeRawBufferPointer($0)) } })
        else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.utf8.count)
    }

    /// Whether the text contains `needle` (UTF-8 bytes compared).
    func containsBytes(_ needle: String) -> Bool { bytesRange(of: needle) != nil }

    /// Whether the text starts with `prefix` (UTF-8 bytes compared).
    func startsWithBytes(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }
}

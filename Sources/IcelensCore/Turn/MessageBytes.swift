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

/// The bytes of one coturn message, read in place (a line is tens of bytes and a busy server writes millions of
/// them: a `String` is made only of the values a session keeps).
struct MessageBytes {
    let bytes: UnsafeRawBufferPointer

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var count: Int { bytes.count }

    subscript(i: Int) -> UInt8 { bytes[i] }

    /// Whether the message goes on with `text` at `i`.
    func starts(with text: StaticString, at i: Int = 0) -> Bool {
        let n = text.utf8CodeUnitCount
        guard i >= 0, i + n <= bytes.count, let base = bytes.baseAddress else { return false }
        return memcmp(base + i, text.utf8Start, n) == 0
    }

    /// Where `text` first occurs at or after `i`.
    func find(_ text: StaticString, from i: Int = 0) -> Int? {
        guard i < bytes.count else { return nil }
        let needle = UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return byteSearch(UnsafeRawBufferPointer(rebasing: bytes[i...]), needle).map { $0 + i }
    }

    func contains(_ text: StaticString) -> Bool { find(text) != nil }

    /// The first position at or after `i` holding `byte`, else the end.
    func end(from i: Int, at byte: UInt8) -> Int {
        guard i < bytes.count, let base = bytes.baseAddress, let hit = memchr(base + i, Int32(byte), bytes.count - i)
        else { return bytes.count }
        return UnsafeRawPointer(hit) - base
    }

    /// The end of the token starting at `i`: the next blank or comma, else the end.
    func tokenEnd(from i: Int) -> Int {
        var j = i
        while j < bytes.count, bytes[j] != 0x20, bytes[j] != 0x2C { j += 1 }
        return j
    }

    func string(_ r: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[r]), as: UTF8.self)
    }

    /// The free text of `r` (an error, a close reason, a note) with any credential in it replaced
    /// (`CredentialRedactor`): coturn writes its database connection string, with its password, into errors.
    func text(_ r: Range<Int>) -> String {
        CredentialRedactor.redact(UnsafeRawBufferPointer(rebasing: bytes[r]))
    }

    /// Whether the bytes of `r` are `text`'s UTF-8 (a value already kept needs no new `String`).
    func equals(_ r: Range<Int>, _ text: String?) -> Bool {
        guard var text else { return false }
        return text.withUTF8 { u in
            u.count == r.count && (r.isEmpty || memcmp(bytes.baseAddress! + r.lowerBound, u.baseAddress!, r.count) == 0)
        }
    }

    /// The decimal number of `r` (at most 18 digits, nothing else), if it is one.
    func number(_ r: Range<Int>) -> Int64? {
        guard !r.isEmpty, r.count <= 18 else { return nil }
        var n: Int64 = 0
        for i in r {
            let d = bytes[i] &- 0x30
            guard d < 10 else { return nil }
            n = n * 10 + Int64(d)
        }
        return n
    }

    /// The value after ` name` (`name` written with its `=` or blank, such as `rp=`), up to a comma or blank,
    /// looked for from `i`.
    func value(_ name: StaticString, from i: Int) -> Range<Int>? {
        var at = i
        while let hit = find(name, from: at) {
            if hit > 0, bytes[hit - 1] == 0x20 || bytes[hit - 1] == 0x2C {
                let start = hit + name.utf8CodeUnitCount
                let end = tokenEnd(from: start)
                return end > start ? start..<end : nil
            }
            at = hit + 1
        }
        return nil
    }

    /// Whether `r` is an IPv4 or IPv6 address, with an optional port (`1.2.3.4`, `1.2.3.4:5`, `[::1]:5`, `::1`).
    func isAddress(_ r: Range<Int>) -> Bool {
        guard !r.isEmpty else { return false }
        if bytes[r.lowerBound] == 0x5B {
            guard let close = r.first(where: { bytes[$0] == 0x5D }) else { return false }
            let port = close + 1..<r.upperBound
            guard port.isEmpty || (bytes[port.lowerBound] == 0x3A && isPort(port.lowerBound + 1..<port.upperBound))
            else { return false }
            return isIPv6(r.lowerBound + 1..<close)
        }
        let colons = r.filter { bytes[$0] == 0x3A }
        if colons.count == 1 {
            return isIPv4(r.lowerBound..<colons[0]) && isPort(colons[0] + 1..<r.upperBound)
        }
        return isIPv4(r) || isIPv6(r)
    }

    /// The IP address of the address at `r` without its port (`1.2.3.4:5` -> `1.2.3.4`, `[::1]:5` -> `::1`).
    func host(_ r: Range<Int>) -> Range<Int> {
        if bytes[r.lowerBound] == 0x5B, let close = r.first(where: { bytes[$0] == 0x5D }) {
            return r.lowerBound + 1..<close
        }
        let colons = r.filter { bytes[$0] == 0x3A }
        return colons.count == 1 ? r.lowerBound..<colons[0] : r
    }

    private func isPort(_ r: Range<Int>) -> Bool {
        r.count <= 5 && number(r).map { $0 <= 65535 } == true
    }

    private func isIPv4(_ r: Range<Int>) -> Bool {
        var parts = 0
        var start = r.lowerBound
        for i in r.lowerBound...r.upperBound where i == r.upperBound || bytes[i] == 0x2E {
            guard i - start <= 3, let n = number(start..<i), n <= 255 else { return false }
            parts += 1
            start = i + 1
        }
        return parts == 4
    }

    private func isIPv6(_ r: Range<Int>) -> Bool {
        guard r.count <= 45, r.contains(where: { bytes[$0] == 0x3A }) else { return false }
        return r.allSatisfy { i in
            let b = bytes[i]
            return ASCII.isDigit(b) || (b | 0x20) &- 0x61 < 6 || b == 0x3A || b == 0x2E
        }
    }
}

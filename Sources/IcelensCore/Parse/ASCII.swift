/// Byte-level ASCII helpers shared by the parsers: case folding and comparisons without making Strings.
public enum ASCII {
    /// Lower-cases an ASCII letter; other bytes pass through.
    @inline(__always)
    public static func lower(_ b: UInt8) -> UInt8 {
        (b &- 0x41) < 26 ? b | 0x20 : b
    }

    /// True for bytes 0-9.
    @inline(__always)
    public static func isDigit(_ b: UInt8) -> Bool { (b &- 0x30) < 10 }

    /// True for space and tab.
    @inline(__always)
    public static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

    /// Space, tab, carriage return or line feed.
    @inline(__always)
    public static func isBlankOrNewline(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// True when `bytes` equals the lower-case ASCII `word`, ignoring case.
    @inline(__always)
    public static func equalsLower(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<bytes.count where lower(bytes[i]) != w[i] { return false }
        return true
    }

    /// True when `bytes` starts with the lower-case ASCII `word`, ignoring case.
    @inline(__always)
    public static func hasPrefixLower(_ bytes: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        let w = word.utf8Start
        for i in 0..<n where lower(bytes[i]) != w[i] { return false }
        return true
    }
}

extension ASCII {
    /// True when `bytes` equals the lower-case ASCII bytes `word`, ignoring case.
    @inline(__always)
    public static func equalsLower(_ bytes: UnsafeRawBufferPointer, _ word: [UInt8]) -> Bool {
        guard bytes.count == word.count else { return false }
        for i in 0..<bytes.count where lower(bytes[i]) != word[i] { return false }
        return true
    }
}

extension ASCII {
    /// The first position at or after `from` (before `end`) holding a space, a tab or `stop`, else `end`; eight
    /// bytes at a time (SWAR) while none of them is one.
    @inline(__always)
    static func firstBlank(_ base: UnsafePointer<UInt8>, from: Int, end: Int, orStop stop: UInt8? = nil) -> Int {
        var p = from
        let raw = UnsafeRawPointer(base)
        let stopWord = 0x0101_0101_0101_0101 &* UInt64(stop ?? 0x20)
        while p &+ 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: p, as: UInt64.self)
            let hits =
                zeroBytes(word ^ 0x2020_2020_2020_2020) | zeroBytes(word ^ 0x0909_0909_0909_0909)
                | zeroBytes(word ^ stopWord)
            if hits != 0 { return p &+ (hits.littleEndian.trailingZeroBitCount >> 3) }
            p &+= 8
        }
        while p < end {
            let b = base[p]
            if b == 0x20 || b == 0x09 || b == (stop ?? 0x20) { return p }
            p &+= 1
        }
        return end
    }

    /// The high bit of each byte of `word` that equals `byte` (and possibly of bytes above such a byte: the lowest
    /// flagged byte is always a true one). The word test behind every eight-bytes-at-a-time scan.
    @inline(__always)
    static func bytesEqual(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        zeroBytes(word ^ (0x0101_0101_0101_0101 &* UInt64(byte)))
    }

    /// The high bit of each zero byte of `x` (and possibly of bytes above a zero byte: the lowest is exact).
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }
}

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

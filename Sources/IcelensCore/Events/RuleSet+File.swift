extension RuleSet {
    /// Largest rules file read (a rules file is a few dozen lines).
    public static let maxRulesFileBytes = 1 << 20

    /// A fingerprint of the rules file's content (64-bit FNV-1a, hex; "unreadable" when it cannot be read), so two
    /// runs are known to have used the same rules whatever path named them (snapshots read with other rules do not
    /// merge).
    public static func fingerprint(ofFile path: String) -> String {
        guard let source = try? FileByteSource(path: path) else { return "unreadable" }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var total = 0
        while total <= maxRulesFileBytes {
            let n = (try? buffer.withUnsafeMutableBytes { try source.read(into: $0) }) ?? 0
            if n == 0 { break }
            total += n
            for byte in buffer[..<n] { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return String(hash, radix: 16)
    }

    /// Compiles the user rules in the file at `path` ahead of the defaults. Throws `RulesFileError` when the file
    /// cannot be opened or a line is wrong (the message names the file, the line and how to fix it).
    public init(rulesFile path: String) throws {
        let source: FileByteSource
        do {
            source = try FileByteSource(path: path)
        } catch is InputError {
            throw RulesFileError(
                line: 0, problem: "it cannot be opened; check that it exists and is readable", file: path)
        }
        var bytes = [UInt8](repeating: 0, count: RuleSet.maxRulesFileBytes)
        var count = 0
        while count < bytes.count {
            let n = try bytes.withUnsafeMutableBytes { buffer in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            }
            if n == 0 { break }
            count += n
        }
        guard count < bytes.count else {
            throw RulesFileError(
                line: 0, problem: "it is larger than \(RuleSet.maxRulesFileBytes) bytes", file: path)
        }
        do {
            try self.init(userRules: MessageRule.parseRules(String(decoding: bytes[..<count], as: UTF8.self)))
        } catch var error as RulesFileError {
            error.file = path
            throw error
        }
    }
}

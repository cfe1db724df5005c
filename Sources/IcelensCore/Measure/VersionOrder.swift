/// Version-aware ordering of labels such as app versions: "1.10.0" > "1.9.2", "v2" > "1.99",
/// "1.2.0-beta" < "1.2.0", "1.2" < "1.2.1"; letters compare case-insensitively.
public enum VersionOrder {
    /// Negative when `a` < `b`, zero when equal, positive when `a` > `b`.
    public static func compare(_ a: String, _ b: String) -> Int {
        let x = chunks(a)
        let y = chunks(b)
        var i = 0
        while i < x.count && i < y.count {
            let c = compareChunk(x[i], y[i])
            if c != 0 { return c }
            i += 1
        }
        if x.count == y.count { return 0 }
        // One is a prefix of the other: a pre-release suffix ("-beta", "~rc1") makes the longer one smaller.
        if x.count > y.count { return isPreRelease(x[i]) ? -1 : 1 }
        return isPreRelease(y[i]) ? 1 : -1
    }

    /// True when `label` is at or after `value` in version order.
    public static func isAtOrAfter(_ label: String, _ value: String) -> Bool {
        compare(label, value) >= 0
    }

    private enum Chunk {
        case number([UInt8])  // digits without leading zeros
        case text([UInt8])  // lower-cased non-digits
    }

    private static func chunks(_ s: String) -> [Chunk] {
        var bytes = Array(s.utf8)
        // A leading "v" before a digit ("v1.2") is not part of the version.
        if bytes.count >= 2, bytes[0] == 0x76 || bytes[0] == 0x56, ASCII.isDigit(bytes[1]) { bytes.removeFirst() }
        var result: [Chunk] = []
        var i = 0
        while i < bytes.count {
            let digit = ASCII.isDigit(bytes[i])
            var j = i
            while j < bytes.count && ASCII.isDigit(bytes[j]) == digit { j += 1 }
            if digit {
                var k = i
                while k < j - 1 && bytes[k] == 0x30 { k += 1 }
                result.append(.number(Array(bytes[k..<j])))
            } else {
                result.append(.text(bytes[i..<j].map(ASCII.lower)))
            }
            i = j
        }
        return result
    }

    private static func compareChunk(_ a: Chunk, _ b: Chunk) -> Int {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            if x.count != y.count { return x.count < y.count ? -1 : 1 }
            return lexicographic(x, y)
        case (.text(let x), .text(let y)):
            return lexicographic(x, y)
        case (.number, .text):
            return 1  // "1.2.3" > "1.2.x"
        case (.text, .number):
            return -1
        }
    }

    private static func lexicographic(_ x: [UInt8], _ y: [UInt8]) -> Int {
        if x == y { return 0 }
        return x.lexicographicallyPrecedes(y) ? -1 : 1
    }

    private static func isPreRelease(_ chunk: Chunk) -> Bool {
        if case .text(let t) = chunk, let first = t.first { return first == 0x2D || first == 0x7E }
        return false
    }
}

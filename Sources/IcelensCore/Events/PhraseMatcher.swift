/// Finds which of a fixed set of phrases occur in a text, in one pass over its bytes: an Aho-Corasick automaton
/// over case-folded bytes (`-` and `_` read as a space), so the cost per line does not grow with the number of rules.
public struct PhraseMatcher: Sendable {
    /// At most this many distinct phrases (bits of a `PhraseSet`).
    public static let capacity = 128

    /// A set of phrase indices.
    public struct PhraseSet: Sendable, Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        /// The empty set.
        public init() {}

        /// Adds phrase `i`.
        public mutating func insert(_ i: Int) {
            if i < 64 { low |= 1 << UInt64(i) } else { high |= 1 << UInt64(i - 64) }
        }

        /// True when the two sets share a phrase.
        @inline(__always) public func intersects(_ o: PhraseSet) -> Bool { (low & o.low) | (high & o.high) != 0 }

        /// True when the set is empty.
        @inline(__always) public var isEmpty: Bool { low | high == 0 }

        @inline(__always) mutating func formUnion(_ o: PhraseSet) {
            low |= o.low
            high |= o.high
        }
    }

    /// The phrases, normalized.
    public let phrases: [[UInt8]]
    private let classOf: [UInt8]
    private let classCount: Int
    private let next: [UInt16]
    private let output: [PhraseSet]
    private let hasOutput: [Bool]

    /// Folds a byte the way phrases and texts are compared: ASCII lower case, `-` and `_` as space.
    @inline(__always) public static func fold(_ b: UInt8) -> UInt8 {
        if b == 0x2D || b == 0x5F || b == 0x09 { return 0x20 }
        return ASCII.lower(b)
    }

    /// Builds the automaton. Phrases are folded; there must be at most `capacity` of them.
    public init(phrases raw: [String]) {
        let phrases = raw.map { Array($0.utf8).map(PhraseMatcher.fold) }
        precondition(phrases.count <= PhraseMatcher.capacity, "too many phrases")
        self.phrases = phrases
        // Byte classes: 0 for bytes in no phrase, then one class per distinct byte.
        var classOf = [UInt8](repeating: 0, count: 256)
        var classes = 1
        for phrase in phrases {
            for b in phrase where classOf[Int(b)] == 0 {
                classOf[Int(b)] = UInt8(classes)
                classes += 1
            }
        }
        for b in 0..<256 { classOf[b] = classOf[Int(PhraseMatcher.fold(UInt8(b)))] }
        // Trie.
        var goto: [[Int]] = [[Int](repeating: -1, count: classes)]
        var out: [PhraseSet] = [PhraseSet()]
        for (index, phrase) in phrases.enumerated() {
            var state = 0
            for b in phrase {
                let c = Int(classOf[Int(b)])
                if goto[state][c] < 0 {
                    goto.append([Int](repeating: -1, count: classes))
                    out.append(PhraseSet())
                    goto[state][c] = goto.count - 1
                }
                state = goto[state][c]
            }
            out[state].insert(index)
        }
        // Failure links by breadth-first search, turning the trie into a full automaton.
        var fail = [Int](repeating: 0, count: goto.count)
        var queue: [Int] = []
        for c in 0..<classes {
            if goto[0][c] < 0 { goto[0][c] = 0 } else { queue.append(goto[0][c]) }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]
            head += 1
            out[s].formUnion(out[fail[s]])
            for c in 0..<classes {
                let t = goto[s][c]
                if t < 0 {
                    goto[s][c] = goto[fail[s]][c]
                } else {
                    fail[t] = s == 0 ? 0 : goto[fail[s]][c]
                    queue.append(t)
                }
            }
        }
        // Class 0 (a byte in no phrase) always returns to the root.
        self.classOf = classOf
        self.classCount = classes
        self.next = goto.flatMap { $0.map { UInt16($0) } }
        self.output = out
        self.hasOutput = out.map { !$0.isEmpty }
    }

    /// The phrases that occur in `text`.
    @inline(__always)
    public func matches(in text: UnsafeRawBufferPointer) -> PhraseSet {
        var found = PhraseSet()
        guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return found }
        classOf.withUnsafeBufferPointer { classOf in
            next.withUnsafeBufferPointer { next in
                hasOutput.withUnsafeBufferPointer { hasOutput in
                    var state = 0
                    let width = classCount
                    for i in 0..<text.count {
                        state = Int(next[state &* width &+ Int(classOf[Int(base[i])])])
                        if hasOutput[state] { found.formUnion(output[state]) }
                    }
                }
            }
        }
        return found
    }
}

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
    /// Byte to class index.
    private let classOf: [UInt16]
    /// Transition table: entry `state * classCount + class` holds the next state's row offset
    /// (`state * classCount`), with the top bit set when that state ends a phrase.
    private let next: [UInt32]
    /// Phrases ending at each state (by state index).
    private let output: [PhraseSet]
    /// Row width of `next`.
    private let classCount: Int
    /// Longest phrase, in bytes (segments of a text overlap by this much less one).
    private let longest: Int
    private static let outputBit: UInt32 = 1 << 31

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
        self.classOf = classOf.map { UInt16($0) }
        self.classCount = classes
        self.next = goto.flatMap { row in
            row.map { t in UInt32(t * classes) | (out[t].isEmpty ? 0 : PhraseMatcher.outputBit) }
        }
        self.output = out
        self.longest = phrases.map(\.count).max() ?? 1
    }

    /// The phrases that occur in `text`. Long texts are scanned as four overlapping segments in lockstep, so the
    /// four automaton walks overlap in the processor instead of waiting on one chain of table loads.
    @inline(__always)
    public func matches(in text: UnsafeRawBufferPointer) -> PhraseSet {
        var found = PhraseSet()
        guard let base = text.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return found }
        let n = text.count
        classOf.withUnsafeBufferPointer { classOf in
            next.withUnsafeBufferPointer { next in
                output.withUnsafeBufferPointer { output in
                    let cls = classOf.baseAddress!
                    let table = next.baseAddress!
                    let width = UInt32(classCount)
                    let mask = ~PhraseMatcher.outputBit
                    @inline(__always) func report(_ entry: UInt32) {
                        found.formUnion(output[Int((entry & mask) / width)])
                    }
                    let overlap = longest - 1
                    let segment = (n + 3) / 4
                    var i = 0
                    if segment >= overlap && n >= 64 {
                        // Four walks: walk k covers [k*segment - overlap, (k+1)*segment).
                        var s0: UInt32 = 0, s1: UInt32 = 0, s2: UInt32 = 0, s3: UInt32 = 0
                        let b1 = segment - overlap, b2 = 2 * segment - overlap, b3 = 3 * segment - overlap
                        let steps = segment + overlap
                        let last = n - b3  // walk 3 may be shorter
                        var k = 0
                        while k < steps && k < last {
                            s0 = table[Int(s0 & mask) &+ Int(cls[Int(base[k])])]
                            s1 = table[Int(s1 & mask) &+ Int(cls[Int(base[b1 &+ k])])]
                            s2 = table[Int(s2 & mask) &+ Int(cls[Int(base[b2 &+ k])])]
                            s3 = table[Int(s3 & mask) &+ Int(cls[Int(base[b3 &+ k])])]
                            if (s0 | s1 | s2 | s3) & PhraseMatcher.outputBit != 0 {
                                if s0 & PhraseMatcher.outputBit != 0 { report(s0) }
                                if s1 & PhraseMatcher.outputBit != 0 { report(s1) }
                                if s2 & PhraseMatcher.outputBit != 0 { report(s2) }
                                if s3 & PhraseMatcher.outputBit != 0 { report(s3) }
                            }
                            k += 1
                        }
                        // Finish walks 0-2 where walk 3 ran out first.
                        while k < steps {
                            s0 = table[Int(s0 & mask) &+ Int(cls[Int(base[k])])]
                            s1 = table[Int(s1 & mask) &+ Int(cls[Int(base[b1 &+ k])])]
                            s2 = table[Int(s2 & mask) &+ Int(cls[Int(base[b2 &+ k])])]
                            if s0 & PhraseMatcher.outputBit != 0 { report(s0) }
                            if s1 & PhraseMatcher.outputBit != 0 { report(s1) }
                            if s2 & PhraseMatcher.outputBit != 0 { report(s2) }
                            k += 1
                        }
                        return
                    }
                    var state: UInt32 = 0
                    while i < n {
                        state = table[Int(state & mask) &+ Int(cls[Int(base[i])])]
                        if state & PhraseMatcher.outputBit != 0 { report(state) }
                        i += 1
                    }
                }
            }
        }
        return found
    }
}

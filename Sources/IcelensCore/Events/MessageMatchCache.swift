#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Remembers the rules' verdict on recent message texts. WebRTC logs repeat the same few sentences
/// ("iceConnectionState changed: checking", the same server list for every attendee of a tour): on the event-dense
/// corpus 71% of text messages are a repeat. The phrase automaton costs ~1,000 instructions a message; a hit here
/// costs a hash and a compare of the bytes. The verdict is a function of the bytes alone (the rules of a run do not
/// change), so a hit gives exactly what the automaton would.
///
/// 256 slots, direct-mapped by a hash of the bytes; messages longer than `maxBytes` are not kept. Memory: 48 KiB a
/// classifier, whatever the input.
final class MessageMatchCache {
    static let slots = 256
    static let maxBytes = 184

    /// The bytes of each slot's message, `maxBytes` a slot.
    private let keys: UnsafeMutablePointer<UInt8>
    /// Each slot's message length, -1 when empty.
    private let lengths: UnsafeMutablePointer<Int32>
    /// Each slot's hash.
    private let hashes: UnsafeMutablePointer<UInt64>
    /// Each slot's verdict.
    private var verdicts: [RuleSet.Match?]

    init() {
        keys = .allocate(capacity: Self.slots * Self.maxBytes)
        lengths = .allocate(capacity: Self.slots)
        lengths.initialize(repeating: -1, count: Self.slots)
        hashes = .allocate(capacity: Self.slots)
        hashes.initialize(repeating: 0, count: Self.slots)
        verdicts = [RuleSet.Match?](repeating: nil, count: Self.slots)
    }

    deinit {
        keys.deallocate()
        lengths.deallocate()
        hashes.deallocate()
    }

    /// `rules.classify(message)`, from the cache when the same bytes were classified in the slot last.
    @inline(__always)
    func classify(_ message: UnsafeRawBufferPointer, rules: RuleSet) -> RuleSet.Match? {
        let n = message.count
        guard n > 0, n <= Self.maxBytes, let base = message.baseAddress else { return rules.classify(message) }
        let hash = Self.hash(base, n)
        let slot = Int(truncatingIfNeeded: hash >> 56)
        let key = keys + slot * Self.maxBytes
        if hashes[slot] == hash, lengths[slot] == Int32(n), memcmp(key, base, n) == 0 { return verdicts[slot] }
        let verdict = rules.classify(message)
        key.update(from: base.assumingMemoryBound(to: UInt8.self), count: n)
        lengths[slot] = Int32(n)
        hashes[slot] = hash
        verdicts[slot] = verdict
        return verdict
    }

    /// A hash of `n` bytes, eight at a time (multiply, rotate), the length folded in; well mixed in its top byte.
    @inline(__always)
    static func hash(_ base: UnsafeRawPointer, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        var p = 0
        while p &+ 8 <= n {
            let word = base.loadUnaligned(fromByteOffset: p, as: UInt64.self)
            h = ((h ^ word) &* 0xBF58_476D_1CE4_E5B9).rotatedLeft(by: 31)
            p &+= 8
        }
        if p < n {
            var tail: UInt64 = 0
            withUnsafeMutableBytes(of: &tail) { $0.baseAddress!.copyMemory(from: base + p, byteCount: n &- p) }
            h = ((h ^ tail) &* 0xBF58_476D_1CE4_E5B9).rotatedLeft(by: 31)
        }
        h ^= h >> 29
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 32
        return h
    }
}

extension UInt64 {
    /// The bits rotated left by `k` (0 < k < 64).
    @inline(__always)
    fileprivate func rotatedLeft(by k: UInt64) -> UInt64 {
        (self << k) | (self >> (64 &- k))
    }
}

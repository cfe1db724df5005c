#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Remembers what a pure function made of recent byte strings: the rules' verdict on a message text, the TURN hosts
/// a server list names. WebRTC logs repeat the same few sentences ("iceConnectionState changed: checking", the same
/// server list for every attendee of a tour): on the event-dense corpus 71% of text messages are a repeat. The
/// phrase automaton costs ~1,000 instructions a message, a host scan about as much; a hit here costs a hash and a
/// compare of the bytes. The value is a function of the bytes alone (the rules of a run do not change), so a hit
/// gives exactly what the function would.
///
/// 128 slots, direct-mapped by a hash of the bytes; strings longer than `maxBytes` are not kept. Memory: ~20 KiB a
/// cache plus the values, whatever the input.
final class RecentBytesCache<Value> {
    /// A power of two (a slot is the top bits of the hash).
    static var slots: Int { 128 }
    static var maxBytes: Int { 160 }

    /// The bytes of each slot's message, `maxBytes` a slot.
    private let keys: UnsafeMutablePointer<UInt8>
    /// Each slot's message length, -1 when empty.
    private let lengths: UnsafeMutablePointer<Int32>
    /// Each slot's hash.
    private let hashes: UnsafeMutablePointer<UInt64>
    /// Each slot's value (raw memory, like the rest: array properties of a class are checked for exclusive access
    /// at every use).
    private let values: UnsafeMutablePointer<Value?>

    init() {
        keys = .allocate(capacity: Self.slots * Self.maxBytes)
        lengths = .allocate(capacity: Self.slots)
        lengths.initialize(repeating: -1, count: Self.slots)
        hashes = .allocate(capacity: Self.slots)
        hashes.initialize(repeating: 0, count: Self.slots)
        values = .allocate(capacity: Self.slots)
        values.initialize(repeating: nil, count: Self.slots)
    }

    deinit {
        values.deinitialize(count: Self.slots)
        values.deallocate()
        keys.deallocate()
        lengths.deallocate()
        hashes.deallocate()
    }

    /// `make(bytes)`, from the cache when the same bytes were made in the slot last. `make` must depend on the bytes
    /// alone.
    @inline(__always)
    func value(for bytes: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> Value) -> Value {
        let n = bytes.count
        guard n > 0, n <= Self.maxBytes, let base = bytes.baseAddress else { return make(bytes) }
        let hash = Self.hash(base, n)
        let slot = Int(truncatingIfNeeded: hash >> UInt64(64 - Self.slots.trailingZeroBitCount))  // the top bits
        let key = keys + slot * Self.maxBytes
        if hashes[slot] == hash, lengths[slot] == Int32(n), memcmp(key, base, n) == 0, let value = values[slot] {
            return value
        }
        let value = make(bytes)
        key.update(from: base.assumingMemoryBound(to: UInt8.self), count: n)
        lengths[slot] = Int32(n)
        hashes[slot] = hash
        values[slot] = value
        return value
    }

    /// A hash of `n` bytes, eight at a time (multiply, rotate), the length folded in; well mixed in its top bits.
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

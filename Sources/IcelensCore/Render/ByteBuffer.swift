/// A growable byte buffer for hot writers (NDJSON events): the writer asks once for room for everything an item can
/// take (`reserve`), then appends without a capacity or uniqueness check per byte, which `[UInt8].append` pays.
/// One buffer is reused for a whole run; it never shrinks.
final class ByteBuffer {
    /// The bytes written so far.
    private(set) var base: UnsafeMutablePointer<UInt8>
    /// Number of bytes written.
    private(set) var count = 0
    /// Bytes allocated.
    private(set) var capacity: Int

    /// Makes an empty buffer with room for `capacity` bytes.
    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        self.base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The written bytes (valid until the next write).
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Forgets the written bytes, keeping the memory.
    @inline(__always) func removeAll() { count = 0 }

    /// Makes sure `n` more bytes fit without growing.
    @inline(__always) func reserve(_ n: Int) {
        if count + n > capacity { grow(to: count + n) }
    }

    private func grow(to needed: Int) {
        var next = capacity * 2
        while next < needed { next *= 2 }
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: next)
        fresh.update(from: base, count: count)
        base.deallocate()
        base = fresh
        capacity = next
    }

    /// Appends one byte; the caller reserved room.
    @inline(__always) func put(_ byte: UInt8) {
        base[count] = byte
        count &+= 1
    }

    /// Appends `n` bytes from `source`; the caller reserved room.
    @inline(__always) func put(_ source: UnsafeRawPointer, _ n: Int) {
        (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: n)
        count &+= n
    }

    /// Appends the bytes of a static string; the caller reserved room.
    @inline(__always) func put(_ text: StaticString) {
        put(UnsafeRawPointer(text.utf8Start), text.utf8CodeUnitCount)
    }

    /// Appends `n` as decimal digits (a minus sign first when negative); the caller reserved 20 bytes.
    @inline(__always) func putDecimal(_ n: Int) {
        if n < 0 { put(0x2D) }
        let v = n.magnitude
        var width = 1
        var probe = v / 10
        while probe > 0 {
            width += 1
            probe /= 10
        }
        putDigits(v, width: width)
    }

    /// Appends the `width` low decimal digits of `value`, zero-padded; the caller reserved room.
    @inline(__always) func putDigits(_ value: UInt, width: Int) {
        var v = value
        let end = count &+ width
        var at = end
        while at > count {
            at &-= 1
            base[at] = 0x30 &+ UInt8(truncatingIfNeeded: v % 10)
            v /= 10
        }
        count = end
    }

    /// Appends `v` as a zigzag LEB128 varint (the encoding of `SpillEncoder.int`); the caller reserved 10 bytes.
    @inline(__always) func putZigzag(_ v: Int64) {
        var z = UInt64(bitPattern: (v << 1) ^ (v >> 63))
        while z >= 0x80 {
            put(UInt8(truncatingIfNeeded: z) | 0x80)
            z >>= 7
        }
        put(UInt8(truncatingIfNeeded: z))
    }
}

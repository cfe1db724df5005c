/// A xoshiro256** pseudo-random generator seeded through SplitMix64: the only randomness the generator uses.
///
/// Its helpers (`below`, `unit`, `chance`, `range`) are written here rather than taken from the standard library so
/// that a seed produces the same output on every platform and toolchain.
struct Xoshiro256 {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose whole state is derived from `seed` by SplitMix64.
    init(seed: UInt64) {
        var sm = seed
        func splitMix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform integer in `0..<n` (0 when `n` is 0), by multiply-high.
    @inline(__always)
    mutating func below(_ n: Int) -> Int {
        guard n > 0 else { return 0 }
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// A uniform integer in the closed range `lo...hi`.
    @inline(__always)
    mutating func range(_ lo: Int, _ hi: Int) -> Int {
        hi <= lo ? lo : lo + below(hi - lo + 1)
    }

    /// A uniform 64-bit integer in the closed range `lo...hi`.
    @inline(__always)
    mutating func range64(_ lo: Int64, _ hi: Int64) -> Int64 {
        Int64(range(Int(lo), Int(hi)))
    }

    /// A uniform double in `[0, 1)`.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// True with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool {
        unit() < p
    }

    /// A fresh 32-bit salt for a record's own randomness.
    @inline(__always)
    mutating func salt() -> UInt32 {
        UInt32(truncatingIfNeeded: next() >> 32)
    }
}

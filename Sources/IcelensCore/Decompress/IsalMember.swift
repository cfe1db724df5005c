import CIsal

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// ISA-L's decoding of one gzip member at a time, with the newest `holdBack` decoded bytes held back until the
/// member's end. ISA-L is more lenient than zlib about a damaged deflate block (it decodes symbols of a block whose
/// code zlib refuses outright, a few dozen bytes in the damage seen in tests), so bytes are given out only once
/// ISA-L has decoded `holdBack` bytes past them: when it then finds damage, zlib decodes the member again and gives
/// exactly its own bytes from where ISA-L's given ones end (`DecodingByteSource`).
final class IsalMember {
    /// Decoded bytes kept back from the newest end while the member is open.
    static let holdBack = 64 * 1024
    /// Size of the buffer ISA-L decodes into: the held bytes move to its front only when less than
    /// `minimumRoom` is left behind them.
    static let bufferSize = 192 * 1024
    /// Room ISA-L gets for each call.
    static let minimumRoom = 64 * 1024

    private let state: UnsafeMutableRawPointer
    private let buffer: UnsafeMutableRawPointer
    /// Decoded, not yet given bytes: `buffer[start ..< end]`.
    private var start = 0
    private var end = 0
    /// The member's trailer was read and checked: every decoded byte may be given.
    private(set) var finished = false

    /// A new state, or nil when ISA-L is not available.
    init?() {
        guard let state = icelens_isal_new() else { return nil }
        self.state = state
        buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.bufferSize, alignment: 16)
    }

    deinit {
        icelens_isal_free(state)
        buffer.deallocate()
    }

    /// Readies the state for the next member (dropping anything held).
    func reset() {
        icelens_isal_reset(state)
        start = 0
        end = 0
        finished = false
    }

    /// Copies the bytes that may be given into `out` (at most `capacity`); returns how many.
    func give(into out: UnsafeMutableRawPointer, capacity: Int) -> Int {
        let ready = finished ? end - start : end - start - Self.holdBack
        let count = min(ready, capacity)
        guard count > 0 else { return 0 }
        out.copyMemory(from: buffer + start, byteCount: count)
        start += count
        return count
    }

    /// Decodes from `input` (call when `give` has nothing to give); returns the compressed bytes used and whether
    /// ISA-L went on without trouble (false: damage, or no progress).
    func decode(_ input: UnsafeRawPointer, count: Int) -> (consumed: Int, ok: Bool) {
        if start > 0, Self.bufferSize - end < Self.minimumRoom {
            if end > start { memmove(buffer, buffer + start, end - start) }
            end -= start
            start = 0
        }
        let step = icelens_isal_inflate(
            state, input.assumingMemoryBound(to: UInt8.self), UInt32(clamping: count),
            (buffer + end).assumingMemoryBound(to: UInt8.self), UInt32(Self.bufferSize - end))
        end += Int(step.produced)
        finished = step.finished != 0
        let progressed = step.consumed > 0 || step.produced > 0 || finished
        return (Int(step.consumed), step.status >= 0 && progressed)
    }
}

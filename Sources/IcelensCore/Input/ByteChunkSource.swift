/// A pull source of bytes: each read fills the front of a caller's buffer and says how much; 0 means end of input.
///
/// Callers pass a non-empty buffer. A source returns at most `buffer.count` bytes per call and may return fewer
/// before its end. Sources are single-consumer and not thread-safe; `PrefetchingByteSource` moves one to a
/// background thread safely.
public protocol ByteChunkSource: AnyObject {
    /// Reads up to `buffer.count` bytes into the front of `buffer`; returns how many, 0 at end of input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

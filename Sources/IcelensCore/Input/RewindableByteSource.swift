/// A byte source that can start again from an earlier offset: a regular file, not a pipe. The gzip decoder needs
/// it to decode a damaged member a second time with zlib when ISA-L decoded it first (`GzipDecoder.isal`).
public protocol RewindableByteSource: ByteChunkSource {
    /// Whether `rewind(to:)` can work for this source (known when it is opened).
    var canRewind: Bool { get }
    /// Makes the next read start at `offset` (bytes from the start of the source); false when it cannot.
    func rewind(to offset: Int64) -> Bool
}

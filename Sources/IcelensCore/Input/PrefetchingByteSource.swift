/// Runs a wrapped source on a background thread (a pthread), keeping up to N (default 3) filled
/// chunks (default 512 KiB) ready; read(into:) copies out of them. Propagates errors and EOF; if dropped early
/// (consumer stops, e.g. closed pipe), the thread stops and nothing leaks or deadlocks. After EOF, exposes the
/// wrapped source's final state (so callers can read DecodingByteSource.damage/isGzip safely after EOF).
///
/// The wrapped source belongs to the background thread from `init` on: do not touch it until `finishedSource`
/// hands it back. Dropping this source early does not wait for a read in progress (a blocked stdin read cannot
/// hang the caller); the thread exits after that read and releases the wrapped source and the chunks.
public final class PrefetchingByteSource: ByteChunkSource {
    private let shared: PrefetchRing
    private let wrapped: ByteChunkSource
    private var currentSlot = -1
    private var currentOffset = 0
    private var currentCount = 0
    private var endSeen = false

    /// Starts the background thread; it fills up to `depth` chunks of `chunkSize` bytes ahead of the reader.
    public init(_ wrapped: ByteChunkSource, chunkSize: Int = 256 << 10, depth: Int = 3) {
        let shared = PrefetchRing(chunkSize: max(chunkSize, 1), depth: max(depth, 1))
        self.shared = shared
        self.wrapped = wrapped
        let box = PrefetchRing.SourceBox(wrapped)
        BackgroundThread.start(name: "icelens-prefetch") { shared.produce(from: box) }
    }

    deinit {
        shared.cancel()
    }

    /// The wrapped source, once this source has returned end of input (or thrown its error); nil before.
    /// By then the background thread no longer touches it, so its final state (damage, isGzip) is safe to read.
    public var finishedSource: ByteChunkSource? { endSeen ? wrapped : nil }

    /// Copies prefetched bytes into `buffer`, waiting for the thread when none are ready; 0 at end of input.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let outBase = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if currentSlot < 0 {
            let next: (slot: Int, count: Int)?
            do {
                next = try shared.takeFilled()
            } catch {
                endSeen = true
                throw error
            }
            switch next {
            case .some(let chunk):
                currentSlot = chunk.slot
                currentOffset = 0
                currentCount = chunk.count
            case .none:
                endSeen = true
                return 0
            }
        }
        let count = min(buffer.count, currentCount - currentOffset)
        outBase.copyMemory(from: shared.buffers[currentSlot] + currentOffset, byteCount: count)
        currentOffset += count
        if currentOffset == currentCount {
            shared.release(slot: currentSlot)
            currentSlot = -1
        }
        return count
    }
}

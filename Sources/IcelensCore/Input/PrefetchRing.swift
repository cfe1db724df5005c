/// The chunk ring shared by a `PrefetchingByteSource` and its thread; every field is guarded by `condition`,
/// except chunk contents, which belong to whichever side holds the slot.
final class PrefetchRing: @unchecked Sendable {
    /// Carries a non-Sendable source to the one background thread that uses it.
    final class SourceBox: @unchecked Sendable {
        let source: ByteChunkSource
        init(_ source: ByteChunkSource) { self.source = source }
    }

    let condition = Monitor()
    let chunkSize: Int
    let buffers: [UnsafeMutableRawPointer]
    private var freeSlots: [Int]
    private var filledSlots: [(slot: Int, count: Int)] = []
    private var producerDone = false
    private var failure: (any Error)?
    private var cancelled = false

    init(chunkSize: Int, depth: Int) {
        self.chunkSize = chunkSize
        self.buffers = (0..<depth).map { _ in UnsafeMutableRawPointer.allocate(byteCount: chunkSize, alignment: 64) }
        self.freeSlots = Array((0..<depth).reversed())
    }

    deinit {
        for buffer in buffers { buffer.deallocate() }
    }

    /// The thread's loop: fill free slots until end of input, an error, or cancellation.
    func produce(from box: SourceBox) {
        while true {
            condition.lock()
            while freeSlots.isEmpty && !cancelled { condition.wait() }
            if cancelled {
                condition.unlock()
                return
            }
            let slot = freeSlots.removeLast()
            condition.unlock()

            let count: Int
            var caught: (any Error)?
            do {
                count = try box.source.read(into: UnsafeMutableRawBufferPointer(start: buffers[slot], count: chunkSize))
            } catch {
                count = 0
                caught = error
            }

            condition.change {
                if count > 0 {
                    filledSlots.append((slot, count))
                } else {
                    freeSlots.append(slot)
                    producerDone = true
                    failure = caught
                }
            }
            if count == 0 { return }
        }
    }

    /// Waits for the next filled chunk; nil at end of input; throws the wrapped source's error after earlier chunks.
    func takeFilled() throws -> (slot: Int, count: Int)? {
        condition.lock()
        defer { condition.unlock() }
        while filledSlots.isEmpty && !producerDone { condition.wait() }
        if filledSlots.isEmpty {
            if let failure { throw failure }
            return nil
        }
        return filledSlots.removeFirst()
    }

    /// Hands a consumed chunk back to the thread.
    func release(slot: Int) {
        condition.change { freeSlots.append(slot) }
    }

    /// Tells the thread to stop at its next chance.
    func cancel() {
        condition.change { cancelled = true }
    }
}

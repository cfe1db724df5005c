/// The reusable byte buffer behind a `LineReader`: one allocation, freed when the last reader copy goes away.
final class LineBuffer {
    /// Start of the buffer.
    let base: UnsafeMutableRawPointer
    /// Size of the buffer in bytes.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        self.base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
    }

    deinit {
        base.deallocate()
    }
}

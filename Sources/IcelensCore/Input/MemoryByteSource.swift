/// A byte source over bytes in memory, handing them out at most `readSize` at a time: for reading a buffer as an
/// input (fuzzing, tests) exactly as a file would be read, including reads that split lines and gzip members; it
/// rewinds as a regular file does.
public final class MemoryByteSource: RewindableByteSource {
    private let bytes: [UInt8]
    private var offset = 0
    private let readSize: Int

    /// Serves `bytes`, `readSize` (at least 1) at most per read.
    public init(_ bytes: [UInt8], readSize: Int = 1 << 16) {
        self.bytes = bytes
        self.readSize = max(1, readSize)
    }

    public var canRewind: Bool { true }

    public func rewind(to offset: Int64) -> Bool {
        guard offset >= 0, offset <= Int64(bytes.count) else { return false }
        self.offset = Int(offset)
        return true
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        let count = min(buffer.count, readSize, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { base.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
        offset += count
        return count
    }
}

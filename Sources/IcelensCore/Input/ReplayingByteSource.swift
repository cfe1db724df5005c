/// Gives back bytes already read from an input (its sniffed start) before reading on from the rest of it, so an
/// input is opened and decompressed once even though its start was looked at to choose its format. The rest can
/// be switched once (to a prefetching source) when the input starts being read at full speed.
public final class ReplayingByteSource: ByteChunkSource {
    private var prefix: [UInt8]
    private var offset = 0
    /// Where bytes come from once the prefix is given back.
    public var rest: ByteChunkSource

    /// Replays `prefix`, then reads `rest`.
    public init(prefix: [UInt8], rest: ByteChunkSource) {
        self.prefix = prefix
        self.rest = rest
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if offset < prefix.count {
            let count = min(buffer.count, prefix.count - offset)
            prefix.withUnsafeBytes { base.copyMemory(from: $0.baseAddress! + offset, byteCount: count) }
            offset += count
            if offset == prefix.count { prefix = [] }
            return count
        }
        return try rest.read(into: buffer)
    }

    /// Reads the start of `source`: until `minimum` bytes are in (a slow pipe is not waited on for more), the
    /// source ends, or `limit` bytes.
    public static func readStart(of source: ByteChunkSource, limit: Int, minimum: Int = 4096) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: limit)
        var count = 0
        while count < min(minimum, limit) {
            let n = try bytes.withUnsafeMutableBytes {
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[count...]))
            }
            if n == 0 { break }
            count += n
        }
        bytes.removeSubrange(count...)
        return bytes
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A buffered byte writer to a file descriptor: lines are assembled in one reusable buffer and written in
/// large blocks with `write(2)`, so output memory stays bounded whatever the size of the output.
final class ByteSink {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private let flushThresholdBytes: Int
    private var buffer: [UInt8]
    private var flushedBytes = 0
    /// True once a write failed (for example a closed pipe); further output is dropped.
    private(set) var failed = false

    /// Lines ended so far.
    private(set) var linesWritten = 0

    /// Bytes accepted so far, flushed or still buffered.
    var bytesWritten: Int { flushedBytes + buffer.count }

    /// A sink writing to an already open descriptor (1 for standard output), not closed by `close()`.
    init(fd: Int32, flushThresholdBytes: Int = 1 << 20) {
        self.fd = fd
        self.ownsDescriptor = false
        self.flushThresholdBytes = flushThresholdBytes
        self.buffer = []
        buffer.reserveCapacity(flushThresholdBytes + 64 * 1024)
    }

    /// A sink that creates or truncates the file at `path`; nil when it cannot be opened.
    init?(path: String, flushThresholdBytes: Int = 1 << 20) {
        let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard opened >= 0 else { return nil }
        self.fd = opened
        self.ownsDescriptor = true
        self.flushThresholdBytes = flushThresholdBytes
        self.buffer = []
        buffer.reserveCapacity(flushThresholdBytes + 64 * 1024)
    }

    /// Appends one byte.
    @inline(__always)
    func byte(_ b: UInt8) { buffer.append(b) }

    /// Appends the UTF-8 bytes of a static string.
    @inline(__always)
    func raw(_ s: StaticString) {
        s.withUTF8Buffer { buffer.append(contentsOf: $0) }
    }

    /// Appends the UTF-8 bytes of a string.
    func text(_ s: String) { buffer.append(contentsOf: s.utf8) }

    /// Appends a decimal integer.
    @inline(__always)
    func int<T: BinaryInteger>(_ value: T) {
        var v = Int64(value)
        if v < 0 {
            buffer.append(0x2D)
            v = -v
        }
        if v < 10 {
            buffer.append(0x30 &+ UInt8(v))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { tmp in
            while v > 0 {
                tmp[count] = 0x30 &+ UInt8(v % 10)
                v /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                buffer.append(tmp[count])
            }
        }
    }

    /// Appends a non-negative integer left-padded with zeros to `width` digits.
    @inline(__always)
    func padded(_ value: Int, width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor &*= 10 }
        var v = value
        while divisor > 0 {
            buffer.append(0x30 &+ UInt8((v / divisor) % 10))
            v %= divisor
            divisor /= 10
        }
    }

    /// Appends a fixed-point number with one decimal digit, given in tenths (`123` writes `12.3`).
    @inline(__always)
    func tenths(_ value: Int) {
        int(value / 10)
        buffer.append(0x2E)
        buffer.append(0x30 &+ UInt8(value % 10))
    }

    /// Appends the low `digits` hexadecimal digits of `value`, lower case.
    @inline(__always)
    func hex(_ value: UInt64, digits: Int) {
        var shift = (digits - 1) * 4
        while shift >= 0 {
            let nibble = UInt8((value >> UInt64(shift)) & 0xF)
            buffer.append(nibble < 10 ? 0x30 &+ nibble : 0x57 &+ nibble)
            shift -= 4
        }
    }

    /// Ends a line and flushes when the buffer is full.
    @inline(__always)
    func newline() {
        buffer.append(0x0A)
        linesWritten &+= 1
        if buffer.count >= flushThresholdBytes { flush() }
    }

    /// Writes every buffered byte to the descriptor.
    func flush() {
        if failed {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        var offset = 0
        let total = buffer.count
        buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            while offset < total {
                let n = write(fd, base + offset, total - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    return
                }
                offset += n
            }
        }
        flushedBytes += total
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and closes a descriptor this sink opened.
    func finish() {
        flush()
        if ownsDescriptor { _ = close(fd) }
    }
}

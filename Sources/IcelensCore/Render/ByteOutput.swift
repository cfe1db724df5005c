#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Raised when the reader of our output has gone (`icelens events | head -1`): the run should end quietly.
public struct OutputClosed: Error {}

/// Raised when the output cannot be written for another reason (a full disk, an I/O error): the run must fail
/// loudly, or a cron job would keep an empty report and a success status.
public struct OutputFailed: Error, CustomStringConvertible {
    /// The system's reason.
    public var reason: String
    public var description: String { "cannot write the output: \(reason)" }

    /// Makes the error.
    public init(reason: String) {
        self.reason = reason
    }
}

/// A buffered writer of bytes to a file descriptor (stdout by default): one `write(2)` per 64 KiB, EINTR-safe,
/// a closed pipe reported as `OutputClosed` instead of a crash, any other write error as `OutputFailed`.
public final class ByteOutput {
    private var buffer: [UInt8] = []
    private let fd: Int32
    private let capacity: Int
    /// Whether this output is a terminal (decides colours and control-character display).
    public let isTerminal: Bool

    /// Writes to `fileDescriptor` (1 = stdout, 2 = stderr).
    public init(fileDescriptor: Int32 = 1, capacity: Int = 1 << 16) {
        self.fd = fileDescriptor
        self.capacity = capacity
        self.isTerminal = isatty(fileDescriptor) == 1
        buffer.reserveCapacity(capacity)
    }

    /// Stops SIGPIPE from killing the process, so a closed pipe surfaces as `OutputClosed`.
    public static func ignoreBrokenPipeSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Appends UTF-8 text.
    @inline(__always)
    public func write(_ text: String) throws {
        var t = text
        t.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= capacity { try flush() }
    }

    /// Appends bytes.
    @inline(__always)
    public func write(bytes: UnsafeRawBufferPointer) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends one byte.
    @inline(__always)
    public func write(byte: UInt8) {
        buffer.append(byte)
    }

    /// Sends everything buffered to the descriptor.
    public func flush() throws {
        var offset = 0
        let total = buffer.count
        defer { buffer.removeAll(keepingCapacity: true) }
        try buffer.withUnsafeBytes { raw in
            while offset < total {
                let n = Glibc.write(fd, raw.baseAddress! + offset, total - offset)
                if n < 0 {
                    let code = errno
                    if code == EINTR { continue }
                    if code == EPIPE { throw OutputClosed() }
                    throw OutputFailed(reason: FileByteSource.errorText(code))
                }
                offset += n
            }
        }
    }
}

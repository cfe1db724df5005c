#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A byte source over a POSIX file descriptor: a file opened by path, or an inherited one such as stdin (fd 0).
/// A regular file can be rewound (`RewindableByteSource`); a pipe or a terminal cannot.
public final class FileByteSource: RewindableByteSource {
    /// The input's name in messages (the path, or `-`).
    public let displayName: String
    private let fileDescriptor: Int32
    private let closesOnDeinit: Bool
    /// True for a regular file this source opened by path (read from its start, so an offset counted from the
    /// first byte read is an offset in the file), known when it is opened. An inherited descriptor (standard
    /// input, even redirected from a file) is never rewound: its position is shared with the parent shell and
    /// need not start at 0.
    public let canRewind: Bool

    /// Opens `path` for reading; throws `InputError.notFound` or `.unreadable` with the system's reason.
    public init(path: String, displayName: String? = nil) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw InputError.notFound(path: path) }
            throw InputError.unreadable(path: path, reason: Self.errorText(code))
        }
        #if canImport(Glibc)
            _ = posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL)
        #endif
        self.fileDescriptor = fd
        self.displayName = displayName ?? path
        self.closesOnDeinit = true
        var info = stat()
        self.canRewind = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Wraps an already open descriptor (stdin is 0); it is closed on deinit only when `closeOnDeinit` is true.
    public init(fileDescriptor: Int32, displayName: String = "-", closeOnDeinit: Bool = false) {
        self.fileDescriptor = fileDescriptor
        self.displayName = displayName
        self.closesOnDeinit = closeOnDeinit
        self.canRewind = false
    }

    /// Opens an input: its path, or standard input (fd 0, left open) for `-`.
    public convenience init(spec: InputSpec) throws {
        if let path = spec.path {
            try self.init(path: path, displayName: spec.displayName)
        } else {
            self.init(fileDescriptor: 0, displayName: spec.displayName)
        }
    }

    deinit {
        if closesOnDeinit { _ = close(fileDescriptor) }
    }

    /// Moves the read position to `offset` (regular files only).
    public func rewind(to offset: Int64) -> Bool {
        canRewind && lseek(fileDescriptor, off_t(offset), SEEK_SET) == off_t(offset)
    }

    /// Reads with POSIX `read`, retrying on EINTR; throws `InputError.readFailed` on an I/O error.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = Self.systemRead(fileDescriptor, base, buffer.count)
            if count >= 0 {
                ScanProgress.read(bytes: count)
                return count
            }
            let code = errno
            if code == EINTR { continue }
            throw InputError.readFailed(input: displayName, reason: Self.errorText(code))
        }
    }

    @inline(__always)
    static func systemRead(_ fd: Int32, _ base: UnsafeMutableRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
            return Glibc.read(fd, base, count)
        #else
            return Darwin.read(fd, base, count)
        #endif
    }

    /// The system's text for an errno value.
    static func errorText(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An input `icelens watch` follows: standard input or a pipe read as lines arrive, or a file followed like
/// `tail -F` (appended lines are read as they come; when the file is renamed or replaced (rotation) the rest of the
/// old file is read, then the new one from its start; when it is truncated it is read again from its start). Lines
/// are handed out one by one as soon as they are complete; a line longer than `maxLineLength` is cut and counted,
/// never buffered whole. Plain text only: a gzip stream is refused with a hint (`zcat … | icelens watch`).
public final class FollowedInput {
    /// The name the user gave (a path, or `-`).
    public let name: String
    /// The path to follow, nil for standard input.
    public let path: String?
    /// Lines read (cut lines included).
    public private(set) var linesRead = 0
    /// Lines over `maxLineLength`, skipped.
    public private(set) var cutLines = 0
    /// Times the file was rotated (replaced) or truncated while followed.
    public private(set) var reopenings = 0
    /// Set when the input cannot be read any more (a pipe ended, or an error): `ended` and why.
    public private(set) var endReason: String?
    /// Whether reading is over (standard input or a pipe reached its end, or an error).
    public var ended: Bool { endReason != nil || failure != nil }
    /// Why the input could not be read, if it could not.
    public private(set) var failure: String?

    private var fd: Int32 = -1
    private var identity: (dev: UInt64, ino: UInt64)?
    private var offset: Int64 = 0
    private let maxLineLength: Int
    private var buffer: [UInt8]
    private var used = 0
    private var cutting = false
    private var sniffed = false
    private var lastCheckMs: Int64 = 0

    /// Stops following the input for `reason` (kept as its failure): what it holds cannot be followed.
    public func refuse(_ reason: String) {
        guard failure == nil else { return }
        failure = reason
        if fd > 2 { close(fd) }
        fd = -1
    }

    /// Opens `name` ("-" for standard input); a file that does not exist yet is waited for.
    public init(name: String, maxLineLength: Int = 1 << 20) {
        self.name = name
        self.path = name == "-" ? nil : name
        self.maxLineLength = max(64, maxLineLength)
        self.buffer = [UInt8](repeating: 0, count: min(64 << 10, self.maxLineLength + 2))
        if path == nil {
            fd = 0
        } else {
            reopen()
        }
    }

    deinit {
        if fd > 0 { close(fd) }
    }

    /// The descriptor to wait on for new data (pipes and standard input), or nil for a file (polled).
    public var pollDescriptor: Int32? {
        guard fd >= 0, !ended else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return (st.st_mode & S_IFMT) == S_IFREG ? nil : fd
    }

    /// Reads what is available now, up to about `budget` bytes (so several inputs advance together), and hands out
    /// each complete line with its number; returns whether any byte was read. Never blocks: a pipe is read only
    /// when `poll` says it has data.
    @discardableResult
    public func readAvailable(
        wallClockMs: Int64, budget: Int = 1 << 20, _ body: (UnsafeRawBufferPointer, Int) -> Void
    ) -> Bool {
        guard !ended else { return false }
        if fd < 0 {
            if wallClockMs - lastCheckMs >= 1000 {
                lastCheckMs = wallClockMs
                reopen()
            }
            if fd < 0 { return false }
        }
        var progress = false
        var taken = 0
        while taken < budget {
            if pollDescriptor != nil {
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&p, 1, 0) > 0 else { break }
            }
            if used == buffer.count {
                let target = min(buffer.count * 2, maxLineLength + 2)
                if target > buffer.count {
                    buffer += [UInt8](repeating: 0, count: target - buffer.count)
                } else {
                    // A line longer than the limit: drop what is buffered and skip to its end.
                    if !cutting {
                        cutting = true
                        cutLines += 1
                        linesRead += 1
                    }
                    used = 0
                }
            }
            let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + used, raw.count - used) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN { break }
                failure = "cannot read \(name): \(FileByteSource.errorText(errno))"
                break
            }
            if n == 0 {
                if path == nil || pollDescriptor != nil {
                    finishLastLine(body)
                    endReason = "end of input"
                }
                break
            }
            if !sniffed {
                sniffed = true
                if used + n >= 2, buffer[0] == 0x1F, buffer[1] == 0x8B {
                    failure = "\(name) is gzip: watch reads plain logs (zcat \(name) | icelens watch)"
                    break
                }
            }
            offset += Int64(n)
            used += n
            taken += n
            progress = true
            splitLines(body)
        }
        if path != nil, wallClockMs - lastCheckMs >= 1000 {
            lastCheckMs = wallClockMs
            checkRotation(body)
        }
        return progress
    }

    /// Hands out the complete lines in the buffer and keeps the partial last one.
    private func splitLines(_ body: (UnsafeRawBufferPointer, Int) -> Void) {
        buffer.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!
            var start = 0
            while start < used,
                let nl = memchr(base + start, 0x0A, used - start).map({ $0 - UnsafeMutableRawPointer(base) })
            {
                if cutting {
                    cutting = false
                } else {
                    var end = nl
                    if end > start, raw[end - 1] == 0x0D { end -= 1 }
                    linesRead += 1
                    if end - start > maxLineLength {
                        cutLines += 1
                    } else {
                        body(UnsafeRawBufferPointer(start: base + start, count: end - start), linesRead)
                    }
                }
                start = nl + 1
            }
            if start > 0 {
                memmove(base, base + start, used - start)
                used -= start
            }
        }
    }

    /// At the end of a pipe: a last line without a newline is still a line.
    private func finishLastLine(_ body: (UnsafeRawBufferPointer, Int) -> Void) {
        guard used > 0 else { return }
        if cutting {
            cutting = false
        } else {
            linesRead += 1
            buffer.withUnsafeBytes { raw in
                var end = used
                if raw[end - 1] == 0x0D { end -= 1 }
                body(UnsafeRawBufferPointer(rebasing: raw[0..<end]), linesRead)
            }
        }
        used = 0
    }

    /// A followed file replaced (rotated) or truncated: read the new content from its start.
    private func checkRotation(_ body: (UnsafeRawBufferPointer, Int) -> Void) {
        guard let path else { return }
        var st = stat()
        guard stat(path, &st) == 0 else { return }  // renamed away, not yet replaced: keep the old one
        let now = (dev: UInt64(st.st_dev), ino: UInt64(st.st_ino))
        if let id = identity, id.dev == now.dev, id.ino == now.ino {
            if Int64(st.st_size) < offset {
                // Truncated in place (copytruncate): start again.
                lseek(fd, 0, SEEK_SET)
                offset = 0
                used = 0
                cutting = false
                reopenings += 1
            }
            return
        }
        // Replaced: the old file's rest was read above (its end reached); the new one is read from its start.
        finishLastLine(body)
        if fd >= 0 { reopenings += 1 }
        reopen()
    }

    private func reopen() {
        guard let path else { return }
        if fd > 0 { close(fd) }
        fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        offset = 0
        used = 0
        cutting = false
        sniffed = false
        guard fd >= 0 else {
            identity = nil
            return
        }
        var st = stat()
        if fstat(fd, &st) == 0 {
            identity = (UInt64(st.st_dev), UInt64(st.st_ino))
            if (st.st_mode & S_IFMT) == S_IFDIR {
                failure = "\(path) is a directory: watch follows files (name them) or a pipe"
            }
        }
    }
}

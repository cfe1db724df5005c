#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A result file written so that no reader ever sees half of it (node_exporter's textfile collector, a web server
/// serving the daily HTML, a mail job): the bytes go to a temporary file beside the target, which is synced and then
/// renamed over the target in one step. A run that fails leaves the old file as it was and no temporary behind.
public final class AtomicFile {
    /// Where the result lands.
    public let path: String
    /// The temporary file written first (same directory, so the rename never crosses file systems).
    let temporaryPath: String
    /// The buffered writer to the temporary file.
    public let output: ByteOutput
    private var descriptor: Int32
    private var ended = false

    /// Creates the temporary file for `path`; throws when its directory cannot take a file or `path` is a
    /// directory.
    public init(path: String) throws(OutputFailed) {
        self.path = path
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw OutputFailed(reason: "\(path) is a directory; -o takes a file name")
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = ((directory.isEmpty ? "/" : directory) + "/.\(name).icelens-XXXXXX").utf8CString
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw OutputFailed(
                reason: "cannot create a file in \(directory.isEmpty ? "/" : directory): "
                    + FileByteSource.errorText(errno))
        }
        // mkstemp makes the file 0600; a result file is as readable as any file the user creates.
        let mask = umask(0o022)
        umask(mask)
        fchmod(fd, 0o666 & ~mask)
        self.descriptor = fd
        self.temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.output = ByteOutput(fileDescriptor: fd)
    }

    /// Writes what is buffered, syncs and renames the file over `path`.
    public func commit() throws(OutputFailed) {
        guard !ended else { return }
        ended = true
        do {
            try output.flush()
        } catch let failure as OutputFailed {
            discardFile()
            throw failure
        } catch {
            discardFile()
            throw OutputFailed(reason: "\(error)")
        }
        if fsync(descriptor) != 0 || close(descriptor) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw OutputFailed(reason: "\(path): " + FileByteSource.errorText(code))
        }
        descriptor = -1
        if rename(temporaryPath, path) != 0 {
            let code = errno
            unlink(temporaryPath)
            throw OutputFailed(reason: "cannot move the result to \(path): " + FileByteSource.errorText(code))
        }
    }

    /// Drops the temporary file; `path` keeps whatever it held before.
    public func discard() {
        guard !ended else { return }
        ended = true
        discardFile()
    }

    private func discardFile() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        unlink(temporaryPath)
    }

    deinit { discard() }
}

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
    /// The file renamed over: `path`, or the file it links to.
    private var target = ""

    /// Whether the bytes go straight to `path` (a device such as /dev/null, a FIFO): such a file is written in
    /// place, never replaced by a rename.
    let inPlace: Bool

    /// Creates the temporary file for `path` (beside the file a symbolic link points to, so the link stays a link);
    /// throws when its directory cannot take a file or `path` is a directory.
    public init(path: String) throws(OutputFailed) {
        self.path = path
        var info = stat()
        let exists = stat(path, &info) == 0
        if exists, (info.st_mode & S_IFMT) == S_IFDIR {
            throw OutputFailed(reason: "\(path) is a directory; -o takes a file name")
        }
        if exists, (info.st_mode & S_IFMT) != S_IFREG {
            // /dev/null, /dev/stdout, a FIFO: renaming over it would replace the device with a plain file.
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw OutputFailed(reason: "cannot open \(path): " + FileByteSource.errorText(errno))
            }
            self.descriptor = fd
            self.temporaryPath = path
            self.inPlace = true
            self.output = ByteOutput(fileDescriptor: fd)
            return
        }
        if path.isEmpty { throw OutputFailed(reason: "the file name is empty") }
        if exists, access(path, W_OK) != 0 {
            throw OutputFailed(reason: "\(path) is read-only: " + FileByteSource.errorText(errno))
        }
        var target = path
        if exists, let resolved = realpath(path, nil) {
            target = String(cString: resolved)
            free(resolved)
        }
        let slash = target.lastIndex(of: "/")
        let directory = slash.map { String(target[..<$0]) } ?? "."
        let name = slash.map { String(target[target.index(after: $0)...]) } ?? target
        var template = ((directory.isEmpty ? "/" : directory) + "/.\(name).icelens-XXXXXX").utf8CString
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw OutputFailed(
                reason: "cannot create a file in \(directory.isEmpty ? "/" : directory): "
                    + FileByteSource.errorText(errno))
        }
        if exists {
            // Replacing a file keeps its permissions and, where allowed, its owner and group (a report kept 0600
            // stays private).
            fchmod(fd, info.st_mode & 0o7777)
            _ = fchown(fd, info.st_uid, info.st_gid)
        } else {
            // mkstemp makes the file 0600; a new result file is as readable as any file the user creates.
            let mask = umask(0o022)
            umask(mask)
            fchmod(fd, 0o666 & ~mask)
        }
        self.descriptor = fd
        self.temporaryPath = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        self.inPlace = false
        self.target = target
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
        if inPlace {
            close(descriptor)
            descriptor = -1
            return
        }
        // Always close, keeping the first error.
        var code: Int32 = 0
        if fsync(descriptor) != 0 { code = errno }
        if close(descriptor) != 0, code == 0 { code = errno }
        descriptor = -1
        if code != 0 {
            unlink(temporaryPath)
            throw OutputFailed(reason: "\(path): " + FileByteSource.errorText(code))
        }
        if rename(temporaryPath, target) != 0 {
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
        if !inPlace { unlink(temporaryPath) }
    }

    deinit { discard() }

    /// What is wrong when files a run writes (`flag`, path; nil or "-" for none or standard output) include the
    /// same file twice, or one of the paths it reads: the result would replace what it was made from. Nil when
    /// nothing is.
    public static func conflict(writing: [(flag: String, path: String?)], reading: [String]) -> String? {
        let written = writing.compactMap { item in item.path.flatMap { $0 == "-" ? nil : (item.flag, $0) } }
        for (i, a) in written.enumerated() {
            for b in written[(i + 1)...] where sameFile(a.1, b.1) {
                return "\(a.0) and \(b.0) name the same file (\(a.1))."
            }
            for input in reading where input != "-" && sameFile(a.1, input) {
                return "\(a.0) \(a.1) is one of the inputs: it would be replaced by the result."
            }
        }
        return nil
    }

    /// Whether `a` and `b` name the same file: the same device and inode when both exist, else the same absolute
    /// path once the folder's links are resolved (an output that does not exist yet).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var x = stat()
        var y = stat()
        if stat(a, &x) == 0, stat(b, &y) == 0 { return x.st_dev == y.st_dev && x.st_ino == y.st_ino }
        return canonical(a) == canonical(b)
    }

    private static func canonical(_ path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let resolved = realpath(folder.isEmpty ? "/" : folder, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved) + "/" + name
    }
}

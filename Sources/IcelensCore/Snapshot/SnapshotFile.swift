#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Snapshot files on disk: read whole (they are small, and capped at `SnapshotCodec.maxBytes`), recognised by
/// their first line, and written in one step (`AtomicFile`) so a merge never reads half a snapshot.
public enum SnapshotFile {
    /// Reads and decodes the snapshot at `path`.
    public static func read(_ path: String) throws(SnapshotError) -> Snapshot {
        let bytes = try contents(path, limit: SnapshotCodec.maxBytes)
        return try SnapshotCodec.decode(String(decoding: bytes, as: UTF8.self), source: path)
    }

    /// Reads every snapshot of `paths`, each named by its path (merge, compare and history take them this way).
    public static func read(all paths: [String]) throws(SnapshotError) -> [(name: String, snapshot: Snapshot)] {
        var named: [(name: String, snapshot: Snapshot)] = []
        for path in paths { named.append((path, try read(path))) }
        return named
    }

    /// Merges the snapshots at `paths` (`icelens merge`).
    public static func merge(_ paths: [String]) throws(SnapshotError) -> Snapshot {
        try Snapshot.merge(try read(all: paths))
    }

    /// Whether `path` is a regular file that starts like a snapshot (so `compare` and `history` can take
    /// snapshots where they take logs).
    public static func isSnapshot(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        guard let head = try? contents(path, limit: 64, cut: true) else { return false }
        return head.starts(with: Array("icelens-snapshot ".utf8))
    }

    /// Writes `snapshot` to `path`, replacing it in one step.
    public static func write(_ snapshot: Snapshot, to path: String) throws(OutputFailed) {
        let file = try AtomicFile(path: path)
        do { try file.output.write(SnapshotCodec.encode(snapshot)) } catch {
            file.discard()
            throw (error as? OutputFailed) ?? OutputFailed(reason: "\(path): \(error)")
        }
        try file.commit()
    }

    private static func contents(_ path: String, limit: Int, cut: Bool = false) throws(SnapshotError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SnapshotError("\(path): cannot open: \(FileByteSource.errorText(errno))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { FileByteSource.systemRead(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SnapshotError("\(path): cannot read: \(FileByteSource.errorText(errno))")
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            if bytes.count > limit {
                if cut { return Array(bytes.prefix(limit)) }
                throw SnapshotError("\(path): larger than \(limit >> 20) MiB: not a snapshot icelens made")
            }
        }
        return bytes
    }
}

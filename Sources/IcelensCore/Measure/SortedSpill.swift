#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A record a `SortedSpill` writes to its temporary file and reads back (`SpillEncoder`/`SpillDecoder`), in its
/// order.
protocol SpillRecord {
    /// What the records are, for messages (`finished tours`).
    static var spillName: String { get }
    /// Whether `a` comes before `b` (a strict total order: ties are broken inside the records).
    static func inOrder(_ a: Self, _ b: Self) -> Bool
    /// The record's bytes.
    func encode(_ e: SpillEncoder)
    /// A record from its bytes (all of them).
    static func decode(_ d: inout SpillDecoder) throws -> Self
    /// About how much memory it holds, in bytes.
    var memoryBytes: Int { get }
}

/// Records handed back in their order without holding them all in memory: up to `batchLimit` records (or about
/// `byteLimit` bytes of them) wait in memory; then they are sorted and written as one run to an unlinked temporary
/// file (in `TMPDIR`, else /tmp), and reading merges the runs. Small inputs never touch the disk. When no temporary
/// file can be made or written, the records simply stay in memory. The store of finished tours (`FinishedTours`) and
/// of finished TURN sessions (`FinishedTurnSessions`) is this.
///
/// Filled, then sealed and read only (renderers may read it several times).
final class SortedSpill<Record: SpillRecord> {
    /// Records in memory, unsorted until sealed.
    private var batch: [Record] = []
    private var batchBytes = 0
    private let batchLimit: Int
    private let byteLimit: Int
    /// The spill file, once made; -1 before, or when it could not be made.
    private var fd: Int32 = -1
    /// No more spilling: the file could not be made or written; later records stay in memory.
    private var spillStopped = false
    private var fileEnd: Int64 = 0
    /// Byte ranges of the sorted runs in the spill file.
    private var runs: [Range<Int64>] = []
    private(set) var sealed = false
    /// The folder of the spill file; nil: `TMPDIR`, else /tmp.
    private let directory: String?
    /// Set when a spilled run could not be read back (an I/O error): iteration stopped early.
    private(set) var readFailure: String?
    /// Records added.
    private(set) var count = 0

    init(batchLimit: Int, byteLimit: Int, directory: String?) {
        self.batchLimit = max(batchLimit, 1)
        self.byteLimit = byteLimit
        self.directory = directory
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Number of runs written to the temporary file (0 for small inputs).
    var spilledRuns: Int { runs.count }

    /// Adds a record (before `seal`).
    func add(_ record: Record) {
        precondition(!sealed, "SortedSpill: add after seal")
        batch.append(record)
        count += 1
        batchBytes += record.memoryBytes
        if batch.count >= batchLimit || batchBytes >= byteLimit { spill() }
    }

    /// Ends adding: from now on the store is read only.
    func seal() {
        guard !sealed else { return }
        sealed = true
        if !runs.isEmpty { spill() }
        batch.sort(by: Record.inOrder)
    }

    /// Calls `body` with each record, in order, until it returns false. The sorted runs in the file and the records
    /// still in memory are merged.
    func forEach(_ body: (Record) throws -> Bool) rethrows {
        precondition(sealed, "SortedSpill: read before seal")
        if runs.isEmpty {
            for e in batch {
                guard try body(e) else { return }
            }
            return
        }
        // One reader a run, their buffers sharing ~4 MiB; the records still in memory are one more source.
        let chunk = max(4 << 10, (4 << 20) / runs.count)
        var readers = runs.map { SpillRunReader<Record>(fd: fd, range: $0, chunk: chunk) }
        var memory = 0
        var heads: [Record?] = readers.indices.map { readers[$0].next() }
        heads.append(batch.first)
        func advance(_ source: Int) {
            if source == readers.count {
                memory += 1
                heads[source] = memory < batch.count ? batch[memory] : nil
            } else {
                heads[source] = readers[source].next()
            }
        }
        // A binary min-heap of the sources that still have a record, by their next record.
        var heap = heads.indices.filter { heads[$0] != nil }
        func less(_ a: Int, _ b: Int) -> Bool { Record.inOrder(heads[heap[a]]!, heads[heap[b]]!) }
        func siftDown(_ start: Int) {
            var i = start
            while true {
                let l = 2 * i + 1
                let r = l + 1
                var m = i
                if l < heap.count, less(l, m) { m = l }
                if r < heap.count, less(r, m) { m = r }
                guard m != i else { return }
                heap.swapAt(i, m)
                i = m
            }
        }
        for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        while let top = heap.first, let record = heads[top] {
            advance(top)
            if heads[top] == nil {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
            }
            siftDown(0)
            guard try body(record) else { return }
        }
        if let failure = readers.lazy.compactMap(\.failure).first { readFailure = failure }
    }

    // MARK: - Spilling

    private func spill() {
        guard !batch.isEmpty, !spillStopped else { return }
        if fd < 0 {
            guard let made = Self.makeTemporaryFile(in: directory) else {
                spillStopped = true
                return
            }
            fd = made
        }
        batch.sort(by: Record.inOrder)
        let encoder = SpillEncoder(into: ByteBuffer(capacity: 1 << 16))
        let record = SpillEncoder(into: ByteBuffer(capacity: 1 << 12))
        for e in batch {
            record.buffer.removeAll()
            e.encode(record)
            encoder.int(record.bytes.count)
            encoder.append(record.bytes)
        }
        let start = fileEnd
        guard Self.writeAll(fd, encoder.bytes, at: start) else {
            // A full disk: this batch and every later record stay in memory; earlier runs stay readable.
            spillStopped = true
            return
        }
        fileEnd += Int64(encoder.bytes.count)
        runs.append(start..<fileEnd)
        batch.removeAll(keepingCapacity: true)
        batchBytes = 0
    }

    /// An unlinked file in `directory`, else `TMPDIR`, else /tmp: it disappears with the process, however it ends.
    private static func makeTemporaryFile(in directory: String?) -> Int32? {
        var dir = directory ?? getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        if dir.isEmpty { dir = "/tmp" }
        var template = Array((dir + "/icelens-spill-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, at offset: Int64) -> Bool {
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + Int64(done)))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return false }
            done += n
        }
        return true
    }
}

/// Reads one sorted run of a `SortedSpill` file back, record by record, through a reused buffer.
struct SpillRunReader<Record: SpillRecord> {
    let fd: Int32
    private var offset: Int64
    private let end: Int64
    private var buffer: [UInt8] = []
    private var start = 0
    /// Why reading stopped early, if it did.
    private(set) var failure: String?

    /// The bytes read at a time.
    private let chunk: Int

    init(fd: Int32, range: Range<Int64>, chunk: Int = 64 << 10) {
        self.fd = fd
        self.chunk = chunk
        self.offset = range.lowerBound
        self.end = range.upperBound
    }

    /// The next record of the run, or nil at its end (or on a read error, recorded in `failure`).
    mutating func next() -> Record? {
        guard failure == nil else { return nil }
        do {
            guard let length = try recordLength() else { return nil }
            try fill(length)
            defer { start += length }
            return try buffer.withUnsafeBytes { raw in
                var d = SpillDecoder(UnsafeRawBufferPointer(rebasing: raw[start..<start + length]))
                let record = try Record.decode(&d)
                guard d.isAtEnd else { throw SpillDecoder.Bad() }
                return record
            }
        } catch let error as ReadError {
            failure = error.reason
        } catch {
            failure = "a record of the temporary file of \(Record.spillName) does not decode"
        }
        return nil
    }

    private struct ReadError: Error { var reason: String }

    /// The varint length of the next record, or nil at the end of the run.
    private mutating func recordLength() throws -> Int? {
        if start >= buffer.count, offset >= end { return nil }
        var value = 0
        var shift = 0
        while true {
            try fill(1)
            let b = buffer[start]
            start += 1
            value |= Int(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
            guard shift < 63 else { throw ReadError(reason: "a bad record length in the temporary file") }
        }
        // SpillEncoder writes zigzag varints.
        return (value >> 1) ^ -(value & 1)
    }

    /// Makes sure `count` unread bytes are buffered.
    private mutating func fill(_ count: Int) throws {
        if buffer.count - start >= count { return }
        buffer.removeSubrange(0..<start)
        start = 0
        let want = max(count - buffer.count, chunk)
        let room = Int(min(Int64(want), end - offset))
        guard room >= count - buffer.count else {
            throw ReadError(reason: "the temporary file of \(Record.spillName) ends early")
        }
        let old = buffer.count
        buffer += repeatElement(0, count: room)
        var done = 0
        while done < room {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + old + done, room - done, off_t(offset + Int64(done)))
            }
            if n < 0, errno == EINTR { continue }
            if n < 0 {
                throw ReadError(
                    reason: "cannot read the temporary file of \(Record.spillName): \(FileByteSource.errorText(errno))")
            }
            guard n > 0 else { throw ReadError(reason: "the temporary file of \(Record.spillName) ends early") }
            done += n
        }
        offset += Int64(room)
    }
}

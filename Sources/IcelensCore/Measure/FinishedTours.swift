#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The rows and findings of finished tours, handed back in tour order (first line, then id; ties in the order they
/// finished) without holding them all in memory: a report over a year of logs must not grow with the tours it has
/// already finished. Up to `batchLimit` tours (2,048, or about 2 MiB) wait in memory; then they are sorted and written as
/// one run to an unlinked temporary file (in `TMPDIR`, else /tmp), and reading merges the runs. Small inputs never
/// touch the disk. When no temporary file can be made or written, the tours simply stay in memory.
///
/// Filled by `ReportBuilder`, then sealed and read only (renderers may read it several times).
public final class FinishedTours: @unchecked Sendable {
    /// One finished tour.
    struct Entry {
        var row: TourRow
        var findings: [Finding]
        /// The tour's connection records, kept only for `icelens connections` (else empty).
        var connections: [ConnectionRecord] = []
        var sequence: Int
    }

    /// Tours in memory, unsorted until sealed.
    private var batch: [Entry] = []
    private var batchBytes = 0
    private let batchLimit: Int
    private let byteLimit: Int
    /// The spill file, once made; -1 before, or when it could not be made.
    private var fd: Int32 = -1
    /// No more spilling: the file could not be made or written; later tours stay in memory.
    private var spillStopped = false
    private var fileEnd: Int64 = 0
    /// Byte ranges of the sorted runs in the spill file.
    private var runs: [Range<Int64>] = []
    private var sealed = false

    /// Tours added.
    public private(set) var tourCount = 0
    /// Findings added.
    public private(set) var findingCount = 0
    /// Tours with at least one finding.
    public private(set) var flaggedTourCount = 0
    /// Set when a spilled run could not be read back (an I/O error): iteration stopped early.
    public private(set) var readFailure: String?

    /// The folder of the spill file; nil: `TMPDIR`, else /tmp.
    private let directory: String?

    /// Makes an empty store; `batchLimit` tours (or about `byteLimit` bytes of them) wait in memory before a run is
    /// spilled into a file in `directory` (nil: `TMPDIR`, else /tmp).
    public init(batchLimit: Int = 2048, byteLimit: Int = 2 << 20, directory: String? = nil) {
        self.batchLimit = max(batchLimit, 1)
        self.byteLimit = byteLimit
        self.directory = directory
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Number of runs written to the temporary file (0 for small inputs).
    public var spilledRuns: Int { runs.count }

    /// Connection records added.
    public private(set) var connectionCount = 0

    /// Adds a finished tour's row and findings, and its connection records when they are kept (before `seal`).
    public func add(row: TourRow, findings: [Finding], connections: [ConnectionRecord] = []) {
        precondition(!sealed, "FinishedTours: add after seal")
        batch.append(Entry(row: row, findings: findings, connections: connections, sequence: tourCount))
        tourCount += 1
        findingCount += findings.count
        connectionCount += connections.count
        if !findings.isEmpty { flaggedTourCount += 1 }
        batchBytes += 256 + findings.reduce(0) { $0 + 160 + $1.reason.utf8.count }
        batchBytes += connections.reduce(0) { $0 + 200 + 120 * $1.connection.attempts.count }
        if batch.count >= batchLimit || batchBytes >= byteLimit { spill() }
    }

    /// Ends adding: from now on the store is read only.
    public func seal() {
        guard !sealed else { return }
        sealed = true
        if !runs.isEmpty { spill() }
        batch.sort(by: Self.inOrder)
    }

    /// Calls `body` with each tour's row and findings, in tour order, until it returns false. The sorted runs in
    /// the file and the tours still in memory are merged.
    public func forEach(_ body: (TourRow, [Finding]) throws -> Bool) rethrows {
        try forEachEntry { try body($0.row, $0.findings) }
    }

    /// Calls `body` with each connection record kept, in tour order (then attendee order).
    public func forEachConnection(_ body: (ConnectionRecord) throws -> Void) rethrows {
        try forEachEntry { entry in
            for record in entry.connections { try body(record) }
            return true
        }
    }

    /// Calls `body` with each tour's entry, in tour order, until it returns false.
    func forEachEntry(_ body: (Entry) throws -> Bool) rethrows {
        precondition(sealed, "FinishedTours: read before seal")
        if runs.isEmpty {
            for e in batch {
                guard try body(e) else { return }
            }
            return
        }
        // One reader a run, their buffers sharing ~4 MiB; the tours still in memory are one more source.
        let chunk = max(4 << 10, (4 << 20) / runs.count)
        var readers = runs.map { SpillRunReader(fd: fd, range: $0, chunk: chunk) }
        var memory = 0
        var heads: [Entry?] = readers.indices.map { readers[$0].next() }
        heads.append(batch.first)
        func advance(_ source: Int) {
            if source == readers.count {
                memory += 1
                heads[source] = memory < batch.count ? batch[memory] : nil
            } else {
                heads[source] = readers[source].next()
            }
        }
        // A binary min-heap of the sources that still have a tour, by their next tour.
        var heap = heads.indices.filter { heads[$0] != nil }
        func less(_ a: Int, _ b: Int) -> Bool { Self.inOrder(heads[heap[a]]!, heads[heap[b]]!) }
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
        while let top = heap.first, let entry = heads[top] {
            advance(top)
            if heads[top] == nil {
                heap.swapAt(0, heap.count - 1)
                heap.removeLast()
            }
            siftDown(0)
            guard try body(entry) else { return }
        }
        if let failure = readers.lazy.compactMap(\.failure).first { readFailure = failure }
    }

    /// Every row, in tour order (materialised: for tests and small results).
    public var rows: [TourRow] {
        var out: [TourRow] = []
        forEach { row, _ in
            out.append(row)
            return true
        }
        return out
    }

    /// Every finding, in tour order (materialised: for tests and small results).
    public var findings: [Finding] {
        prefixFindings(Int.max)
    }

    /// The first `limit` findings in tour order.
    public func prefixFindings(_ limit: Int) -> [Finding] {
        var out: [Finding] = []
        guard limit > 0 else { return out }
        forEach { _, findings in
            for f in findings {
                out.append(f)
                if out.count >= limit { return false }
            }
            return true
        }
        return out
    }

    /// Calls `body` with each row in tour order.
    public func forEachRow(_ body: (TourRow) throws -> Void) rethrows {
        try forEach { row, _ in
            try body(row)
            return true
        }
    }

    /// Calls `body` with each finding in tour order.
    public func forEachFinding(_ body: (Finding) throws -> Void) rethrows {
        try forEach { _, findings in
            for f in findings { try body(f) }
            return true
        }
    }

    /// Tour order: (first line, tour id), tours without a time last, then the order they finished in.
    static func inOrder(_ a: Entry, _ b: Entry) -> Bool {
        switch (a.row.firstSeenMs, b.row.firstSeenMs) {
        case let (x?, y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.row.tour != b.row.tour ? a.row.tour < b.row.tour : a.sequence < b.sequence
        }
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
        batch.sort(by: Self.inOrder)
        let encoder = SpillEncoder(into: ByteBuffer(capacity: 1 << 16))
        let record = SpillEncoder(into: ByteBuffer(capacity: 1 << 12))
        for e in batch {
            record.buffer.removeAll()
            record.int(e.sequence)
            record.row(e.row)
            record.int(e.findings.count)
            for f in e.findings { record.finding(f) }
            record.int(e.connections.count)
            for c in e.connections { record.connection(c) }
            encoder.int(record.bytes.count)
            encoder.append(record.bytes)
        }
        let start = fileEnd
        guard Self.writeAll(fd, encoder.bytes, at: start) else {
            // A full disk: this batch and every later tour stay in memory; earlier runs stay readable.
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
        var template = Array((dir + "/icelens-tours-XXXXXX").utf8CString)
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

/// Reads one sorted run of the spill file back, record by record, through a reused buffer.
struct SpillRunReader {
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

    /// The next tour of the run, or nil at its end (or on a read error, recorded in `failure`).
    mutating func next() -> FinishedTours.Entry? {
        guard failure == nil else { return nil }
        do {
            guard let length = try recordLength() else { return nil }
            try fill(length)
            defer { start += length }
            return try buffer.withUnsafeBytes { raw in
                var d = SpillDecoder(UnsafeRawBufferPointer(rebasing: raw[start..<start + length]))
                let sequence = try d.int()
                let row = try d.row()
                var findings: [Finding] = []
                for _ in 0..<(try d.count()) { findings.append(try d.finding()) }
                var connections: [ConnectionRecord] = []
                for _ in 0..<(try d.count()) { connections.append(try d.connection()) }
                guard d.isAtEnd else { throw SpillDecoder.Bad() }
                return FinishedTours.Entry(
                    row: row, findings: findings, connections: connections, sequence: sequence)
            }
        } catch let error as ReadError {
            failure = error.reason
        } catch {
            failure = "a record of the temporary file of finished tours does not decode"
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
            throw ReadError(reason: "the temporary file of finished tours ends early")
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
                    reason: "cannot read the temporary file of finished tours: \(FileByteSource.errorText(errno))")
            }
            guard n > 0 else { throw ReadError(reason: "the temporary file of finished tours ends early") }
            done += n
        }
        offset += Int64(room)
    }
}

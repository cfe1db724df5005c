#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a byte source into lines without copying them out: memchr for '\n' over a reusable buffer, a trailing
/// '\r' dropped, the partial last line carried to the buffer's front (memmove), a final line without '\n' still
/// a line (but an input that ends with '\n' has no extra empty line). A line longer than `maxLineLength` bytes is
/// cut: not passed to the body, counted in `cutLines`, and skipped to its end WITHOUT buffering it whole (memory
/// stays bounded by the buffer whatever the line length).
///
/// A line's length is counted after its trailing '\r' is dropped. A cut line is reported (and numbered) as soon
/// as it is known to be too long, in line order with the others. Each byte is scanned for '\n' once.
public struct LineReader {
    /// The largest line, in bytes (without '\n' and a trailing '\r'), that is passed to the body.
    public let maxLineLength: Int
    /// Lines read so far, cut lines included.
    public private(set) var linesRead: Int = 0
    /// Lines longer than `maxLineLength`, skipped.
    public private(set) var cutLines: Int = 0
    /// Uncompressed bytes taken from the source so far.
    public private(set) var bytesRead: Int64 = 0

    private let source: ByteChunkSource
    private var buffer: LineBuffer
    /// The size the buffer grows to: at least `maxLineLength + 2` bytes (a longest line plus "\r").
    private let fullCapacity: Int

    /// Creates a reader; the buffer holds at least `maxLineLength + 2` bytes (a longest line plus "\r").
    /// With `initialCapacity`, it starts that small and grows (doubling) only when a line needs it or
    /// `expandBuffer()` is called: an input that is only peeked at costs little memory.
    public init(
        source: ByteChunkSource, maxLineLength: Int = 1 << 20, bufferCapacity: Int = 1 << 20,
        initialCapacity: Int? = nil
    ) {
        let maxLength = max(maxLineLength, 0)
        self.source = source
        self.maxLineLength = maxLength
        self.fullCapacity = max(bufferCapacity, maxLength + 2, 2)
        self.buffer = LineBuffer(capacity: min(fullCapacity, max(initialCapacity ?? fullCapacity, 2)))
    }

    /// The buffer's current size in bytes.
    public var bufferCapacity: Int { buffer.capacity }

    /// Bytes of the stream before the next line not yet passed on (every line passed on ends before it); while a
    /// cut line is being skipped (`isSkipping`), a place inside that line that depends on the reads.
    public var consumedOffset: Int64 { bytesRead &- Int64(end &- start) }

    /// Inside a line too long to pass on, whose bytes are dropped up to its end.
    public var isSkipping: Bool { skipping }

    /// The size `expandBuffer()` grows to: enough to read at full speed; a longer line still grows the buffer (up
    /// to `fullCapacity`) when it comes.
    public static let workingCapacity = 256 << 10

    /// Grows the buffer to its working size (keeping the bytes not yet passed on), for reading at full speed.
    public mutating func expandBuffer() {
        grow(to: min(fullCapacity, Self.workingCapacity))
    }

    private mutating func grow(to capacity: Int) {
        guard capacity > buffer.capacity else { return }
        let bigger = LineBuffer(capacity: capacity)
        if end > start { memcpy(bigger.base, buffer.base + start, end - start) }
        end -= start
        searchFrom -= start
        start = 0
        buffer = bigger
    }

    // Reading state, kept between batches.
    private var start = 0  // first byte of the current (partial) line
    private var end = 0  // end of valid bytes
    private var searchFrom = 0  // bytes in start..<searchFrom hold no '\n'
    private var skipping = false  // inside a cut line: drop bytes until its '\n'
    private var finished = false

    /// Calls `body` for each line with its bytes (valid only during the call) and 1-based line number, and
    /// `onCut` with the number of each line too long to pass on; reads the source to its end.
    ///
    /// If `body` throws, reading stops and the error is rethrown at once.
    public mutating func forEachLine(
        _ body: (UnsafeRawBufferPointer, Int) throws -> Void,
        onCut: (Int) -> Void = { _ in }
    ) throws {
        while try readBatch(body, onCut: onCut) {}
    }

    /// Passes on every complete line now in the buffer, then refills the buffer once from the source; returns
    /// false once the input has ended (after its last line). Lets a caller interleave several inputs.
    ///
    /// With `boundary`, lines stop after the first one (passed on or cut) that ends at or past that offset of the
    /// stream (`consumedOffset`, never inside a cut line), and the call returns true without refilling: a caller
    /// can cut an input into parts that depend on its bytes alone, never on how many bytes each read gave. Once
    /// past `boundary`, every call returns at once: the caller moves the boundary on.
    public mutating func readBatch(
        _ body: (UnsafeRawBufferPointer, Int) throws -> Void,
        onCut: (Int) -> Void = { _ in },
        stopAt boundary: Int64 = .max
    ) throws -> Bool {
        if finished { return false }
        var base = buffer.base
        var capacity = buffer.capacity
        let maxLength = maxLineLength
        var lineNumber = linesRead
        var start = self.start
        var end = self.end
        var searchFrom = self.searchFrom
        var skipping = self.skipping
        defer {
            linesRead = lineNumber
            self.start = start
            self.end = end
            self.searchFrom = searchFrom
            self.skipping = skipping
        }

        // Complete lines in the buffer, up to the first line that ends at or past `boundary`.
        let bufferOffset = bytesRead &- Int64(end)  // the stream offset of the buffer's first byte
        while searchFrom < end {
            if !skipping, bufferOffset &+ Int64(start) >= boundary { return true }
            guard let found = memchr(base + searchFrom, 0x0A, end - searchFrom) else {
                searchFrom = end
                break
            }
            let newline = base.distance(to: found)
            if skipping {
                skipping = false
            } else {
                lineNumber &+= 1
                var length = newline - start
                if length > 0 && base.load(fromByteOffset: newline - 1, as: UInt8.self) == 0x0D { length -= 1 }
                if length <= maxLength {
                    let lineStart = start
                    start = newline + 1
                    searchFrom = start
                    try body(UnsafeRawBufferPointer(start: base + lineStart, count: length), lineNumber)
                    continue
                } else {
                    cutLines += 1
                    onCut(lineNumber)
                }
            }
            start = newline + 1
            searchFrom = start
        }

        if !skipping, bufferOffset &+ Int64(start) >= boundary { return true }

        // A partial line longer than the limit (plus a possible '\r') is cut now, without buffering it.
        if skipping {
            start = end
        } else if end - start > maxLength + 1 {
            lineNumber &+= 1
            cutLines += 1
            onCut(lineNumber)
            skipping = true
            start = end
        }

        // Carry the partial line to the front and refill; a small buffer full of one partial line grows.
        let carried = end - start
        if start > 0 {
            if carried > 0 { memmove(base, base + start, carried) }
            start = 0
            end = carried
            searchFrom = carried
        }
        if end == capacity, capacity < fullCapacity {
            self.start = start
            self.end = end
            self.searchFrom = searchFrom
            grow(to: min(fullCapacity, capacity * 2))
            base = buffer.base
            capacity = buffer.capacity
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(start: base + end, count: capacity - end))
        if count > 0 {
            bytesRead += Int64(count)
            end += count
            return true
        }

        // The end: a final line without '\n'.
        finished = true
        if !skipping && end > start {
            lineNumber &+= 1
            var length = end - start
            if base.load(fromByteOffset: end - 1, as: UInt8.self) == 0x0D { length -= 1 }
            let lineStart = start
            start = end
            if length <= maxLength {
                try body(UnsafeRawBufferPointer(start: base + lineStart, count: length), lineNumber)
            } else {
                cutLines += 1
                onCut(lineNumber)
            }
        }
        return false
    }
}

extension LineReader {
    /// A source's counts: its verdict counts (`recognised`, `unrecognised`, `malformed`) with the lines read, cut and
    /// the bytes this reader saw.
    func counts(with verdicts: LineCounts) -> LineCounts {
        var c = verdicts
        c.read = linesRead
        c.cut = cutLines
        c.bytes = bytesRead
        return c
    }
}

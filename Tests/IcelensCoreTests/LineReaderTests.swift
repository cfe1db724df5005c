import Testing

@testable import IcelensCore

/// What a line reader reports for one line.
enum LineOutcome: Equatable, CustomStringConvertible {
    case line([UInt8])
    case cut

    var description: String {
        switch self {
        case .line(let bytes): return "line(\(String(decoding: bytes, as: UTF8.self).debugDescription))"
        case .cut: return "cut"
        }
    }
}

/// A named input for the sweep.
struct LineCase: CustomTestStringConvertible, Sendable {
    let name: String
    /// Builds the input for a given maximum line length.
    let make: @Sendable (Int) -> [UInt8]
    var testDescription: String { name }
}

/// A maximum line length and a buffer capacity.
struct LineLimits: Sendable {
    let maxLineLength: Int
    let bufferCapacity: Int
    /// A small starting buffer that grows on demand (as for an input that is only peeked at first).
    var initialCapacity: Int? = nil
}

@Suite struct LineReaderTests {
    /// The obvious slow version: split the whole input on "\n", drop one trailing "\r", apply the cut rule.
    static func oracle(_ bytes: [UInt8], maxLineLength: Int) -> [LineOutcome] {
        var parts = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if parts.last == [] { parts.removeLast() }  // input ending in "\n" (or empty) has no extra line
        return parts.map { part in
            var line = part
            if line.last == 0x0D { line.removeLast() }
            return line.count > maxLineLength ? .cut : .line(line)
        }
    }

    /// Runs a reader and collects what it reports, checking line numbers run 1, 2, 3, ...
    static func run(
        _ bytes: [UInt8], readSize: Int, limits: LineLimits
    ) throws -> (outcomes: [LineOutcome], reader: LineReader, source: ChunkedSource) {
        let source = ChunkedSource(bytes: bytes, readSize: readSize)
        var reader = LineReader(
            source: source, maxLineLength: limits.maxLineLength, bufferCapacity: limits.bufferCapacity,
            initialCapacity: limits.initialCapacity)
        var outcomes: [LineOutcome] = []
        var numbers: [Int] = []
        try reader.forEachLine(
            { line, number in
                outcomes.append(.line(Array(line)))
                numbers.append(number)
            },
            onCut: { number in
                outcomes.append(.cut)
                numbers.append(number)
            })
        #expect(numbers == Array(0..<numbers.count).map { $0 + 1 })
        return (outcomes, reader, source)
    }

    static let limits = [
        LineLimits(maxLineLength: 14, bufferCapacity: 16),
        LineLimits(maxLineLength: 15, bufferCapacity: 17),
        LineLimits(maxLineLength: 16, bufferCapacity: 64),
        LineLimits(maxLineLength: 20, bufferCapacity: 1),  // capacity raised to maxLineLength + 2
        LineLimits(maxLineLength: 1 << 20, bufferCapacity: 1 << 20),
        LineLimits(maxLineLength: 14, bufferCapacity: 16, initialCapacity: 2),
        LineLimits(maxLineLength: 20, bufferCapacity: 64, initialCapacity: 3),
        LineLimits(maxLineLength: 1 << 20, bufferCapacity: 1 << 20, initialCapacity: 4),
    ]

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }
    static func repeated(_ byte: Character, _ count: Int) -> String { String(repeating: byte, count: max(count, 0)) }

    static let cases: [LineCase] = [
        LineCase(name: "empty") { _ in [] },
        LineCase(name: "only newline") { _ in text("\n") },
        LineCase(name: "only CR") { _ in text("\r") },
        LineCase(name: "CRLF") { _ in text("one\r\ntwo\r\n\r\nthree\r\n") },
        LineCase(name: "no final newline") { _ in text("alpha\nbeta\ngamma") },
        LineCase(name: "no final newline, CR") { _ in text("alpha\nbeta\r") },
        LineCase(name: "empty lines") { _ in text("\n\n\nx\n\n") },
        LineCase(name: "CR inside line") { _ in text("a\rb\n\r\r\n") },
        LineCase(name: "exactly max") { m in text(repeated("a", m) + "\n" + repeated("b", m)) },
        LineCase(name: "just over max") { m in text(repeated("a", m + 1) + "\nok\n" + repeated("b", m + 1)) },
        LineCase(name: "max plus CR") { m in text(repeated("a", m) + "\r\n" + repeated("b", m) + "\r") },
        LineCase(name: "over max plus CR") { m in text(repeated("a", m + 1) + "\r\nz\r\n" + repeated("b", m + 1) + "\r")
        },
        LineCase(name: "far over max") { m in text("x\n" + repeated("a", 3 * m + 5) + "\ny\n" + repeated("c", 2 * m)) },
        LineCase(name: "mixed lengths") { m in
            text((0..<(m + 4)).map { repeated("q", $0) }.joined(separator: "\n") + "\n")
        },
    ]

    @Test(arguments: cases, ByteTestSupport.readSizes)
    func matchesOracle(input: LineCase, readSize: Int) throws {
        for limits in Self.limits {
            // Inputs are built around a small limit; the big default limit sees the same short lines.
            let bytes = input.make(min(limits.maxLineLength, 40))
            let expected = Self.oracle(bytes, maxLineLength: limits.maxLineLength)
            let (outcomes, reader, _) = try Self.run(bytes, readSize: readSize, limits: limits)
            #expect(outcomes == expected, "limits \(limits)")
            #expect(reader.linesRead == expected.count)
            #expect(reader.cutLines == expected.filter { $0 == .cut }.count)
            #expect(reader.bytesRead == Int64(bytes.count))
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func randomBytesMatchOracle(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let alphabet: [UInt8] = [0x61, 0x62, 0x0D, 0x0A, 0x61, 0x00, 0xFF]
        let length = Int(rng.next() % 3000)
        let bytes = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
        // Sparse newlines too, so some lines run long.
        let sparse = (0..<length).map { _ in rng.next() % 40 == 0 ? UInt8(0x0A) : UInt8(0x7A) }
        for input in [bytes, sparse] {
            for limits in Self.limits {
                let expected = Self.oracle(input, maxLineLength: limits.maxLineLength)
                for readSize in ByteTestSupport.readSizes {
                    let (outcomes, reader, _) = try Self.run(input, readSize: readSize, limits: limits)
                    #expect(outcomes == expected, "seed \(seed) readSize \(readSize) limits \(limits)")
                    #expect(reader.bytesRead == Int64(input.count))
                }
            }
        }
    }

    @Test(arguments: [4096, 1 << 16, Int.max])
    func hugeLineIsCutWithBoundedMemory(readSize: Int) throws {
        let big = 5_000_000
        var bytes = Self.text("a\n")
        bytes += [UInt8](repeating: 0x78, count: big)
        bytes += Self.text("\nb\r\n")
        bytes += [UInt8](repeating: 0x79, count: big)  // a huge final line without "\n"
        let limits = LineLimits(maxLineLength: 100, bufferCapacity: 256)
        let (outcomes, reader, source) = try Self.run(bytes, readSize: readSize, limits: limits)
        #expect(outcomes == [.line(Self.text("a")), .cut, .line(Self.text("b")), .cut])
        #expect(reader.linesRead == 4)
        #expect(reader.cutLines == 2)
        #expect(reader.bytesRead == Int64(bytes.count))
        #expect(source.largestRequest <= 256)  // never buffered more than its capacity
    }

    struct Stop: Error {}

    @Test func throwingBodyStopsPromptly() throws {
        let bytes = Self.text((1...1000).map { "line \($0)" }.joined(separator: "\n"))
        let source = ChunkedSource(bytes: bytes, readSize: 64)
        var reader = LineReader(source: source, maxLineLength: 100, bufferCapacity: 128)
        var calls = 0
        #expect(throws: Stop.self) {
            try reader.forEachLine { _, number in
                calls += 1
                if number == 3 { throw Stop() }
            }
        }
        #expect(calls == 3)
        #expect(source.offset < bytes.count)
    }

    @Test(arguments: [1, 7, 4096, Int.max])
    func linesFromMultiMemberGzipEqualPlainLines(readSize: Int) throws {
        let expected = Self.oracle(try ByteTestSupport.fixture("small.log"), maxLineLength: 1 << 20)
        let decoder = DecodingByteSource(
            ChunkedSource(bytes: try ByteTestSupport.fixture("multi.gz"), readSize: readSize))
        var reader = LineReader(source: decoder, maxLineLength: 1 << 20, bufferCapacity: 1 << 20)
        var outcomes: [LineOutcome] = []
        try reader.forEachLine { line, _ in outcomes.append(.line(Array(line))) }
        #expect(outcomes == expected)
        #expect(expected.count == 40)
        #expect(decoder.isGzip)
        #expect(decoder.damage == nil)
    }

    /// Reading at full speed uses a 256 KiB buffer; a line longer than that, up to the 1 MiB limit, still comes
    /// whole (the buffer grows when such a line comes), and one over the limit is cut.
    @Test func linesLongerThanTheWorkingBufferStillComeWhole() throws {
        let long = [UInt8](repeating: 0x6C, count: 900_000)
        let over = [UInt8](repeating: 0x6F, count: (1 << 20) + 1)
        var bytes = Self.text("a\n") + long + Self.text("\nb\n") + over + Self.text("\nc")
        bytes += Self.text("\n")
        var reader = LineReader(
            source: ChunkedSource(bytes: bytes, readSize: 1 << 16), maxLineLength: 1 << 20,
            initialCapacity: 64 << 10)
        reader.expandBuffer()
        #expect(reader.bufferCapacity == LineReader.workingCapacity)
        var outcomes: [LineOutcome] = []
        try reader.forEachLine(
            { line, _ in outcomes.append(.line(Array(line))) }, onCut: { _ in outcomes.append(.cut) })
        #expect(outcomes == [.line(Self.text("a")), .line(long), .line(Self.text("b")), .cut, .line(Self.text("c"))])
    }
}

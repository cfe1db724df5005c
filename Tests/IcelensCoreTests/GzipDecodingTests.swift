import Testing

@testable import IcelensCore

/// One gzip fixture and what decoding it must give.
struct GzipCase: CustomTestStringConvertible, Sendable {
    enum Expect: Sendable {
        /// Decodes to exactly this plain fixture, no damage.
        case whole(String)
        /// Decodes to a prefix (at least `minimumBytes` long) of these plain fixtures joined; damage at an offset
        /// in `offsets`.
        case damaged([String], minimumBytes: Int, offsets: ClosedRange<Int64>)
    }

    let file: String
    let isGzip: Bool
    let expect: Expect
    var testDescription: String { file }
}

@Suite struct GzipDecodingTests {
    static let singleSize: Int64 = 923  // size of single.gz (asserted below)

    static let cases: [GzipCase] = [
        GzipCase(file: "small.log", isGzip: false, expect: .whole("small.log")),
        GzipCase(file: "single.gz", isGzip: true, expect: .whole("small.log")),
        GzipCase(file: "multi.gz", isGzip: true, expect: .whole("small.log")),
        GzipCase(file: "padded.gz", isGzip: true, expect: .whole("small.log")),
        GzipCase(file: "empty.log", isGzip: false, expect: .whole("empty.log")),
        GzipCase(file: "empty-member.gz", isGzip: true, expect: .whole("empty.log")),
        GzipCase(file: "empty-then-data.gz", isGzip: true, expect: .whole("small.log")),
        // Cut at 60% of 5069 compressed bytes: detected at the very end of the input.
        GzipCase(
            file: "truncated.gz", isGzip: true,
            expect: .damaged(["large.log"], minimumBytes: 15_000, offsets: 3041...3041)),
        // A whole member, then a member whose first deflate block has the reserved type.
        GzipCase(
            file: "corrupt.gz", isGzip: true,
            expect: .damaged(["small.log", "large.log"], minimumBytes: 5331, offsets: singleSize...(singleSize + 12))),
        GzipCase(
            file: "garbage.gz", isGzip: true,
            expect: .damaged(["small.log"], minimumBytes: 5331, offsets: singleSize...singleSize)),
    ]

    /// Decodes `fixture` through a chunked raw source, optionally behind a prefetcher; returns bytes and decoder.
    static func decode(
        _ fixture: String, readSize: Int, prefetch: Bool
    ) throws -> (bytes: [UInt8], decoder: DecodingByteSource) {
        let raw = ChunkedSource(bytes: try ByteTestSupport.fixture(fixture), readSize: readSize)
        let decoder = DecodingByteSource(raw)
        let outSize = readSize == Int.max ? 1 << 16 : readSize
        if prefetch {
            let prefetcher = PrefetchingByteSource(decoder, chunkSize: max(outSize, 512), depth: 3)
            #expect(prefetcher.finishedSource == nil)
            let bytes = try ByteTestSupport.readAll(prefetcher, bufferSize: outSize)
            let finished = try #require(prefetcher.finishedSource as? DecodingByteSource)
            #expect(finished === decoder)
            return (bytes, finished)
        }
        return (try ByteTestSupport.readAll(decoder, bufferSize: outSize), decoder)
    }

    @Test(arguments: cases, [1, 7, 4096, Int.max])
    func decodes(fixture: GzipCase, readSize: Int) throws {
        for prefetch in [false, true] {
            let (bytes, decoder) = try Self.decode(fixture.file, readSize: readSize, prefetch: prefetch)
            #expect(decoder.isGzip == fixture.isGzip)
            switch fixture.expect {
            case .whole(let plain):
                #expect(bytes == (try ByteTestSupport.fixture(plain)), "prefetch \(prefetch)")
                #expect(decoder.damage == nil, "prefetch \(prefetch)")
                #expect(decoder.compressedBytesRead == Int64(try ByteTestSupport.fixture(fixture.file).count))
            case .damaged(let plains, let minimumBytes, let offsets):
                let expected = try plains.flatMap { try ByteTestSupport.fixture($0) }
                #expect(bytes.count >= minimumBytes)
                #expect(bytes.count <= expected.count)
                #expect(Array(expected.prefix(bytes.count)) == bytes, "decoded bytes are a prefix of the text")
                let damage = try #require(decoder.damage, "prefetch \(prefetch)")
                #expect(offsets.contains(damage.byteOffset), "\(damage)")
                #expect(!damage.reason.isEmpty)
            }
        }
    }

    @Test func corruptSecondMemberKeepsFirstMemberWhole() throws {
        #expect(Int64(try ByteTestSupport.fixture("single.gz").count) == Self.singleSize)
        let small = try ByteTestSupport.fixture("small.log")
        let (bytes, decoder) = try Self.decode("corrupt.gz", readSize: 4096, prefetch: false)
        #expect(Array(bytes.prefix(small.count)) == small)
        #expect(decoder.damage?.reason.contains("invalid block type") == true)
    }

    @Test(arguments: [1, 7, 4096, Int.max])
    func corruptMiddleIsDetected(readSize: Int) throws {
        let size = Int64(try ByteTestSupport.fixture("corrupt-mid.gz").count)
        let (bytes, decoder) = try Self.decode("corrupt-mid.gz", readSize: readSize, prefetch: false)
        let damage = try #require(decoder.damage)
        #expect(damage.byteOffset > 0 && damage.byteOffset <= size)
        // Everything decoded before the flipped bytes (the first half of the stream) is kept.
        let large = try ByteTestSupport.fixture("large.log")
        #expect(bytes.count >= large.count / 3)
        #expect(Array(bytes.prefix(large.count / 3)) == Array(large.prefix(large.count / 3)))
    }

    @Test func truncatedKeepsEveryWholeLineBeforeTheCut() throws {
        let large = try ByteTestSupport.fixture("large.log")
        let decoder = DecodingByteSource(
            ChunkedSource(bytes: try ByteTestSupport.fixture("truncated.gz"), readSize: 100))
        var reader = LineReader(source: decoder)
        var lines: [[UInt8]] = []
        try reader.forEachLine { line, _ in lines.append(Array(line)) }
        let expectedLines = large.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        // All lines but the last (possibly partial) one are whole lines of the original, in order.
        #expect(lines.count > 100)
        #expect(Array(lines.dropLast()) == Array(expectedLines.prefix(lines.count - 1)))
        #expect(decoder.damage?.reason.contains("truncated") == true)
        #expect(reader.bytesRead > 15_000)
    }

    @Test func tinyInputsAreNotGzip() throws {
        for bytes: [UInt8] in [[0x1F], [0x1F, 0x00], [0x41]] {
            let decoder = DecodingByteSource(ChunkedSource(bytes: bytes, readSize: 1))
            #expect(try ByteTestSupport.readAll(decoder) == bytes)
            #expect(!decoder.isGzip)
            #expect(decoder.damage == nil)
        }
    }

    @Test func magicAloneIsTruncatedGzip() throws {
        let decoder = DecodingByteSource(ChunkedSource(bytes: [0x1F, 0x8B], readSize: 1))
        #expect(try ByteTestSupport.readAll(decoder) == [])
        #expect(decoder.isGzip)
        #expect(decoder.damage?.byteOffset == 2)
    }

    @Test(arguments: [1, 7, 4096])
    func hostileBytesAfterMagicNeverCrash(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<200 {
            let length = Int(rng.next() % 200)
            let bytes: [UInt8] = [0x1F, 0x8B] + (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let decoder = DecodingByteSource(ChunkedSource(bytes: bytes, readSize: Int(rng.next() % 9) + 1))
            _ = try ByteTestSupport.readAll(decoder, bufferSize: Int(rng.next() % 50) + 1)
            #expect(decoder.damage != nil)
        }
    }

    @Test func readsFromFileByPath() throws {
        let source = try FileByteSource(path: try ByteTestSupport.fixturePath("multi.gz"))
        let decoder = DecodingByteSource(source)
        #expect(try ByteTestSupport.readAll(decoder, bufferSize: 1 << 20) == (try ByteTestSupport.fixture("small.log")))
        #expect(decoder.damage == nil)
    }
}

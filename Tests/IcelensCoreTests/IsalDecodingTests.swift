import Foundation
import Testing

@testable import IcelensCore

/// ISA-L decodes gzip exactly as zlib does: the same bytes, the same damage (offset and words) and the same count
/// of compressed bytes read, on whole, multi-member, padded, cut, corrupt and randomly damaged inputs. Runs where
/// ISA-L is installed; `.ci/run` installs it and sets ICELENS_REQUIRE_ISAL=1 so that it cannot be skipped there.
@Suite struct IsalDecodingTests {
    static var isalPresent: Bool { GzipDecoder.isalUnavailableReason == nil }

    @Test func isalIsPresentWhereRequired() {
        if ProcessInfo.processInfo.environment["ICELENS_REQUIRE_ISAL"] == "1" {
            #expect(
                GzipDecoder.isalUnavailableReason == nil,
                "ISA-L was required: \(GzipDecoder.isalUnavailableReason ?? "")")
        } else if let reason = GzipDecoder.isalUnavailableReason {
            #expect(!reason.isEmpty, "an unavailable ISA-L says why")
        }
    }

    /// Decodes `bytes` with `decoder`; what a run would see of it.
    static func decode(
        _ bytes: [UInt8], decoder: GzipDecoder, readSize: Int, bufferSize: Int
    ) throws -> (bytes: [UInt8], damage: Damage?, compressed: Int64, source: DecodingByteSource) {
        let raw = MemoryByteSource(bytes, readSize: readSize)
        let source = DecodingByteSource(raw, decoder: decoder)
        let out = try ByteTestSupport.readAll(source, bufferSize: bufferSize)
        return (out, source.damage, source.compressedBytesRead, source)
    }

    /// Asserts both decoders agree on `bytes`; returns the ISA-L source.
    @discardableResult
    static func expectSame(_ bytes: [UInt8], readSize: Int, bufferSize: Int, _ what: String) throws
        -> DecodingByteSource
    {
        let z = try decode(bytes, decoder: .zlib, readSize: readSize, bufferSize: bufferSize)
        let i = try decode(bytes, decoder: .isal, readSize: readSize, bufferSize: bufferSize)
        let sameBytes = z.bytes == i.bytes
        #expect(sameBytes, "\(what): zlib \(z.bytes.count) vs ISA-L \(i.bytes.count) bytes")
        #expect(
            z.damage == i.damage,
            "\(what): zlib \(String(describing: z.damage)) vs ISA-L \(String(describing: i.damage))")
        // A member decoded again is read again: raw bytes read differ only after damage.
        if z.damage == nil { #expect(z.compressed == i.compressed, "\(what)") }
        #expect(z.source.isalMembers == 0)
        return i.source
    }

    @Test(.enabled(if: isalPresent), arguments: GzipDecodingTests.cases, [1, 7, 4096, Int.max])
    func fixturesDecodeTheSame(fixture: GzipCase, readSize: Int) throws {
        let bytes = try ByteTestSupport.fixture(fixture.file)
        for bufferSize in [1, 300, 1 << 16] {
            let isal = try Self.expectSame(bytes, readSize: readSize, bufferSize: bufferSize, fixture.file)
            #expect(isal.isalMembers > 0 || !fixture.isGzip, "ISA-L decoded \(fixture.file)")
            // Damage inside a member is decoded again by zlib; garbage after a whole member is not.
            if case .damaged = fixture.expect, fixture.file != "garbage.gz" {
                #expect(isal.zlibReplays > 0, "zlib checked \(fixture.file)")
            }
        }
    }

    @Test(.enabled(if: isalPresent)) func corruptMiddleDecodesTheSame() throws {
        let bytes = try ByteTestSupport.fixture("corrupt-mid.gz")
        for readSize in [1, 7, 4096, Int.max] {
            let isal = try Self.expectSame(bytes, readSize: readSize, bufferSize: 4096, "corrupt-mid.gz")
            #expect(isal.zlibReplays == 1)
        }
    }

    /// ISA-L's leniency (found by this test): it gave up to 49 bytes of a damaged block that zlib refuses; held
    /// back since (`IsalMember.holdBack`). Regression for ISA-L's speed path on real logs: many deflate blocks, cut and damaged at random places
    /// (flipped bytes, cuts, inserted bytes), with members joined; both decoders give the same bytes and damage.
    @Test(.enabled(if: isalPresent), arguments: [1, 2, 3])
    func randomDamageDecodesTheSame(seed: UInt64) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let sample = [UInt8](
            try Data(contentsOf: root.appendingPathComponent("samples/logs/before/browser-guides.log.gz")))
        let small = try ByteTestSupport.fixture("single.gz")
        var rng = SplitMix64(seed: seed)
        // ICELENS_ISAL_ROUNDS raises the rounds for a longer campaign (docs/decisions.md, "ISA-L").
        let rounds = ProcessInfo.processInfo.environment["ICELENS_ISAL_ROUNDS"].flatMap { Int($0) } ?? 40
        var isalMembers = 0
        for round in 0..<rounds {
            var bytes = rng.next() % 3 == 0 ? small + sample : sample
            switch rng.next() % 4 {
            case 0: bytes.removeLast(Int(rng.next() % UInt64(bytes.count - 1)) + 1)
            case 1:
                for _ in 0...(rng.next() % 3) {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    bytes[at] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
                }
            case 2:
                let at = Int(rng.next() % UInt64(bytes.count))
                bytes.insert(
                    contentsOf: (0..<(rng.next() % 8 + 1)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: at)
            default: bytes += small.prefix(Int(rng.next() % UInt64(small.count)))
            }
            let readSize = [4096, 65_536, Int.max][Int(rng.next() % 3)]
            let isal = try Self.expectSame(
                bytes, readSize: readSize, bufferSize: 1 << 16, "seed \(seed) round \(round)")
            isalMembers += isal.isalMembers
        }
        #expect(isalMembers >= rounds, "ISA-L decoded the members")
    }

    @Test(.enabled(if: isalPresent)) func sourcesThatCannotRewindStayOnZlib() throws {
        let raw = ChunkedSource(bytes: try ByteTestSupport.fixture("multi.gz"), readSize: 4096)
        let source = DecodingByteSource(raw, decoder: .isal)
        #expect(try ByteTestSupport.readAll(source) == (try ByteTestSupport.fixture("small.log")))
        #expect(source.isalMembers == 0)
    }

    @Test func filesRewindAndPipesDoNot() throws {
        let file = try FileByteSource(path: try ByteTestSupport.fixturePath("multi.gz"))
        #expect(file.canRewind)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16, alignment: 1)
        defer { buffer.deallocate() }
        #expect(try file.read(into: buffer) == 16)
        let first = Array(buffer)
        #expect(file.rewind(to: 0))
        #expect(try file.read(into: buffer) == 16)
        #expect(Array(buffer) == first)

        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let pipeSource = FileByteSource(fileDescriptor: fds[0])
        #expect(!pipeSource.canRewind)
        #expect(!pipeSource.rewind(to: 0))
    }

    @Test(.enabled(if: isalPresent)) func fileByPathDecodesWithIsal() throws {
        let source = DecodingByteSource(
            try FileByteSource(path: try ByteTestSupport.fixturePath("truncated.gz")), decoder: .isal)
        let zlib = DecodingByteSource(try FileByteSource(path: try ByteTestSupport.fixturePath("truncated.gz")))
        #expect(try ByteTestSupport.readAll(source, bufferSize: 1 << 16) == (try ByteTestSupport.readAll(zlib)))
        #expect(source.damage == zlib.damage)
        #expect(source.isalMembers == 1)
        #expect(source.zlibReplays == 1)
    }

    /// Review of the change: zlib refuses the reserved header flag bits (0xE0), ISA-L did not look at them; headers
    /// with flags other than a file name go to zlib.
    @Test(.enabled(if: isalPresent)) func headerFlagsZlibRefusesOrIsalMayLoseGoToZlib() throws {
        let single = try ByteTestSupport.fixture("single.gz")
        for flag: UInt8 in [0x20, 0x40, 0x80] {
            var bytes = single
            bytes[3] |= flag
            let isal = try Self.expectSame(bytes, readSize: 4096, bufferSize: 4096, "flag \(flag)")
            #expect(isal.damage?.reason.contains("unknown header flags") == true)
            #expect(isal.isalMembers == 0)
        }
        // A comment (FCOMMENT) after the header's fixed ten bytes and file name: whole, decoded by zlib.
        var commented = Array(single[0..<10])
        var at = 10
        if single[3] & 0x08 != 0 {
            while single[at] != 0 { at += 1 }
            at += 1
            commented += single[10..<at]
        }
        commented[3] |= 0x10
        commented += Array("a comment".utf8) + [0] + single[at...]
        let isal = try Self.expectSame(commented + single, readSize: 7, bufferSize: 4096, "comment")
        #expect(isal.damage == nil)
        #expect(isal.isalMembers == 1, "the plain second member went to ISA-L")
    }
}

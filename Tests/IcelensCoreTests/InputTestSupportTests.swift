import Foundation
import Testing

@testable import IcelensCore

/// A test-only byte source over an array that returns at most `readSize` bytes per read.
final class ChunkedSource: ByteChunkSource {
    let bytes: [UInt8]
    let readSize: Int
    private(set) var offset = 0
    /// The largest buffer a caller offered (to prove memory stays bounded).
    private(set) var largestRequest = 0

    init(bytes: [UInt8], readSize: Int) {
        self.bytes = bytes
        self.readSize = max(readSize, 1)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        largestRequest = max(largestRequest, buffer.count)
        let count = min(readSize, buffer.count, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { all in
            buffer.baseAddress!.copyMemory(from: all.baseAddress! + offset, byteCount: count)
        }
        offset += count
        return count
    }
}

/// Helpers shared by the byte-path tests.
enum ByteTestSupport {
    /// Read sizes swept by the byte-level tests; `Int.max` means whole input in one read.
    static let readSizes = [1, 2, 3, 7, 64, 4096, Int.max]

    /// The bytes of a fixture under Fixtures/gz.
    static func fixture(_ name: String) throws -> [UInt8] {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let data = try Data(contentsOf: root.appendingPathComponent("gz").appendingPathComponent(name))
        return [UInt8](data)
    }

    /// Path of a fixture under Fixtures/gz.
    static func fixturePath(_ name: String) throws -> String {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return root.appendingPathComponent("gz").appendingPathComponent(name).path
    }

    /// Drains a source with reads of `bufferSize` bytes.
    static func readAll(_ source: ByteChunkSource, bufferSize: Int = 4096) throws -> [UInt8] {
        var out: [UInt8] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
        defer { buffer.deallocate() }
        while true {
            let count = try source.read(into: buffer)
            if count == 0 { return out }
            #expect(count <= bufferSize)
            out.append(contentsOf: buffer[0..<count])
        }
    }
}

@Suite struct InputTestSupportTests {
    @Test func chunkedSourceHonoursReadSize() throws {
        let source = ChunkedSource(bytes: Array(0..<10), readSize: 3)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 8, alignment: 1)
        defer { buffer.deallocate() }
        #expect(try source.read(into: buffer) == 3)
        #expect(try source.read(into: buffer) == 3)
        #expect(try source.read(into: buffer) == 3)
        #expect(try source.read(into: buffer) == 1)
        #expect(try source.read(into: buffer) == 0)
    }
}

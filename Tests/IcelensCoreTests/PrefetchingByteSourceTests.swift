import Foundation
import Testing

@testable import IcelensCore

/// An endless source (or one that fails after `failAfterBytes`) that signals when it is freed.
final class ProbeSource: ByteChunkSource, @unchecked Sendable {
    struct Failure: Error, Equatable {}
    let freed: DispatchSemaphore
    let failAfterBytes: Int?
    private var produced = 0

    init(freed: DispatchSemaphore, failAfterBytes: Int? = nil) {
        self.freed = freed
        self.failAfterBytes = failAfterBytes
    }

    deinit { freed.signal() }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var count = buffer.count
        if let limit = failAfterBytes {
            if produced >= limit { throw Failure() }
            count = min(count, limit - produced)
        }
        for i in 0..<count { buffer[i] = UInt8(truncatingIfNeeded: produced + i) }
        produced += count
        return count
    }
}

@Suite struct PrefetchingByteSourceTests {
    @Test(arguments: [1, 3, 10, 20])
    func droppingMidStreamStopsTheThread(round: Int) throws {
        let freed = DispatchSemaphore(value: 0)
        do {
            let prefetcher = PrefetchingByteSource(ProbeSource(freed: freed), chunkSize: 4096, depth: 2)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1000, alignment: 1)
            defer { buffer.deallocate() }
            for _ in 0..<round {
                #expect(try prefetcher.read(into: buffer) > 0)
            }
            #expect(prefetcher.finishedSource == nil)
        }
        // The thread must notice, stop, and release the wrapped source.
        #expect(freed.wait(timeout: .now() + 10) == .success)
    }

    @Test func droppingBeforeAnyReadStopsTheThread() {
        for _ in 0..<10 {
            let freed = DispatchSemaphore(value: 0)
            do { _ = PrefetchingByteSource(ProbeSource(freed: freed), chunkSize: 100, depth: 1) }
            #expect(freed.wait(timeout: .now() + 10) == .success)
        }
    }

    @Test func errorsArriveAfterEarlierBytes() throws {
        let freed = DispatchSemaphore(value: 0)
        do {
            let prefetcher = PrefetchingByteSource(
                ProbeSource(freed: freed, failAfterBytes: 10_000), chunkSize: 3000, depth: 2)
            var got = 0
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 777, alignment: 1)
            defer { buffer.deallocate() }
            #expect(throws: ProbeSource.Failure.self) {
                while true {
                    let count = try prefetcher.read(into: buffer)
                    for i in 0..<count { #expect(buffer[i] == UInt8(truncatingIfNeeded: got + i)) }
                    got += count
                    if count == 0 { break }
                }
            }
            #expect(got == 10_000)
            #expect(prefetcher.finishedSource != nil)
        }
        #expect(freed.wait(timeout: .now() + 10) == .success)
    }

    @Test(arguments: [1, 64, 5000, 1 << 20])
    func deliversEveryByteInOrder(bufferSize: Int) throws {
        var rng = SplitMix64(seed: UInt64(bufferSize))
        let bytes = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let prefetcher = PrefetchingByteSource(ChunkedSource(bytes: bytes, readSize: 7919), chunkSize: 10_000)
        #expect(try ByteTestSupport.readAll(prefetcher, bufferSize: bufferSize) == bytes)
        #expect(try ByteTestSupport.readAll(prefetcher) == [])  // stays at end
        #expect((prefetcher.finishedSource as? ChunkedSource)?.offset == bytes.count)
    }

    @Test func lineReaderOverPrefetchedGzip() throws {
        let decoder = DecodingByteSource(
            ChunkedSource(bytes: try ByteTestSupport.fixture("truncated.gz"), readSize: 512))
        let prefetcher = PrefetchingByteSource(decoder, chunkSize: 1024, depth: 2)
        var reader = LineReader(source: prefetcher, maxLineLength: 4096, bufferCapacity: 8192)
        var lines = 0
        try reader.forEachLine { _, _ in lines += 1 }
        #expect(lines > 100)
        let finished = try #require(prefetcher.finishedSource as? DecodingByteSource)
        #expect(finished.isGzip)
        #expect(finished.damage?.byteOffset == 3041)
    }
}

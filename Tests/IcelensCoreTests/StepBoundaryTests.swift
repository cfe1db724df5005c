import Foundation
import Testing

@testable import IcelensCore

/// Regression for a defect found trying `--gzip-decoder isal` as a user: an input whose log time goes back (two
/// logs in one file) gave different tours, connections and late-event counts for zlib and ISA-L, plain and
/// gzipped, because the merge closed tours after each read and each decoder (and each read size) cut the input
/// into different reads. Steps now end where the input's bytes alone decide (`TourStream.stepBytes`).
@Suite struct StepBoundaryTests {
    /// The guides' sample of the fix's day, then the one of the day before: log time goes back by a day.
    static func twoLogs() throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        var bytes: [UInt8] = []
        for day in ["after", "before"] {
            let path = root.appendingPathComponent("samples/logs/\(day)/browser-guides.log.gz").path
            bytes += try ByteTestSupport.readAll(
                DecodingByteSource(try FileByteSource(path: path)), bufferSize: 1 << 16)
        }
        return bytes
    }

    /// Every tour result and the late-event count of a report over `bytes` read `readSize` bytes at a time.
    static func report(_ bytes: [UInt8], readSize: Int) throws -> (tours: [String], late: Int) {
        var stream = TourStream(
            inputs: [InputSpec.file("two.log")], options: ScanOptions(), correlation: CorrelationConfig())
        stream.openRaw = { _ in MemoryByteSource(bytes, readSize: readSize) }
        var tours: [String] = []
        let outcome = try stream.run { tours.append(String(describing: $0)) }
        return (tours, outcome.lateEvents)
    }

    @Test func readSizesGiveTheSameReport() throws {
        let bytes = try Self.twoLogs()
        #expect(bytes.count > 3 * TourStream.stepBytes, "several steps")
        let whole = try Self.report(bytes, readSize: Int.max)
        #expect(whole.late > 0, "the second log's lines come after tours were closed")
        for readSize in [4_000, 65_536, 300_000, 1 << 20] {
            let other = try Self.report(bytes, readSize: readSize)
            #expect(other.late == whole.late, "read size \(readSize)")
            #expect(other.tours == whole.tours, "read size \(readSize)")
        }
    }

    /// `LineReader.readBatch(stopAt:)` ends each part after the same line whatever the read sizes.
    @Test func partsEndAfterTheSameLines() throws {
        var rng = SplitMix64(seed: 5)
        var text: [UInt8] = []
        for _ in 0..<3_000 {
            text += (0..<Int(rng.next() % 300)).map { _ in UInt8(0x61 + rng.next() % 26) } + [0x0A]
        }
        func partEnds(readSize: Int) throws -> [Int] {
            var reader = LineReader(source: MemoryByteSource(text, readSize: readSize), initialCapacity: 1024)
            var ends: [Int] = []
            var lines = 0
            var more = true
            while more {
                let boundary = reader.consumedOffset + 10_000
                repeat {
                    more = try reader.readBatch({ _, _ in lines += 1 }, stopAt: boundary)
                } while more && reader.consumedOffset < boundary
                ends.append(lines)
            }
            return ends
        }
        let reference = try partEnds(readSize: Int.max)
        #expect(reference.count > 10)
        for readSize in [1, 7, 4096, 50_000] {
            #expect(try partEnds(readSize: readSize) == reference, "read size \(readSize)")
        }
    }
}

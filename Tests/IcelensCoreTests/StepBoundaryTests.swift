import Foundation
import Testing

@testable import IcelensCore

/// Regression for a defect found trying `--gzip-decoder isal` as a user: an input whose log time goes back (two
/// logs in one file) gave different tours, connections and late-event counts for zlib and ISA-L, plain and
/// gzipped, because the merge closed tours after each read and each decoder (and each read size) cut the input
/// into different reads. Steps now end where the input's bytes alone decide (`TourStream.stepBytes`); a review
/// of that change added the cut-line, first-look and parking cases.
@Suite struct StepBoundaryTests {
    static func sample(_ day: String, _ file: String) throws -> [UInt8] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("samples/logs/\(day)/\(file)").path
        return try ByteTestSupport.readAll(DecodingByteSource(try FileByteSource(path: path)), bufferSize: 1 << 16)
    }

    /// The guides' sample of the fix's day, then the one of the day before: log time goes back by a day.
    static func twoLogs() throws -> [UInt8] {
        try sample("after", "browser-guides.log.gz") + sample("before", "browser-guides.log.gz")
    }

    /// The JSON report, late events and time jumps of a run over `logs` (by name), each read `readSize` bytes at a
    /// time, with at most `parked` inputs kept open while waiting.
    static func report(_ logs: [(String, [UInt8])], readSize: Int, parked: Int = 64) throws
        -> (json: String, late: Int, jumps: [TimeJump])
    {
        var stream = TourStream(
            inputs: logs.map { InputSpec.file($0.0) }, options: ScanOptions(), correlation: CorrelationConfig())
        stream.maxParkedInputs = parked
        let bytes = Dictionary(uniqueKeysWithValues: logs)
        stream.openRaw = { MemoryByteSource(bytes[$0.displayName] ?? [], readSize: readSize) }
        var builder = ReportBuilder()
        let outcome = try stream.run { builder.add($0) }
        var json = ""
        OutputFormat.json.render(builder.finish(inputs: outcome.accounting), options: RenderOptions(), into: &json)
        return (json, outcome.lateEvents, outcome.timeJumps)
    }

    @Test func readSizesGiveTheSameReport() throws {
        let bytes = try Self.twoLogs()
        #expect(bytes.count > 3 * TourStream.stepBytes, "several steps")
        let whole = try Self.report([("two.log", bytes)], readSize: Int.max)
        #expect(whole.late > 0, "the second log's lines come after tours were closed")
        #expect(whole.jumps.map(\.count) == [1])
        for readSize in [4_000, 65_536, 300_000, 1 << 20] {
            let other = try Self.report([("two.log", bytes)], readSize: readSize)
            #expect(other.late == whole.late, "read size \(readSize)")
            #expect(other.jumps == whole.jumps, "read size \(readSize)")
            #expect(other.json == whole.json, "read size \(readSize)")
        }
    }

    /// A jump back in time inside the first look (`peek`) is counted like any other (it was not: the peeked
    /// events moved only the clock), whatever the read size and whether the input waited open or was reopened.
    @Test func aJumpInsideTheFirstLookIsCounted() throws {
        // Whole lines from the start of a log, about `bytes` of them.
        func head(_ log: [UInt8], _ bytes: Int) -> [UInt8] {
            Array(log.prefix(bytes).split(separator: 0x0A).dropLast().joined(separator: [0x0A])) + [0x0A]
        }
        // Both days within the first 64 KiB: the whole jump is in the first look.
        let jumping =
            head(try Self.sample("after", "browser-guides.log.gz"), 20_000)
            + head(try Self.sample("before", "browser-attendees.log.gz"), 30_000)
        let other = try Self.sample("after", "browser-attendees.log.gz")
        let logs = [("jumping.log", jumping), ("other.log", other), ("third.log", other)]
        let reference = try Self.report(logs, readSize: Int.max)
        #expect(reference.jumps.map(\.input) == ["jumping.log"], "\(reference.jumps)")
        for (readSize, parked) in [(4_000, 64), (65_536, 1), (Int.max, 1), (300_000, 2)] {
            let run = try Self.report(logs, readSize: readSize, parked: parked)
            #expect(run.jumps == reference.jumps, "read size \(readSize), parked \(parked)")
            #expect(run.late == reference.late, "read size \(readSize), parked \(parked)")
            #expect(run.json == reference.json, "read size \(readSize), parked \(parked)")
        }
    }

    /// A line source's steps end after the same lines whatever the read sizes, cut lines (some longer than the
    /// reader's buffer), CRLF and a last line without a newline included; a step never ends inside a cut line.
    @Test func stepsEndAfterTheSameLines() throws {
        var rng = SplitMix64(seed: 5)
        var text: [UInt8] = []
        for i in 0..<2_500 {
            let length = i % 97 == 0 ? 2_000 + Int(rng.next() % 3_000) : Int(rng.next() % 300)
            text += (0..<length).map { _ in UInt8(0x61 + rng.next() % 26) } + (i % 5 == 0 ? [0x0D, 0x0A] : [0x0A])
        }
        text += [UInt8](repeating: 0x62, count: 1_300_000) + [0x0A] + Array("last line".utf8)
        func stepEnds(readSize: Int) throws -> [LineCounts] {
            var options = ScanOptions()
            options.maxLineLength = 200
            let source = LineLogFormat.makeSource(
                MemoryByteSource(text, readSize: readSize),
                context: SourceContext(index: 0, serverInput: false, options: options, stepBytes: 10_000))
            var ends: [LineCounts] = []
            var events: [Event] = []
            var steps = 0
            while try source.step(into: &events, onOther: nil) {
                steps += 1
                if steps == 3 { source.expand() }  // first-look steps, then full ones
                var counts = source.counts
                counts.bytes = 0  // bytes read depend on the reads; the lines must not
                ends.append(counts)
            }
            return ends
        }
        let reference = try stepEnds(readSize: Int.max)
        #expect(reference.count > 20)
        #expect(reference.last.map { $0.cut } ?? 0 > 20, "cut lines happen")
        for readSize in [1, 7, 4096, 50_000, 700_000] {
            #expect(try stepEnds(readSize: readSize) == reference, "read size \(readSize)")
        }
    }
}

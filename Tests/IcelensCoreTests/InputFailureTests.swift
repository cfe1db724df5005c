import Testing

@testable import IcelensCore

/// A source that serves `bytes` and then fails, as a disk or NFS read can part way through a file.
final class FailingSource: ByteChunkSource {
    private let inner: MemoryByteSource
    private var served = 0
    private let failAfter: Int

    init(_ bytes: [UInt8], failAfter: Int) {
        inner = MemoryByteSource(Array(bytes.prefix(failAfter)), readSize: 4096)
        self.failAfter = failAfter
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = try inner.read(into: buffer)
        served += n
        if n == 0 { throw InputError.readFailed(input: "flaky.log", reason: "Input/output error") }
        return n
    }
}

/// Regression tests for issue 6 defect 6 ("a read error after the first-event peek ends the whole run instead of
/// failing that input"): the failing input is listed with what it read before the error; the others are analysed.
@Suite struct InputFailureTests {
    static func log(tour: String, lines: Int) -> [UInt8] {
        var text = ""
        for i in 0..<lines {
            let second = String(format2: i % 60)
            text +=
                "2026-03-02T10:\(String(format2: i / 60 % 60)):\(second)Z [attendee] [tour:\(tour)] [peer:a-1] "
                + "iceConnectionState changed: checking\n"
        }
        return Array(text.utf8)
    }

    @Test func readErrorAfterThePeekFailsThatInputOnly() throws {
        let good = Self.log(tour: "t-good", lines: 500)
        let flaky = Self.log(tour: "t-flaky", lines: 3000)
        var stream = TourStream(
            inputs: [.file("good.log"), .file("flaky.log")], options: ScanOptions(), correlation: CorrelationConfig())
        stream.openRaw = { spec in
            let source: ByteChunkSource =
                spec.path == "good.log" ? MemoryByteSource(good) : FailingSource(flaky, failAfter: flaky.count / 2)
            return source
        }
        var tours: [String] = []
        let outcome = try stream.run { tours.append($0.tour) }
        #expect(Set(tours) == ["t-good", "t-flaky"])
        #expect(outcome.failures.map(\.input) == ["flaky.log"])
        #expect(outcome.failures.first?.reason.contains("Input/output error") == true)
        let flakyAccounting = try #require(outcome.accounting.first { $0.input == "flaky.log" })
        #expect(flakyAccounting.read > 0 && flakyAccounting.read < 3000)
        #expect(flakyAccounting.isBalanced)
        #expect(outcome.accounting.first { $0.input == "good.log" }?.read == 500)
    }

    @Test func readErrorInEventsRunFailsThatInputOnly() throws {
        let flaky = Self.log(tour: "t-flaky", lines: 3000)
        let scan = try InputScanner(options: ScanOptions()).scan(
            .file("flaky.log"), raw: FailingSource(flaky, failAfter: flaky.count / 3), index: 0, onEvent: { _ in })
        #expect(scan.failure != nil)
        #expect(scan.accounting.read > 0 && scan.accounting.isBalanced)
    }
}

extension String {
    /// Two digits, zero-padded.
    fileprivate init(format2 n: Int) {
        self = n < 10 ? "0\(n)" : "\(n)"
    }
}

import Foundation
import Testing

@testable import IcelensCore

/// `icelens events` parses on one thread and writes on another when prefetching (`EventsRun+TwoThreads`): the
/// NDJSON, the accounting and the failures must be those of the one-thread run, and a closed output must stop the
/// parsing thread with the accounting of what it read.
@Suite struct EventsRunThreadsTests {
    static let story = Story.inputs

    /// Runs `events` into a temporary file; returns the bytes written and the outcome.
    static func run(_ inputs: [InputSpec], prefetch: Bool, kinds: Set<EventKind> = []) throws -> ([UInt8], RunOutcome) {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("icelens-events-threads-\(getpid())-\(prefetch).ndjson").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(fd >= 0)
        defer { unlink(path) }
        var options = ScanOptions()
        options.prefetch = prefetch
        let outcome = try EventsRun(inputs: inputs, options: options, kinds: kinds).execute(
            to: ByteOutput(fileDescriptor: fd))
        close(fd)
        return (Array(try Data(contentsOf: URL(fileURLWithPath: path))), outcome)
    }

    @Test func twoThreadsWriteWhatOneThreadWrites() throws {
        // The story's three inputs (one gzip), a missing input between them, a directory-less name after.
        let inputs =
            [Self.story[0], InputSpec(path: "/nonexistent/icelens.log", displayName: "missing.log")]
            + Self.story[1...] + [InputSpec(path: "/nonexistent/second.log.gz", displayName: "second.log.gz")]
        for kinds in [Set<EventKind>(), [.iceState]] {
            let (oneBytes, one) = try Self.run(inputs, prefetch: false, kinds: kinds)
            let (twoBytes, two) = try Self.run(inputs, prefetch: true, kinds: kinds)
            #expect(!oneBytes.isEmpty)
            #expect(twoBytes == oneBytes)
            #expect(two.accounting == one.accounting)
            #expect(two.failures == one.failures)
            #expect(two.failures.count == 2)
            #expect(!two.outputClosed)
        }
    }

    @Test func closedOutputStopsTheParsingThreadWithItsAccounting() throws {
        ByteOutput.ignoreBrokenPipeSignal()
        // A log large enough that the writer's 60 KiB hand-overs hit the closed pipe long before the end.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("icelens-events-closed-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("big.log")
        try Data(InputFailureTests.log(tour: "t-big", lines: 40_000)).write(to: url)
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        close(fds[0])  // nobody reads: the first hand-over fails with EPIPE
        defer { close(fds[1]) }
        var options = ScanOptions()
        options.prefetch = true
        // A missing input after the one being written when the output closes is not reached, as with one thread
        // (regression: failures already queued by the parsing thread were dropped while later inputs were listed).
        let inputs = [
            InputSpec(path: url.path, displayName: "big.log"),
            InputSpec(path: "/nonexistent/icelens.log", displayName: "missing.log"), Self.story[0],
        ]
        let outcome = try EventsRun(inputs: inputs, options: options).execute(to: ByteOutput(fileDescriptor: fds[1]))
        #expect(outcome.outputClosed)
        #expect(outcome.failures.isEmpty)
        #expect(outcome.accounting.count == 1)
        let first = try #require(outcome.accounting.first)
        #expect(first.input == "big.log")
        #expect(first.read > 0 && first.read < 40_000)
        #expect(first.isBalanced)
    }

    /// Regression: with the output closed, `events` waited for the parsing thread, which was blocked reading a
    /// pipe that stays open (`tail -f app.log | icelens events - | head`): it must return at once.
    @Test func closedOutputDoesNotWaitForAQuietInput() throws {
        ByteOutput.ignoreBrokenPipeSignal()
        var input: [Int32] = [0, 0]
        #expect(pipe(&input) == 0)
        let lines = InputFailureTests.log(tour: "t-live", lines: 3_000)
        let release = DispatchSemaphore(value: 0)
        let writeEnd = input[1]
        let feeder = Thread {
            _ = lines.withUnsafeBytes { write(writeEnd, $0.baseAddress!, $0.count) }
            _ = release.wait(timeout: .now() + 20)  // the pipe stays open, as a quiet `tail -f`
            close(writeEnd)
        }
        feeder.start()
        defer { release.signal() }
        var output: [Int32] = [0, 0]
        #expect(pipe(&output) == 0)
        close(output[0])
        defer { close(output[1]) }
        var options = ScanOptions()
        options.prefetch = true
        let started = ContinuousClock.now
        let outcome = try EventsRun(
            inputs: [InputSpec(path: "/proc/self/fd/\(input[0])", displayName: "live.log")], options: options
        ).execute(to: ByteOutput(fileDescriptor: output[1]))
        let elapsed = ContinuousClock.now - started
        #expect(outcome.outputClosed)
        #expect(elapsed < .seconds(5), "waited \(elapsed)")
        #expect(outcome.accounting.first?.read ?? 0 > 0)
    }
}

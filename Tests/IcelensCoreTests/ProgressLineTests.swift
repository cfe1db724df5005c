import Foundation
import Testing

@testable import IcelensCore

/// The progress line of a long run at a terminal (issue 9, part 8): what it says, that it appears on a terminal and
/// is erased before the result, and that it never reaches a pipe or a file.
@Suite struct ProgressLineTests {
    @Test func saysBytesRateLinesToursAndTimeLeft() {
        let r = ScanProgress.Reading(rawBytes: 123_400_000, lines: 1_234_567, toursOpen: 42, toursDone: 1_234)
        let line = ProgressLine.words(r, totalBytes: 480_000_000, bytesPerSecond: 85_000_000, width: 200)
        #expect(
            line
                == "icelens: reading 123.4 MB of 480.0 MB (25%), ~5 s left, 85.0 MB/s, 42 tours open, 1,234 done, 1,234,567 lines"
        )
        let stdin = ProgressLine.words(r, totalBytes: nil, bytesPerSecond: 0, width: 200)
        #expect(stdin == "icelens: reading 123.4 MB, 42 tours open, 1,234 done, 1,234,567 lines")
        // Regression (user trial): a narrow terminal cut the line mid-number; whole parts are dropped instead.
        let narrow = ProgressLine.words(r, totalBytes: 480_000_000, bytesPerSecond: 85_000_000, width: 80)
        #expect(narrow == "icelens: reading 123.4 MB of 480.0 MB (25%), ~5 s left, 85.0 MB/s")
        let done = ScanProgress.Reading(rawBytes: 480_000_000, lines: 9, toursOpen: 7, toursDone: 3)
        #expect(
            ProgressLine.words(done, totalBytes: 480_000_000, bytesPerSecond: 1, width: 200)
                .hasPrefix("icelens: read 480.0 MB; finishing 7 open tours"))
    }

    @Test func drawsOnATerminalAndErasesItselfBeforeTheResult() throws {
        // script(1) gives the run a terminal; the delay shows the line on a run this short.
        let r = try CommandLineContractTests.shell(
            "ICELENS_PROGRESS_DELAY_MS=0 script -qec \"'$0' report -o /dev/null '$1'\" /dev/null")
        // The first drawing may come after the reading ended on a loaded machine (the samples are small): then it is
        // the "read ...; finishing" phase. Either way the line is drawn.
        #expect(r.stdout.contains("icelens: read"), "\(r.stdout)")
        // Each redraw starts with an erase; the line is erased once more after its last drawing.
        let lastDrawing = try #require(r.stdout.range(of: "icelens: read", options: .backwards))
        #expect(r.stdout[lastDrawing.upperBound...].contains("\r\u{1B}[K"), "the line is left on the screen")
    }

    @Test func neverReachesAPipeOrQuietRun() throws {
        let piped = try CLI.run(["report", CLI.samples], environment: ["ICELENS_PROGRESS_DELAY_MS": "0"])
        #expect(!piped.stderr.contains("\r") && !piped.stderr.contains("reading"))
        let quiet = try CommandLineContractTests.shell(
            "ICELENS_PROGRESS_DELAY_MS=0 script -qec \"'$0' report -q -o /dev/null '$1'\" /dev/null")
        #expect(!quiet.stdout.contains("reading"), "\(quiet.stdout)")
    }
}

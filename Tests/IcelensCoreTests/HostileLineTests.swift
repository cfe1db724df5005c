import Testing

@testable import IcelensCore

#if canImport(Glibc)
    import Glibc
#endif

/// Regression tests for issue 6 defect 1 ("quadratic time on repeated `turn:` text"): every scanner is linear in
/// the line length, so a 1 MiB hostile line of any shape is classified in well under a second.
@Suite(.serialized) struct HostileLineTests {
    static let size = 1 << 20

    /// A line made of `unit` repeated to `size` bytes behind `prefix`.
    static func line(_ prefix: String, _ unit: String, size: Int = HostileLineTests.size) -> [UInt8] {
        var bytes = Array(prefix.utf8)
        let u = Array(unit.utf8)
        while bytes.count < size { bytes += u }
        return bytes
    }

    static let text = "2026-03-02T10:15:00.123Z [guide] [tour:t-1] [peer:g-1] Fetched ICE servers from API: "
    static let json = #"{"ts":"2026-03-02T10:15:00Z","tour":"t-1","event":"turn.fetch","msg":""#
    static let logfmt = "ts=2026-03-02T10:15:00Z tour=t-1 event=turn.fetch msg="

    /// Every hostile shape named by the issue, in each line format that could meet it.
    static let shapes: [(String, [UInt8])] = [
        ("text turn: run", line(text, "turn:")),
        ("text turn:a: run", line(text, "turn:a:")),
        ("text turns:x@ run", line(text, "turns:x@")),
        ("text turn:[ run", line(text, "turn:[")),
        ("text tag brackets", line("2026-03-02T10:15:00Z ", "[")),
        ("text nested brackets", line("2026-03-02T10:15:00Z [tour:", "[a:")),
        ("json turn: run", line(json, "turn:")),
        ("json nested brackets", line(#"{"a":"#, "[")),
        ("json nested objects", line(#"{"a":"#, #"{"b":"#)),
        ("json quotes", line(#"{"a":"#, #"""#)),
        ("json backslashes", line(json, "\\")),
        ("json escaped quotes", line(json, "\\\"")),
        ("json unicode escapes", line(json, "\\ud800")),
        ("logfmt = run", line("ts=2026-03-02T10:15:00Z ", "=")),
        ("logfmt quotes", line(logfmt, "\"")),
        ("logfmt key= run", line(logfmt, "a=b=")),
        ("logfmt backslashes", line(logfmt + "\"", "\\")),
        ("text url query", line(text + "https://x/?", "tourId=a&")),
        ("text redis key", line(text + "redis SET ", "ice-servers:")),
        ("text state words", line(text + "iceConnectionState changed: ", "connected ")),
    ]

    @Test(arguments: shapes.map(\.0))
    func hostileLineIsLinear(name: String) throws {
        let bytes = try #require(Self.shapes.first { $0.0 == name }?.1)
        var classifier = LineClassifier()
        let (seconds, ratio) = Self.timing(bytes) { line in
            _ = classifier.classify(line, source: SourceLocation(input: 0, line: 1), serverInput: false)
        }
        // Linear code takes well under a second here even in a debug build (the quadratic one took 105 s). On a
        // loaded machine the absolute time may stretch; a quarter of the line then still takes about a quarter of
        // the time (quadratic code: a sixteenth).
        #expect(seconds < 1.0 || ratio < 8, "\(name): \(seconds) s for a 1 MiB line, \(ratio)x a quarter of it")
    }

    /// The redaction of echoed lines is linear too.
    @Test(arguments: shapes.map(\.0))
    func hostileLineRedactionIsLinear(name: String) throws {
        let bytes = try #require(Self.shapes.first { $0.0 == name }?.1)
        let (seconds, ratio) = Self.timing(bytes) { _ = CredentialRedactor.redact($0) }
        #expect(seconds < 1.0 || ratio < 8, "\(name): \(seconds) s to redact a 1 MiB line, \(ratio)x a quarter")
    }

    /// The time `body` takes on `bytes` and, when that is a second or more (a loaded machine, or a quadratic
    /// scan), the best of three and how many times longer it is than the best of two on the first quarter.
    static func timing(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) -> Void) -> (Double, Double) {
        func best(_ part: ArraySlice<UInt8>) -> Double {
            var fastest = Double.infinity
            for _ in 0..<2 {
                let start = now()
                part.withUnsafeBytes { body($0) }
                fastest = min(fastest, now() - start)
            }
            return fastest
        }
        let start = now()
        bytes.withUnsafeBytes { body($0) }
        let first = now() - start
        if first < 1.0 { return (first, 1) }  // the usual case: no need to look closer
        let whole = min(first, best(bytes[...]))
        let quarter = best(bytes[..<(bytes.count / 4)])
        return (whole, whole / max(quarter, 1e-4))
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

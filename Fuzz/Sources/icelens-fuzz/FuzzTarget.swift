import IcelensCore

/// The libFuzzer entry point: one input is arbitrary bytes, read by every path icelens has for bytes from outside.
///
/// - as one input, raw (gzip or plain) through decompression, format sniffing and the line-log, document or
///   rtcstats source, in reads of a size taken from the input itself, with a line limit small enough that cut
///   lines happen;
/// - its events through the correlator, the metrics and every renderer;
/// - each of its lines through the classifier and the credential redactor, whatever their length;
/// - through ISA-L's gzip decoding (where installed), which must give zlib's bytes and damage.
///
/// A crash, a sanitizer report or an input slower than libFuzzer's `-timeout` is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let readSize = 1 + Int(bytes.first ?? 0) * 17
    var options = ScanOptions()
    options.prefetch = false
    options.maxLineLength = 64 + Int(bytes.last ?? 0) * 64
    options.labelField = "appVersion"

    // The byte path: decompression, sniffing, lines, classification, accounting.
    var events: [Event] = []
    let scanner = InputScanner(options: options)
    let input = InputSpec(path: nil, displayName: "fuzz")
    if let scan = try? scanner.scan(
        input, raw: MemoryByteSource(bytes, readSize: readSize), index: 0, onEvent: { events.append($0) },
        onOther: { _, line, _ in _ = CredentialRedactor.redact(line) })
    {
        precondition(scan.accounting.isBalanced, "line accounting does not balance")
    }

    // ISA-L against zlib: the same bytes and the same damage.
    if GzipDecoder.isalUnavailableReason == nil, bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B {
        func decode(_ decoder: GzipDecoder) -> ([UInt8], Damage?) {
            let source = DecodingByteSource(MemoryByteSource(bytes, readSize: readSize), decoder: decoder)
            var out: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while let count = try? chunk.withUnsafeMutableBytes({ try source.read(into: $0) }), count > 0 {
                out += chunk[0..<count]
            }
            return (out, source.damage)
        }
        let (zlib, isal) = (decode(.zlib), decode(.isal))
        precondition(zlib.0 == isal.0 && zlib.1 == isal.1, "ISA-L and zlib decode differently")
    }

    // Correlation, metrics and rendering of whatever events came out.
    var builder = ReportBuilder(parameters: AnalysisParameters())
    for tour in Correlator.correlate(events) { builder.add(tour) }
    let report = builder.finish(inputs: InputsReport([]))
    var text = ""
    for format in OutputFormat.allCases {
        format.render(report, options: RenderOptions(), into: &text)
        format.render(TourList(report), options: RenderOptions(), into: &text)
    }
    let writer = EventJSONWriter(inputNames: ["fuzz"])
    for event in events { text += writer.line(for: event) }

    // Every line of the raw bytes, however long, through the classifier directly.
    var classifier = LineClassifier()
    bytes.withUnsafeBytes { raw in
        var start = 0
        for i in 0...raw.count where i == raw.count || raw[i] == 0x0A {
            let line = UnsafeRawBufferPointer(rebasing: raw[start..<i])
            _ = classifier.classify(line, source: SourceLocation(input: 0, line: 1), serverInput: false)
            start = i + 1
        }
    }
    return 0
}

/// libFuzzer's driver (in the runtime that `-sanitize=fuzzer` links).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

/// The program's entry point: SwiftPM links an executable's `main` to `<module>_main`, so libFuzzer's own `main`
/// is not linked; this hands the command line to libFuzzer's driver.
@_cdecl("icelens_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
}

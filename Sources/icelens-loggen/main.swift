#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// icelens-loggen: deterministic WebRTC connectivity log generator for samples/ and Benchmarks/.
// Arguments are parsed by hand (this target has no dependencies).

let usage = """
    usage: icelens-loggen samples --out DIR [--seed N] [--connections FILE]
           icelens-loggen corpus --bytes N [--seed N] [--tours N] [--profile noise|events]
           icelens-loggen coturn --bytes N [--seed N] [--prefix uptime|thread|iso|k8s] [--open N]

      samples   write the before/after story as plain logs under DIR (before/, after/), and print the
                figures designed into them on standard output; --connections FILE: also each connection
                as designed, one JSON object a line with the keys of `icelens connections`
      corpus    write one time-ordered benchmark log of about N bytes (suffixes k, M, G) to standard output;
                --profile noise (default): ~10% event lines among long noise lines; events: ~75% event lines
      coturn    write one coturn server's log of about N bytes to standard output: overlapping TURN
                allocations, STUN-only sessions, failed allocations, server errors; --prefix: coturn's
                line prefix (default thread: `881: (31455): INFO: `); --open: sessions open at once (400)
    """

func fail(_ message: String) -> Never {
    writeError("icelens-loggen: \(message)\n\n\(usage)\n")
    exit(2)
}

func writeError(_ text: String) {
    var copy = text
    copy.withUTF8 { buf in _ = write(2, buf.baseAddress, buf.count) }
}

/// Parses `1000`, `20M`, `1G` (decimal multiples).
func parseCount(_ text: String, flag: String) -> Int {
    var digits = Substring(text)
    var multiplier = 1
    switch digits.last {
    case "k", "K": multiplier = 1000
    case "m", "M": multiplier = 1_000_000
    case "g", "G": multiplier = 1_000_000_000
    default: break
    }
    if multiplier > 1 { digits = digits.dropLast() }
    guard let value = Int(digits), value >= 0, value <= Int.max / multiplier else {
        fail("\(flag) needs a non-negative number, got '\(text)'")
    }
    return value * multiplier
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else { fail("missing subcommand") }
if command == "--help" || command == "-h" || command == "help" {
    print(usage)
    exit(0)
}
arguments.removeFirst()
var options: [String: String] = [:]
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    let known = ["--out", "--seed", "--bytes", "--tours", "--profile", "--connections", "--prefix", "--open"]
    guard known.contains(flag) else { fail("unknown option '\(flag)'") }
    guard !arguments.isEmpty else { fail("\(flag) needs a value") }
    options[flag] = arguments.removeFirst()
}

switch command {
case "samples":
    guard let out = options["--out"] else { fail("samples needs --out DIR") }
    let seed = UInt64(parseCount(options["--seed"] ?? "42", flag: "--seed"))
    var samples = SamplesCommand(outDir: out, seed: seed)
    samples.connectionsPath = options["--connections"]
    guard let figures = samples.run(log: { writeError($0 + "\n") }) else { exit(1) }
    print(figures, terminator: "")
case "corpus":
    guard let bytes = options["--bytes"] else { fail("corpus needs --bytes N") }
    let corpus = CorpusCommand(
        targetBytes: parseCount(bytes, flag: "--bytes"),
        seed: UInt64(parseCount(options["--seed"] ?? "7", flag: "--seed")),
        tours: options["--tours"].map { parseCount($0, flag: "--tours") },
        profile: {
            guard let name = options["--profile"] else { return .noise }
            guard let profile = CorpusProfile(rawValue: name) else { fail("--profile takes noise or events") }
            return profile
        }())
    exit(corpus.run(sink: ByteSink(fd: 1), log: { writeError($0 + "\n") }))
case "coturn":
    guard let bytes = options["--bytes"] else { fail("coturn needs --bytes N") }
    var coturn = CoturnCommand(
        targetBytes: parseCount(bytes, flag: "--bytes"),
        seed: UInt64(parseCount(options["--seed"] ?? "7", flag: "--seed")))
    if let name = options["--prefix"] {
        guard let prefix = CoturnCommand.Prefix(rawValue: name) else {
            fail("--prefix takes uptime, thread, iso or k8s")
        }
        coturn.prefix = prefix
    }
    if let open = options["--open"] { coturn.openSessions = max(1, parseCount(open, flag: "--open")) }
    exit(coturn.run(sink: ByteSink(fd: 1), log: { writeError($0 + "\n") }))
default:
    fail("unknown subcommand '\(command)'")
}

import ArgumentParser
import IcelensCore

/// The input flags every subcommand shares.
struct InputOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Log files or directories (read recursively); '-' is standard input.",
            discussion: "With no path, logs are read from standard input when it is a pipe.",
            valueName: "path"))
    var paths: [String] = []

    @Option(
        name: .customLong("max-line-length"), parsing: .unconditional,
        help: ArgumentHelp("Lines longer than this many bytes are cut: counted, never parsed.", valueName: "bytes"))
    var maxLineLength: Int = 1 << 20

    @Option(
        name: .customLong("max-document-size"), parsing: .unconditional,
        help: ArgumentHelp(
            "An input of whole JSON documents (webrtc-internals dumps, ICE server lists) larger than this is cut.",
            discussion:
                "Such an input is read whole, decompressed, before it is parsed (several documents in one input "
                + "count together); the default is 536870912 bytes.",
            valueName: "bytes"))
    var maxDocumentSize: Int = 512 << 20

    @Option(
        help: ArgumentHelp(
            "A rules file of extra free-text rules, tried before the built-in ones.",
            discussion:
                "Each line: EVENT[:hit|:miss][@server] phrase|phrase & phrase & !excluded (see docs/formats.md).",
            valueName: "file"))
    var rules: String?

    @Option(
        help: ArgumentHelp(
            "Where lines come from when they do not say: auto (a path with 'server' in a folder or file name is "
                + "server-side), server or browser.",
            valueName: "auto|server|browser"))
    var origin: OriginMarking = .auto

    @Option(
        name: .customLong("gzip-decoder"),
        help: ArgumentHelp(
            "Which library decodes .gz inputs: zlib (the reference) or isal (Intel ISA-L, about twice as fast).",
            discussion:
                "isal needs libisal.so.2 (Debian package libisal2) and is used for files named on the command "
                + "line; pipes and standard input stay on zlib. A member ISA-L finds damaged or cut is decoded "
                + "again by zlib, so lines, counts and damage reports are zlib's (docs/decisions.md, \"ISA-L\").",
            valueName: "zlib|isal"))
    var gzipDecoder: GzipDecoder = .zlib

    @Flag(name: .customLong("no-prefetch"), help: .hidden)
    var noPrefetch = false

    func validate() throws {
        if paths.isEmpty, !InputLocator.standardInputHoldsLogs {
            throw ValidationError(
                "No input. Name log files or directories, or pipe logs in: zcat app.log.gz | icelens ...")
        }
        if let rules {
            // A wrong rules file is a wrong flag: say so before reading any log.
            do { _ = try RuleSet(rulesFile: rules) } catch let error as RulesFileError {
                throw ValidationError("--rules: \(error)")
            }
        }
        if gzipDecoder == .isal, let reason = GzipDecoder.isalUnavailableReason {
            throw ValidationError("--gzip-decoder isal: \(reason). Leave the flag out to decode with zlib.")
        }
        guard maxLineLength >= 64 else {
            throw ValidationError(
                "--max-line-length must be at least 64 bytes (got \(maxLineLength); the default is 1048576).")
        }
        guard maxLineLength <= 64 << 20 else {
            throw ValidationError("--max-line-length is capped at 67108864 bytes (64 MiB) to keep memory bounded.")
        }
        guard maxDocumentSize >= 1024, maxDocumentSize <= 4 << 30 else {
            throw ValidationError(
                "--max-document-size must be from 1024 bytes to 4294967296 (4 GiB) (got \(maxDocumentSize)).")
        }
    }

    /// The inputs to read, with stdin implied when nothing is named and standard input is a pipe; a named path
    /// that cannot be located is a failure of that path alone.
    func inputs() -> LocatedInputs {
        paths.isEmpty ? LocatedInputs(inputs: [.standardInput]) : InputLocator.locateEach(paths)
    }

    /// How these flags read the logs, in words (kept in a snapshot: snapshots read differently do not merge).
    var readingWords: String {
        "max-line-length=\(maxLineLength) origin=\(origin) rules=\(rules.map(RuleSet.fingerprint(ofFile:)) ?? "-")"
            + (maxDocumentSize == 512 << 20 ? "" : " max-document-size=\(maxDocumentSize)")
    }

    /// The library's configuration value for these flags.
    func scanOptions(labelField: String? = nil) throws -> ScanOptions {
        var options = ScanOptions()
        options.maxLineLength = maxLineLength
        options.maxDocumentBytes = maxDocumentSize
        options.labelField = labelField
        options.originMarking = origin
        options.prefetch = !noPrefetch
        options.gzipDecoder = gzipDecoder
        if let rules { options.rules = try RuleSet(rulesFile: rules) }
        return options
    }
}

/// Where a command's result goes, as the `TextOutputStream` renderers write into: standard output, or a file
/// named with `-o` that appears whole or not at all (`AtomicFile`). On standard output a closed pipe (`| head`)
/// ends the run quietly; any other write error is kept in `failure` for the caller to report.
public struct ResultOutput: TextOutputStream {
    private let output: ByteOutput
    private let file: AtomicFile?
    /// Whether writing has stopped (the reader has gone, or a write failed).
    public private(set) var closed = false
    /// The write error other than a closed pipe, if one happened.
    public private(set) var failure: OutputFailed?

    /// Standard output.
    public static var standardOutput: ResultOutput { ResultOutput(output: StandardStreams.output, file: nil) }

    /// A file that replaces `path` in one step when the result is complete.
    public static func file(_ path: String) throws(OutputFailed) -> ResultOutput {
        let file = try AtomicFile(path: path)
        return ResultOutput(output: file.output, file: file)
    }

    private init(output: ByteOutput, file: AtomicFile?) {
        self.output = output
        self.file = file
    }

    /// Whether the result goes to a terminal (colours, a table instead of records).
    public var isTerminal: Bool { file == nil && output.isTerminal }

    /// Appends text.
    public mutating func write(_ string: String) {
        guard !closed else { return }
        do { try output.write(string) } catch { stop(error) }
    }

    /// Delivers the result: flushes standard output, or syncs and renames the file into place.
    public mutating func finish() {
        guard !closed else {
            file?.discard()
            return
        }
        do {
            if let file {
                try file.commit()
            } else {
                try output.flush()
            }
        } catch { stop(error) }
    }

    /// Gives up on an incomplete result: a file is not put in place (its old content stays).
    public mutating func abandon() {
        closed = true
        file?.discard()
    }

    private mutating func stop(_ error: Error) {
        closed = true
        if let failure = error as? OutputFailed {
            self.failure = failure
        } else if file != nil, !(error is OutputClosed) {
            self.failure = OutputFailed(reason: "\(error)")
        }
        file?.discard()
    }
}

/// The process's two output streams, one buffered writer each: results go to standard output, the line accounting
/// and notes to standard error. Everything icelens prints goes through these two.
public enum StandardStreams {
    /// Standard output (file descriptor 1).
    nonisolated(unsafe) public static let output = ByteOutput(fileDescriptor: 1)
    /// Standard error (file descriptor 2).
    nonisolated(unsafe) public static let error = ByteOutput(fileDescriptor: 2)
}

/// Standard output as a `TextOutputStream` for the renderers, buffered through `StandardStreams.output`; once the
/// reader has gone (`| head`) further writes are dropped, so the run ends quietly; any other write error is kept in
/// `failure` for the caller to report.
public struct StandardOutput: TextOutputStream {
    let output = StandardStreams.output
    /// Whether writing has stopped (the reader has gone, or a write failed).
    public private(set) var closed = false
    /// The write error other than a closed pipe, if one happened.
    public private(set) var failure: OutputFailed?

    /// Makes a writer to standard output.
    public init() {}

    /// Appends text.
    public mutating func write(_ string: String) {
        guard !closed else { return }
        do { try output.write(string) } catch { stop(error) }
    }

    /// Sends what is buffered.
    public mutating func finish() {
        guard !closed else { return }
        do { try output.flush() } catch { stop(error) }
    }

    private mutating func stop(_ error: Error) {
        closed = true
        failure = error as? OutputFailed
    }
}

/// Writes diagnostic lines (the line accounting, notes) to standard error.
public enum StandardError {
    /// Writes each line followed by a newline; errors writing to stderr are ignored.
    public static func write(_ lines: [String]) {
        let err = StandardStreams.error
        for line in lines { try? err.write(line + "\n") }
        try? err.flush()
    }

    /// Writes `text` as it is (no newline) and flushes: a status line redrawn in place on a terminal.
    public static func writeRaw(_ text: String) {
        let err = StandardStreams.error
        try? err.write(text)
        try? err.flush()
    }
}

/// Standard output as a `TextOutputStream` for the renderers, buffered through `ByteOutput`; once the reader has
/// gone (`| head`) further writes are dropped, so the run ends quietly.
public struct StandardOutput: TextOutputStream {
    let output = ByteOutput(fileDescriptor: 1)
    /// Whether the reader has gone.
    public private(set) var closed = false

    /// Makes a writer to file descriptor 1.
    public init() {}

    /// Appends text.
    public mutating func write(_ string: String) {
        guard !closed else { return }
        do { try output.write(string) } catch { closed = true }
    }

    /// Sends what is buffered.
    public mutating func finish() {
        guard !closed else { return }
        do { try output.flush() } catch { closed = true }
    }
}

/// Writes diagnostic lines (the line accounting) to standard error.
public enum StandardError {
    /// Writes each line followed by a newline; errors writing to stderr are ignored.
    public static func write(_ lines: [String]) {
        let err = ByteOutput(fileDescriptor: 2)
        for line in lines { try? err.write(line + "\n") }
        try? err.flush()
    }
}

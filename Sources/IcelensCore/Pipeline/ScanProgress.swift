import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How far the current run has got, for the progress line at a terminal: raw bytes read from files (counted where
/// they are read, on whichever thread), lines read, tours open and finished. Process-wide atomics, so the hot path
/// pays one relaxed add a 64 KiB read and one a step, and the drawing thread reads them without a lock. Only for
/// display: concurrent runs in one process (tests) share it.
public enum ScanProgress {
    static let rawBytes = Atomic<Int64>(0)
    static let lines = Atomic<Int>(0)
    static let toursOpen = Atomic<Int>(0)
    static let toursDone = Atomic<Int>(0)

    /// What has been read so far.
    public struct Reading: Sendable, Equatable {
        /// Bytes read from files (compressed bytes for .gz files) and standard input.
        public var rawBytes: Int64
        /// Lines read.
        public var lines: Int
        /// Tours open (being correlated).
        public var toursOpen: Int
        /// Tours finished.
        public var toursDone: Int
    }

    /// Starts counting from zero.
    public static func reset() {
        rawBytes.store(0, ordering: .relaxed)
        lines.store(0, ordering: .relaxed)
        toursOpen.store(0, ordering: .relaxed)
        toursDone.store(0, ordering: .relaxed)
    }

    /// The counts now.
    public static var reading: Reading {
        Reading(
            rawBytes: rawBytes.load(ordering: .relaxed), lines: lines.load(ordering: .relaxed),
            toursOpen: toursOpen.load(ordering: .relaxed), toursDone: toursDone.load(ordering: .relaxed))
    }

    @inline(__always) static func read(bytes: Int) { rawBytes.add(Int64(bytes), ordering: .relaxed) }
    @inline(__always) static func read(lines n: Int) { lines.add(n, ordering: .relaxed) }
    @inline(__always) static func tours(open: Int, done: Int) {
        toursOpen.store(open, ordering: .relaxed)
        toursDone.add(done, ordering: .relaxed)
    }
}

/// Draws the progress line of a long run on standard error at a terminal: after the first second, every quarter
/// second, in place (`\r` and erase-line), from a thread of its own; `stop()` erases it, so the result starts on a
/// clean line. Never started when standard error is not a terminal or the run is quiet (the CLI decides).
public final class ProgressLine: @unchecked Sendable {
    private let totalBytes: Int64?
    private let width: Int
    /// Whether to follow the terminal's width as it is resized (read at each drawing).
    private let followsTerminal: Bool
    private let draw: @Sendable (String) -> Void
    private let delayMs: Int64
    private let monitor = Monitor()
    private var stopped = false
    private var finished = false
    private var drawn = false

    /// Makes a progress line for inputs of `totalBytes` (nil when unknown: standard input); `draw` writes raw text
    /// to the terminal.
    /// `delayMs`: nothing is drawn before the run is this old (a short run shows no line at all).
    public init(
        totalBytes: Int64?, width: Int = 80, followsTerminal: Bool = false, delayMs: Int64 = 1_000,
        draw: @escaping @Sendable (String) -> Void
    ) {
        self.totalBytes = totalBytes
        self.width = width
        self.followsTerminal = followsTerminal
        self.delayMs = delayMs
        self.draw = draw
    }

    /// The progress line for reading `inputs`, when standard error is a terminal and NO_PROGRESS is unset; nil
    /// otherwise (a pipe, a file, cron). The total is known when every input is a regular file.
    public static func onTerminal(for inputs: [InputSpec]) -> ProgressLine? {
        guard isatty(2) == 1, getenv("NO_PROGRESS") == nil else { return nil }
        var total: Int64 = 0
        var known = true
        for spec in inputs {
            var info = stat()
            if let path = spec.path, stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                total += Int64(info.st_size)
            } else {
                known = false
            }
        }
        let width = terminalWidth() ?? 80
        // ICELENS_PROGRESS_DELAY_MS lets a test see the line on a run shorter than a second.
        let delay = getenv("ICELENS_PROGRESS_DELAY_MS").flatMap { Int64(String(cString: $0)) } ?? 1_000
        return ProgressLine(
            totalBytes: known ? total : nil, width: width, followsTerminal: true, delayMs: delay,
            draw: { StandardError.writeRaw($0) })
    }

    /// Standard error's terminal width, when it is a terminal at least 40 columns wide.
    static func terminalWidth() -> Int? {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 else { return nil }
        return Int(size.ws_col)
    }

    /// Starts the drawing thread.
    public func start() {
        ScanProgress.reset()
        let started = ProgressLine.nowMs()
        BackgroundThread.start(name: "icelens-progress") { [self] in
            var lastBytes: Int64 = 0
            var lastMs = started
            var rate = 0.0
            var first = true
            while true {
                if !first { usleep(250_000) }
                first = false
                var stop = false
                monitor.change { stop = stopped }
                if stop { break }
                let now = ProgressLine.nowMs()
                guard now - started >= delayMs else { continue }
                let reading = ScanProgress.reading
                let seconds = Double(now - lastMs) / 1000
                if seconds > 0 {
                    let instant = Double(reading.rawBytes - lastBytes) / seconds
                    rate = rate == 0 ? instant : rate * 0.7 + instant * 0.3
                }
                lastBytes = reading.rawBytes
                lastMs = now
                let columns = followsTerminal ? (Self.terminalWidth() ?? width) : width
                let line = Self.words(reading, totalBytes: totalBytes, bytesPerSecond: rate, width: columns)
                monitor.change { drawn = true }
                draw("\r\u{1B}[K" + line)
            }
            monitor.change {
                finished = true
                monitor.broadcast()
            }
        }
    }

    /// Stops drawing and erases the line (waits for the drawing thread, at most a quarter second).
    public func stop() {
        monitor.lock()
        stopped = true
        while !finished { monitor.wait() }
        let erase = drawn
        monitor.unlock()
        if erase { draw("\r\u{1B}[K") }
    }

    /// The line: "reading 123 MB of 480 MB (26%), ~4 s left, 85 MB/s, 42 tours open, 1,234 done, 1,234,567 lines";
    /// the least useful parts are dropped whole (never cut mid-number) to fit `width`. Once every byte is read, it
    /// says the run is finishing its open tours.
    public static func words(_ r: ScanProgress.Reading, totalBytes: Int64?, bytesPerSecond: Double, width: Int)
        -> String
    {
        var parts: [String] = []
        if let total = totalBytes, total > 0, r.rawBytes >= total {
            parts.append("read \(megabytes(total)); finishing \(NumberFormat.grouped(r.toursOpen)) open tours")
        } else if let total = totalBytes, total > 0 {
            let share = min(1, Double(r.rawBytes) / Double(total))
            parts.append("reading \(megabytes(r.rawBytes)) of \(megabytes(total)) (\(Int(share * 100))%)")
            if bytesPerSecond > 0 {
                let left = Double(total - r.rawBytes) / bytesPerSecond
                parts.append(
                    "~\(left < 60 ? "\(Int(left.rounded(.up))) s" : "\(Int((left / 60).rounded(.up))) min") left")
            }
        } else {
            parts.append("reading \(megabytes(r.rawBytes))")
        }
        if bytesPerSecond > 0, totalBytes.map({ r.rawBytes < $0 }) ?? true {
            parts.append("\(megabytes(Int64(bytesPerSecond)))/s")
        }
        parts.append("\(NumberFormat.grouped(r.toursOpen)) tours open, \(NumberFormat.grouped(r.toursDone)) done")
        parts.append("\(NumberFormat.grouped(r.lines)) lines")
        var line = "icelens: " + parts.joined(separator: ", ")
        while line.count > width - 1, parts.count > 1 {
            parts.removeLast()
            line = "icelens: " + parts.joined(separator: ", ")
        }
        return line.count <= width - 1 ? line : String(line.prefix(max(10, width - 2))) + "…"
    }

    static func megabytes(_ bytes: Int64) -> String {
        (NumberFormat.fixed(Double(bytes) / 1_000_000, places: 1, grouped: true, trimZeros: false) ?? "?") + " MB"
    }

    static func nowMs() -> Int64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Int64(t.tv_sec) * 1000 + Int64(t.tv_nsec) / 1_000_000
    }
}

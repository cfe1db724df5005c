/// One input being read in steps, so that several inputs can be merged by log time. The input is opened and
/// decompressed once: its start is sniffed to choose its `InputFormat`, `peek()` reads just far enough to learn
/// the time of its first event (keeping the events it read), and `activate()` switches to full-size buffers and a
/// decompressing thread. Each `step` reads one step of the source (with `stepBytes`, a part its bytes alone decide;
/// else one buffer), hands out its events and advances the input's clock (the latest event time it has shown). A
/// read error ends this input, never the run: it is kept in `failure`.
final class InputCursor {
    let input: InputSpec
    let index: Int
    let serverSide: Bool
    /// The format chosen from the input's start.
    let format: any InputFormat.Type
    private let decoder: DecodingByteSource
    private let feed: ReplayingByteSource
    private let source: EventSource
    private let gzip: Bool
    private var prefetcher: PrefetchingByteSource?
    /// Events read by `peek()`, not yet handed out.
    private var pending: [Event] = []
    /// The latest event time seen in this input (inputs are merged by it).
    private(set) var clockMs: Int64?
    /// The first event time, once `peek()` found one.
    private(set) var firstTimeMs: Int64?
    private(set) var done = false
    /// Why reading stopped early, when an I/O error ended the input.
    private(set) var failure: InputError?
    /// Times the input's clock went back by more than `backJumpMs` (concatenated logs).
    private(set) var backJumps = 0
    private let backJumpMs: Int64
    private var behind = false
    /// The step size the source reads in (nil: a read a step).
    private let stepBytes: Int?

    /// Opens `input` and sniffs its start; throws `InputError` when it cannot be opened or its start not read.
    convenience init(
        input: InputSpec, index: Int, options: ScanOptions, backJumpMs: Int64 = 3 * 3_600_000, stepBytes: Int? = nil
    ) throws {
        try self.init(
            input: input, raw: try FileByteSource(spec: input), index: index, options: options, backJumpMs: backJumpMs,
            stepBytes: stepBytes)
    }

    /// Reads `input`'s bytes from `raw` (a file, a pipe, or bytes in memory) and sniffs its start. With
    /// `stepBytes`, every step (and `peek`) ends at a place the input's bytes alone decide (`SourceContext`).
    init(
        input: InputSpec, raw: ByteChunkSource, index: Int, options: ScanOptions, backJumpMs: Int64 = 3 * 3_600_000,
        stepBytes: Int? = nil
    ) throws {
        self.stepBytes = stepBytes
        self.input = input
        self.index = index
        self.serverSide = options.isServerSide(input)
        self.backJumpMs = backJumpMs
        decoder = DecodingByteSource(raw, decoder: options.gzipDecoder)
        let start = try ReplayingByteSource.readStart(of: decoder, limit: InputFormats.sniffBytes)
        gzip = decoder.isGzip
        format = start.withUnsafeBytes { InputFormats.format(forStart: $0) }
        feed = ReplayingByteSource(prefix: start, rest: decoder)
        var context = SourceContext(index: index, serverInput: serverSide, options: options, stepBytes: stepBytes)
        context.inputName = input.displayName
        source = format.makeSource(feed, context: context)
    }

    /// Reads until the first timed event (or `byteLimit` decompressed bytes), keeping every event read for
    /// `step` to hand out. Cheap: the buffers are still small and nothing runs on another thread.
    func peek(byteLimit: Int64 = 1 << 20) throws {
        // With steps the bytes decide, so does the number of steps looked at (bytes read depend on read sizes).
        let maxSteps = stepBytes.map { _ in max(1, Int(byteLimit) / SourceContext.firstStepBytes) } ?? Int.max
        var steps = 0
        while firstTimeMs == nil, !done, steps < maxSteps, stepBytes != nil || source.counts.bytes < byteLimit {
            try read(into: &pending)
            steps += 1
        }
        // The input's clock says how far its events have been handed out; the peeked ones have not been yet, so
        // the merge must not count them (tours they belong to could be closed before they arrive).
        clockMs = nil
        backJumps = 0
        behind = false
    }

    /// Switches to full-size buffers and, with `prefetch`, decompression on a second thread.
    func activate(prefetch: Bool) {
        source.expand()
        if prefetch, !done, prefetcher == nil {
            let p = PrefetchingByteSource(decoder)
            prefetcher = p
            feed.rest = p
        }
    }

    /// Hands out the events kept by `peek()`, then reads the next step, appending its events to `events`; sets
    /// `done` at the end of the input (or at a read error, kept in `failure`). `onOther`, when given, sees every line
    /// that became no event.
    func step(into events: inout [Event], onOther: OtherLineHandler? = nil) throws {
        if done && pending.isEmpty { return }
        if !pending.isEmpty {
            // As if read now: the clock and the time jumps among the peeked events count from here.
            noteTimes(of: pending[...])
            if events.isEmpty { swap(&events, &pending) } else { events.append(contentsOf: pending) }
            pending = []
            return
        }
        try read(into: &events, onOther: onOther)
    }

    private func read(into events: inout [Event], onOther: OtherLineHandler? = nil) throws {
        let start = events.count
        defer { noteTimes(of: events[start...]) }
        do {
            let more = try source.step(into: &events, onOther: onOther)
            if !more { done = true }
        } catch let error as InputError {
            // An I/O error ends this input only; what was read before it counts.
            failure = error
            done = true
        }
    }

    /// Moves the input's clock over newly read events, in order: the first time, the newest time, and each time
    /// the clock goes back by more than `backJumpMs` (a jump, counted once until it catches up again).
    private func noteTimes(of events: ArraySlice<Event>) {
        var clock = clockMs
        var first = firstTimeMs
        var jumps = 0
        var behind = self.behind
        let backJump = backJumpMs
        for i in events.indices {
            guard let t = events[i].timeMs else { continue }
            if first == nil { first = t }
            if let c = clock, t < c &- backJump {
                if !behind { jumps += 1 }
                behind = true
            } else {
                behind = false
            }
            if clock.map({ t > $0 }) ?? true { clock = t }
        }
        clockMs = clock
        firstTimeMs = first
        backJumps += jumps
        self.behind = behind
    }

    /// Lines read so far (the progress line).
    var linesRead: Int { source.counts.read }

    /// The accounting so far (complete once `done`).
    var accounting: InputAccounting {
        let c = source.counts
        var a = InputAccounting(input: input.displayName)
        a.read = c.read
        a.cut = c.cut
        a.recognised = c.recognised
        a.unrecognised = c.unrecognised
        a.malformed = c.malformed
        a.bytes = c.bytes
        a.gzip = gzip
        // The decoder belongs to the prefetch thread until the end of input has been seen.
        a.damage = done && failure == nil ? decoder.damage : nil
        return a
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `icelens watch`: follows inputs as they grow and hands out each connection's verdict the moment it is known
/// (`LiveTracker`), filtered like an investigation asks (tours, an instance, a start). Every line read is
/// accounted for, per input. Ends when every input has ended (pipes), when `shouldStop` says so (Ctrl-C), or never
/// for followed files.
public final class WatchRun {
    /// What to keep and how to judge.
    public struct Settings: Sendable {
        /// Reading and classification (line length, rules, origin marking).
        public var scan = ScanOptions()
        /// The ICE timeout, ms.
        public var timeoutMs: Int64 = 30_000
        /// Tours quiet this long (log time) are forgotten, ms.
        public var idleMs: Int64 = 3 * 3_600_000
        /// Only these tours (empty: all).
        public var tours: Set<String> = []
        /// Only connections on this instance, either side (lower case).
        public var instance: String?
        /// Only tours whose first line is at or after this (relative bounds against the wall clock at the start).
        public var since: TimeBound?

        /// The defaults.
        public init() {}
    }

    /// The inputs, in the order named.
    public let inputs: [FollowedInput]
    private let settings: Settings
    private let tracker: LiveTracker
    private var classifier: LineClassifier
    private var accounting: [InputAccounting]
    private let serverSide: [Bool]
    private let sinceMs: Int64?
    /// Inputs found to be dumps (their first line says so): not followed.
    private var dumps: Set<Int> = []
    /// Inputs found to be coturn logs (one of their first five lines says so): not followed.
    private var coturnLogs: Set<Int> = []

    /// A run over `names` (paths, or "-" for standard input).
    public init(names: [String], settings: Settings, wallClockMs: Int64 = TimeBound.wallClockMs()) {
        self.settings = settings
        inputs = names.map { FollowedInput(name: $0, maxLineLength: settings.scan.maxLineLength) }
        tracker = LiveTracker(timeoutMs: settings.timeoutMs, idleMs: settings.idleMs)
        classifier = LineClassifier(rules: settings.scan.rules)
        accounting = names.map { InputAccounting(input: $0) }
        serverSide = names.map { settings.scan.isServerSide($0 == "-" ? .standardInput : .file($0)) }
        sinceMs = settings.since?.resolved(nowMs: wallClockMs)
    }

    /// The running totals of every connection seen (of the tours asked for).
    public var totals: LiveTotals { tracker.totals }
    /// The totals of the verdicts shown (those the filters kept): `connections` is left at 0.
    public private(set) var shown = LiveTotals()

    /// The line accounting so far, per input.
    public var lineAccounting: [InputAccounting] {
        zip(inputs, accounting).map { input, counts in
            var a = counts
            a.read = input.linesRead
            a.cut = input.cutLines
            return a
        }
    }

    /// Why inputs could not be read, if any could not.
    public var failures: [InputFailure] {
        inputs.compactMap { input in input.failure.map { InputFailure(input: input.name, reason: $0) } }
    }

    /// Whether a record passes the filters.
    func keeps(_ r: LiveRecord) -> Bool {
        if !settings.tours.isEmpty, !settings.tours.contains(r.tour) { return false }
        if let instance = settings.instance.map(TourFilter.instanceHost),
            !TourFilter.names(r.guideInstance, instance), !TourFilter.names(r.attendeeInstance, instance)
        {
            return false
        }
        if let since = sinceMs, (r.tourFirstSeenMs ?? .min) < since { return false }
        return true
    }

    /// Reads until every input has ended or `shouldStop` returns true; `onRecord` gets each verdict as it is known
    /// and `onTick` is called about once a second (and when the input is idle) for a rolling summary.
    public func run(
        shouldStop: () -> Bool, onRecord: (LiveRecord) throws -> Void, onTick: () -> Void
    ) rethrows {
        var records: [LiveRecord] = []
        var lastTick: Int64 = 0
        while !shouldStop() {
            let now = TimeBound.wallClockMs()
            var progress = false
            for i in inputs.indices where !inputs[i].ended {
                let server = serverSide[i]
                let read = inputs[i].readAvailable(wallClockMs: now) { line, number in
                    if number == 1, Self.dumpFormat(firstLine: line) != nil { dumps.insert(i) }
                    if number <= 5, Self.isCoturn(line) { coturnLogs.insert(i) }
                    if dumps.contains(i) || coturnLogs.contains(i) {
                        accounting[i].unrecognised += 1
                        return
                    }
                    switch classifier.classify(
                        line, source: SourceLocation(input: i, line: number), serverInput: server)
                    {
                    case .event(let event):
                        accounting[i].recognised += 1
                        // Other tours are not tracked at all (no memory, no verdict).
                        if settings.tours.isEmpty || settings.tours.contains(event.tour ?? "") {
                            tracker.add(event, into: &records)
                        }
                    case .unrecognised: accounting[i].unrecognised += 1
                    case .malformed: accounting[i].malformed += 1
                    }
                }
                progress = progress || read
                if dumps.contains(i), inputs[i].failure == nil {
                    inputs[i].refuse(
                        "a dump (webrtc-internals, rtcstats or an ICE server list), not a log to follow: read it with "
                            + "report, connections or timeline")
                } else if coturnLogs.contains(i), inputs[i].failure == nil {
                    inputs[i].refuse(
                        "a coturn log (TURN server sessions), not the app's log: read it with sessions, or with report "
                            + "and connections beside the browsers' logs")
                }
                try hand(&records, onRecord)
            }
            if inputs.allSatisfy(\.ended) {
                tracker.finish(into: &records)
                try hand(&records, onRecord)
                break
            }
            if !progress {
                tracker.tick(wallClockMs: now, into: &records)
                try hand(&records, onRecord)
            }
            if !progress || now - lastTick >= 1000 {
                lastTick = now
                onTick()
            }
            if !progress { Self.wait(for: inputs.compactMap(\.pollDescriptor), ms: 250) }
        }
        onTick()
    }

    /// The dump format a first line starts, if any: an rtcstats header or record, or a JSON document that does not
    /// close on its first line (a pretty-printed webrtc-internals dump or ICE server list).
    static func dumpFormat(firstLine line: UnsafeRawBufferPointer) -> String? {
        var bytes = Array(line)
        bytes.append(0x0A)
        if bytes.withUnsafeBytes({ RTCStatsFormat.sniff($0) }) { return RTCStatsFormat.name }
        var i = 0
        if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF { i = 3 }
        while i < line.count, ASCII.isBlankOrNewline(line[i]) { i += 1 }
        guard i < line.count, line[i] == 0x7B else { return nil }
        return JSONParser.isComplete(UnsafeRawBufferPointer(rebasing: line[i...])) ? nil : JSONDocumentFormat.name
    }

    /// Whether a line is coturn's: its prefix and a message only coturn writes.
    static func isCoturn(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let parsed = CoturnLine.parse(line) else { return false }
        return CoturnFormat.isCoturnMessage(UnsafeRawBufferPointer(rebasing: line[parsed.messageStart...]))
    }

    /// Hands the kept records out, counts them, and empties `records`.
    private func hand(_ records: inout [LiveRecord], _ onRecord: (LiveRecord) throws -> Void) rethrows {
        for r in records where keeps(r) {
            switch r.verdict {
            case .connected:
                shown.connected += 1
                if let ttc = r.ttcMs { shown.ttcMs.add(Int32(clamping: ttc)) }
            case .timeout: shown.timeouts += 1
            case .failed: shown.failed += 1
            case .mismatched: shown.mismatched += 1
            }
            try onRecord(r)
        }
        records.removeAll(keepingCapacity: true)
    }

    /// Sleeps until a pipe has data or `ms` pass (or a signal arrives).
    private static func wait(for descriptors: [Int32], ms: Int32) {
        var fds = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        _ = poll(&fds, nfds_t(fds.count), ms)
    }
}

/// Reads the lines of one snapshot file into a `Snapshot` (`SnapshotCodec.decode`), keeping the line number for
/// errors.
struct SnapshotReader {
    let source: String
    private var lineNumber = 0
    private var parameters = AnalysisParameters()
    private var summary = SummaryAccumulator()
    private var instances = InstanceAccumulator()
    private var accounting: [InputAccounting] = []
    private var failures: [InputFailure] = []
    private var jumps: [TimeJump] = []
    private var events: [Int] = [0, 0, 0, 0, 0, 0]
    private var flagged = 0
    private var madeBy = ""
    private var sources: [String] = []
    private var lastInstance: Int?
    private var hours = HourlyAccumulator()
    private var countsRead = Set<String>()
    private var reading = ""
    private var host = ""
    private var identities: [String] = []
    private var windows: [CoveredWindow] = []

    init(source: String) { self.source = source }

    mutating func read(_ content: String) throws(SnapshotError) -> Snapshot {
        var lines = content.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? line.dropLast() : line
        }
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, first == SnapshotCodec.header else {
            let seen = lines.first.map { String($0.prefix(40)) } ?? ""
            if seen.hasPrefix("icelens-snapshot ") {
                throw SnapshotError(
                    "\(source): snapshot format '\(seen)' is not one this icelens reads (\(SnapshotCodec.header)); "
                        + "make it again with this version")
            }
            throw SnapshotError("\(source): not an icelens snapshot (it should start with '\(SnapshotCodec.header)')")
        }
        guard let last = lines.last, last.hasPrefix("end ") else {
            throw SnapshotError("\(source): the snapshot is cut short (it does not end with its 'end' line)")
        }
        guard Int(last.dropFirst(4)) == lines.count - 1 else {
            throw SnapshotError(
                "\(source): the 'end' line counts \(last.dropFirst(4).prefix(20)) lines before it, the file has "
                    + "\(lines.count - 1): lines were added or removed")
        }
        for (i, line) in lines.dropFirst().dropLast().enumerated() {
            lineNumber = i + 2
            try readLine(line.split(separator: " ", omittingEmptySubsequences: false).map(String.init))
        }
        try checkConsistency()
        guard identities.count == accounting.count else {
            throw SnapshotError("\(source): an input line without its read_as line")
        }
        var inputs = InputsReport(
            accounting, eventsWithoutTour: events[0], failures: failures, droppedEvents: events[1],
            lateEvents: events[2], timeJumps: jumps, heldTourLimitReached: events[5] != 0)
        inputs.browserEvents = events[3]
        inputs.serverEvents = events[4]
        var snapshot = Snapshot(
            madeBy: madeBy, parameters: parameters, summary: summary, instances: instances, inputs: inputs,
            flaggedConnections: flagged)
        snapshot.sources = sources
        snapshot.hours = hours
        snapshot.reading = reading
        snapshot.host = host
        snapshot.inputIdentities = identities
        snapshot.windows =
            windows.isEmpty
            ? [CoveredWindow(sinceMs: parameters.windowSinceMs, untilMs: parameters.windowUntilMs)] : windows
        return snapshot
    }

    /// The counts must be ones a run could have made: every count present, the parts adding up to their whole, the
    /// histograms holding as many samples as their counts. A snapshot edited by hand into impossible figures is
    /// refused rather than merged into a silently wrong month.
    private func checkConsistency() throws(SnapshotError) {
        let missing = SnapshotCodec.countFields(Summary()).map(\.0).filter { !countsRead.contains($0) }
        guard missing.isEmpty else {
            throw SnapshotError("\(source): the count(s) \(missing.joined(separator: ", ")) are missing")
        }
        let c = summary.counts
        func require(_ holds: Bool, _ what: String) throws(SnapshotError) {
            guard holds else { throw SnapshotError("\(source): impossible counts: \(what)") }
        }
        try require(
            c.connected + c.failed + c.incomplete == c.connections, "connected + failed + incomplete != connections")
        try require(
            summary.ttcSamplesMs.count == c.ttcSamples, "the time-to-connect histogram does not hold ttc_samples")
        try require(
            c.ttcSamples + c.connectedWithoutTtc == c.connected, "ttc_samples + connected_without_ttc != connected")
        try require(
            c.ttcUnder5s <= c.ttcSamples && c.ttcCrossClock <= c.ttcSamples,
            "more fast or cross-clock samples than samples")
        try require(
            c.mismatched <= c.connections && c.timeouts <= c.connections && c.instancesKnown <= c.connections
                && c.fallbacks <= c.connections, "a share of connections larger than the connections")
        try require(
            c.mismatchedConnected <= min(c.connected, c.mismatched)
                && c.mismatchedFailed <= min(c.failed, c.mismatched),
            "more mismatched outcomes than outcomes")
        try require(
            c.apiCallsFromServerTours + c.apiCallsFromBrowserTours + c.apiCallsNoneTours == c.tours,
            "the API-call origins do not add up to the tours")
        var fast = 0
        summary.ttcSamplesMs.forEachValue { ms, n in if ms >= 0, Int64(ms) < parameters.slowThresholdMs { fast += n } }
        try require(fast == c.ttcUnder5s, "ttc_under_5s does not match the histogram under the slow threshold")
        if let first = c.firstSeenMs, let last = c.lastSeenMs {
            try require(first <= last, "the first tour line is after the last")
        }
        if let seen = parameters.toursSeen, let kept = parameters.toursKept {
            try require(kept <= seen, "more tours kept than read")
        }
        for cell in instances.cells {
            try require(cell.failed <= cell.connections, "a matrix cell with more failures than connections")
        }
        for hour in hours.hours.values {
            try require(
                hour.connected + hour.failed <= hour.connections && hour.timeouts <= hour.connections,
                "an hour whose outcomes exceed its connections")
        }
        for (i, row) in instances.rows.enumerated() {
            try require(
                row.connected + row.failed + row.incomplete == row.connections
                    && instances.ttc[i].count <= row.connected,
                "instance \(row.instance.prefix(60)): its outcomes do not add up")
        }
    }

    private func bad(_ why: String) -> SnapshotError {
        SnapshotError("\(source): line \(lineNumber): \(why)")
    }

    private func int(_ field: String) throws(SnapshotError) -> Int {
        guard let n = Int(field), n >= 0 else { throw bad("'\(field.prefix(40))' is not a count") }
        guard n <= SnapshotCodec.maxCount else {
            throw bad("\(field.prefix(40)) is beyond any count a run can make (at most \(SnapshotCodec.maxCount))")
        }
        return n
    }

    /// Adds a count to a running total, refusing a total no run could reach (a hand-made file of many lines).
    private func add(_ total: inout Int, _ field: String) throws(SnapshotError) {
        let n = try int(field)
        guard total <= SnapshotCodec.maxCount - n else {
            throw bad("the counts add up beyond any a run can make (at most \(SnapshotCodec.maxCount))")
        }
        total += n
    }

    /// A time in ms since the epoch (or `-`), within ±10^15 ms (about 31,000 years): arithmetic on it cannot
    /// overflow.
    private func time(_ field: String) throws(SnapshotError) -> Int64? {
        guard let value = try optionalInt64(field) else { return nil }
        guard (-1_000_000_000_000_000...1_000_000_000_000_000).contains(value) else {
            throw bad("'\(field.prefix(40))' is not a time icelens can have written")
        }
        return value
    }

    private func optionalInt64(_ field: String) throws(SnapshotError) -> Int64? {
        if field == "-" { return nil }
        guard let n = Int64(field) else { throw bad("'\(field.prefix(40))' is not a number") }
        return n
    }

    private func text(_ field: String) throws(SnapshotError) -> String? {
        if field == "-" { return nil }
        if field == "~" { return "" }
        var bytes: [UInt8] = []
        var utf8 = Array(field.utf8)[...]
        while let b = utf8.popFirst() {
            if b == 0x25 {
                guard utf8.count >= 2, let v = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16)
                else { throw bad("a broken %-escape in '\(field.prefix(40))'") }
                bytes.append(v)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func bound(_ field: String) throws(SnapshotError) -> TimeBound? {
        if field == "-" { return nil }
        if field.hasPrefix("at:"), let ms = Int64(field.dropFirst(3)) { return .at(ms: ms) }
        if field.hasPrefix("before:"), let ms = Int64(field.dropFirst(7)), ms >= 0 { return .beforeNow(ms: ms) }
        throw bad("'\(field.prefix(40))' is not a window bound")
    }

    private func pairs(_ fields: ArraySlice<String>, into histogram: inout MillisecondHistogram) throws(SnapshotError) {
        for field in fields {
            let parts = field.split(separator: ":")
            guard parts.count == 2, let ms = Int32(parts[0]), let n = Int(parts[1]), n > 0, n <= SnapshotCodec.maxCount
            else {
                throw bad("'\(field.prefix(40))' is not a value:count pair")
            }
            guard histogram.count <= SnapshotCodec.maxCount - n else {
                throw bad("the histogram holds more samples than any run can make")
            }
            histogram.add(ms, times: n)
        }
    }

    private mutating func readLine(_ f: [String]) throws(SnapshotError) {
        func need(_ n: Int) throws(SnapshotError) {
            guard f.count == n else { throw bad("'\(f[0])' takes \(n - 1) fields, not \(f.count - 1)") }
        }
        switch f[0] {
        case "made_by":
            try need(3)
            madeBy = try text(f[2]) ?? ""
        case "parameters":
            try need(4)
            guard let timeout = Int64(f[1]), let slow = Int64(f[2]), let target = Double(f[3]),
                (1...10_000_000_000).contains(timeout), (1...10_000_000_000).contains(slow), target.isFinite
            else {
                throw bad("unreadable parameters")
            }
            parameters.timeoutMs = timeout
            parameters.slowThresholdMs = slow
            parameters.apiCallReductionTarget = target
        case "window":
            try need(5)
            parameters.filter.window = TimeWindow(since: try bound(f[1]), until: try bound(f[2]))
            parameters.windowSinceMs = try time(f[3])
            parameters.windowUntilMs = try time(f[4])
        case "filter":
            try need(4)
            parameters.filter.flaggedOnly = f[1] == "1"
            parameters.filter.peer = try text(f[2])
            parameters.filter.instance = try text(f[3])
        case "filter_tour":
            try need(2)
            parameters.filter.tours.append(try text(f[1]) ?? "")
        case "tours_read":
            try need(3)
            parameters.toursSeen = f[1] == "-" ? nil : try int(f[1])
            parameters.toursKept = f[2] == "-" ? nil : try int(f[2])
        case "flagged_connections":
            try need(2)
            flagged = try int(f[1])
        case "reading":
            try need(2)
            reading = try text(f[1]) ?? ""
        case "made_on":
            try need(2)
            host = try text(f[1]) ?? ""
        case "covers":
            try need(3)
            let window = CoveredWindow(sinceMs: try time(f[1]), untilMs: try time(f[2]))
            if let since = window.sinceMs, let until = window.untilMs, since >= until {
                throw bad("a window that ends before it starts")
            }
            windows.append(window)
        case "read_as":
            try need(2)
            guard identities.count == accounting.count - 1 else { throw bad("read_as without its input line") }
            identities.append(try text(f[1]) ?? "")
        case "source":
            try need(2)
            sources.append(try text(f[1]) ?? "")
        case "count":
            try need(3)
            guard SnapshotCodec.setCount(f[1], try int(f[2]), in: &summary.counts) else {
                throw bad("no count named '\(f[1].prefix(40))'")
            }
            countsRead.insert(f[1])
        case "seen":
            try need(3)
            summary.counts.firstSeenMs = try time(f[1])
            summary.counts.lastSeenMs = try time(f[2])
        case "role":
            try need(3)
            try add(&summary.counts.apiCallsByRole[try text(f[1]) ?? "", default: 0], f[2])
        case "ttc":
            try pairs(f.dropFirst(), into: &summary.ttcSamplesMs)
        case "instance":
            try need(8)
            guard let host = try text(f[1]), instances.position[host] == nil, let i = instances.rowIndex(host) else {
                throw bad("an instance row without a name, given twice, or over the limit of instances")
            }
            try add(&instances.rows[i].connections, f[2])
            try add(&instances.rows[i].connected, f[3])
            try add(&instances.rows[i].failed, f[4])
            try add(&instances.rows[i].incomplete, f[5])
            try add(&instances.rows[i].timeouts, f[6])
            try add(&instances.rows[i].mismatched, f[7])
            lastInstance = i
        case "instance_ttc":
            guard let i = lastInstance else { throw bad("instance_ttc before any instance") }
            try pairs(f.dropFirst(), into: &instances.ttc[i])
        case "cell":
            try need(5)
            let key = InstanceAccumulator.CellKey(guide: try text(f[1]), attendee: try text(f[2]))
            guard instances.cellPosition[key] == nil, let i = instances.cellIndex(key) else {
                throw bad("a matrix cell given twice, or more cells than the limit")
            }
            try add(&instances.cells[i].connections, f[3])
            try add(&instances.cells[i].failed, f[4])
        case "hour":
            try need(6)
            guard let index = Int64(f[1]), (-277_777_777_777...277_777_777_777).contains(index) else {
                throw bad("'\(f[1].prefix(40))' is not an hour")
            }
            guard hours.hours[index] != nil || hours.hours.count < HourlyAccumulator.maxHours else { break }
            var sum = hours.hours[index] ?? HourCounts(hourIndex: index)
            try add(&sum.connections, f[2])
            try add(&sum.connected, f[3])
            try add(&sum.failed, f[4])
            try add(&sum.timeouts, f[5])
            hours.hours[index] = sum
        case "without_instance":
            try need(2)
            instances.withoutInstance = try int(f[1])
        case "not_listed":
            try need(2)
            if let host = try text(f[1]) { instances.notListed.insert(host) }
        case "input":
            try need(11)
            var a = InputAccounting(input: try text(f[1]) ?? "")
            a.gzip = f[2] == "1"
            guard let bytes = Int64(f[3]), (0...(1 << 50)).contains(bytes) else { throw bad("unreadable byte count") }
            a.bytes = bytes
            a.read = try int(f[4])
            a.recognised = try int(f[5])
            a.unrecognised = try int(f[6])
            a.malformed = try int(f[7])
            a.cut = try int(f[8])
            if let offset = try optionalInt64(f[9]), (0...(1 << 50)).contains(offset) {
                a.damage = Damage(byteOffset: offset, reason: try text(f[10]) ?? "")
            }
            guard a.isBalanced else { throw bad("an input whose lines do not add up") }
            accounting.append(a)
        case "failure":
            try need(3)
            failures.append(InputFailure(input: try text(f[1]) ?? "", reason: try text(f[2]) ?? ""))
        case "jump":
            try need(3)
            jumps.append(TimeJump(input: try text(f[1]) ?? "", count: try int(f[2])))
        case "events":
            try need(7)
            for i in 0..<6 { events[i] = try int(f[i + 1]) }
        default:
            throw bad("unknown line '\(f[0].prefix(40))'")
        }
    }
}

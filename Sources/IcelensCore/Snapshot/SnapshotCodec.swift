/// The snapshot file format, `icelens-snapshot 1`: UTF-8 lines of a keyword and space-separated fields, strings
/// percent-encoded (so a log-derived host or path can hold no space, newline or control byte), `-` for a missing
/// value, and a last line `end N` with the number of lines before it, so a cut file is refused, never half-read.
/// Text rather than binary: small (a day is a few KiB to ~100 KiB, mostly histogram pairs), diffable, and readable
/// with `grep` at 3 a.m. Order-independent by construction: it holds counts, not events.
public enum SnapshotCodec {
    /// The first line of every snapshot; the number is the format version.
    public static let header = "icelens-snapshot 1"
    /// No count of a snapshot is larger (a trillion connections): anything above is a damaged or hand-made file,
    /// and sums of many snapshots stay far from overflowing.
    public static let maxCount = 1 << 40
    /// Snapshot files larger than this are refused (a year of a thousand instances is far below).
    public static let maxBytes = 256 << 20

    // MARK: Writing

    /// The snapshot as text.
    public static func encode(_ snapshot: Snapshot) -> String {
        var lines: [String] = [header, "made_by icelens \(text(snapshot.madeBy))"]
        let p = snapshot.parameters
        lines.append("parameters \(p.timeoutMs) \(p.slowThresholdMs) \(p.apiCallReductionTarget)")
        lines.append(
            "window \(bound(p.filter.window.since)) \(bound(p.filter.window.until)) \(number(p.windowSinceMs)) "
                + "\(number(p.windowUntilMs))")
        lines.append("filter \(p.filter.flaggedOnly ? 1 : 0) \(text(p.filter.peer)) \(text(p.filter.instance))")
        for tour in p.filter.tours { lines.append("filter_tour \(text(tour))") }
        lines.append("tours_read \(number(p.toursSeen)) \(number(p.toursKept))")
        lines.append("flagged_connections \(snapshot.flaggedConnections)")
        lines.append("reading \(text(snapshot.reading))")
        lines.append("made_on \(text(snapshot.host))")
        for w in snapshot.windows { lines.append("covers \(number(w.sinceMs)) \(number(w.untilMs))") }
        for source in snapshot.sources { lines.append("source \(text(source))") }

        let c = snapshot.summary.counts
        for (name, value) in countFields(c) { lines.append("count \(name) \(value)") }
        lines.append("seen \(number(c.firstSeenMs)) \(number(c.lastSeenMs))")
        for role in c.apiCallsByRole.keys.sorted() { lines.append("role \(text(role)) \(c.apiCallsByRole[role]!)") }
        lines += histogramLines("ttc", snapshot.summary.ttcSamplesMs)

        let inst = snapshot.instances
        for (i, row) in inst.rows.enumerated() {
            lines.append(
                "instance \(text(row.instance)) \(row.connections) \(row.connected) \(row.failed) "
                    + "\(row.incomplete) \(row.timeouts) \(row.mismatched)")
            lines += histogramLines("instance_ttc", inst.ttc[i])
        }
        for cell in inst.cells {
            lines.append(
                "cell \(text(cell.guideInstance)) \(text(cell.attendeeInstance)) \(cell.connections) \(cell.failed)")
        }
        lines.append("without_instance \(inst.withoutInstance)")
        for host in inst.notListed.sorted() { lines.append("not_listed \(text(host))") }

        for h in snapshot.hours.sorted {
            lines.append("hour \(h.hourIndex) \(h.connections) \(h.connected) \(h.failed) \(h.timeouts)")
        }
        let inputs = snapshot.inputs
        let identities = snapshot.inputIdentities
        for (i, a) in inputs.inputs.enumerated() {
            lines.append(
                "input \(text(a.input)) \(a.gzip ? 1 : 0) \(a.bytes) \(a.read) \(a.recognised) \(a.unrecognised) "
                    + "\(a.malformed) \(a.cut) \(number(a.damage?.byteOffset)) \(text(a.damage?.reason))")
            lines.append("read_as \(text(identities[safe: i] ?? a.input))")
        }
        for f in inputs.failures { lines.append("failure \(text(f.input)) \(text(f.reason))") }
        for j in inputs.timeJumps { lines.append("jump \(text(j.input)) \(j.count)") }
        lines.append(
            "events \(inputs.eventsWithoutTour) \(inputs.droppedEvents) \(inputs.lateEvents) \(inputs.browserEvents) "
                + "\(inputs.serverEvents) \(inputs.heldTourLimitReached ? 1 : 0)")
        lines.append("end \(lines.count)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The summary's counters by name, in one fixed order (the JSON summary's names).
    static func countFields(_ c: Summary) -> [(String, Int)] {
        [
            ("tours", c.tours), ("connections", c.connections), ("connected", c.connected), ("failed", c.failed),
            ("incomplete", c.incomplete), ("timeouts", c.timeouts), ("mismatched", c.mismatched),
            ("mismatched_connected", c.mismatchedConnected), ("mismatched_failed", c.mismatchedFailed),
            ("instances_known", c.instancesKnown), ("attempts", c.attempts), ("restarts", c.restarts),
            ("fallbacks", c.fallbacks), ("ttc_samples", c.ttcSamples), ("ttc_under_5s", c.ttcUnder5s),
            ("ttc_cross_clock", c.ttcCrossClock), ("connected_without_ttc", c.connectedWithoutTtc),
            ("xirsys_api_calls", c.xirsysApiCalls), ("api_calls_server_tours", c.apiCallsFromServerTours),
            ("api_calls_browser_tours", c.apiCallsFromBrowserTours), ("api_calls_none_tours", c.apiCallsNoneTours),
            ("probe_connections", c.probeConnections),
        ]
    }

    static func setCount(_ name: String, _ value: Int, in c: inout Summary) -> Bool {
        switch name {
        case "tours": c.tours = value
        case "connections": c.connections = value
        case "connected": c.connected = value
        case "failed": c.failed = value
        case "incomplete": c.incomplete = value
        case "timeouts": c.timeouts = value
        case "mismatched": c.mismatched = value
        case "mismatched_connected": c.mismatchedConnected = value
        case "mismatched_failed": c.mismatchedFailed = value
        case "instances_known": c.instancesKnown = value
        case "attempts": c.attempts = value
        case "restarts": c.restarts = value
        case "fallbacks": c.fallbacks = value
        case "ttc_samples": c.ttcSamples = value
        case "ttc_under_5s": c.ttcUnder5s = value
        case "ttc_cross_clock": c.ttcCrossClock = value
        case "connected_without_ttc": c.connectedWithoutTtc = value
        case "xirsys_api_calls": c.xirsysApiCalls = value
        case "api_calls_server_tours": c.apiCallsFromServerTours = value
        case "api_calls_browser_tours": c.apiCallsFromBrowserTours = value
        case "api_calls_none_tours": c.apiCallsNoneTours = value
        case "probe_connections": c.probeConnections = value
        default: return false
        }
        return true
    }

    private static func histogramLines(_ keyword: String, _ histogram: MillisecondHistogram) -> [String] {
        var lines: [String] = []
        var line = keyword
        var pairs = 0
        histogram.forEachValue { ms, n in
            line += " \(ms):\(n)"
            pairs += 1
            if pairs == 32 {
                lines.append(line)
                line = keyword
                pairs = 0
            }
        }
        if pairs > 0 { lines.append(line) }
        return lines
    }

    private static func number<T: BinaryInteger>(_ value: T?) -> String { value.map { "\($0)" } ?? "-" }

    private static func bound(_ b: TimeBound?) -> String {
        switch b {
        case nil: return "-"
        case .at(let ms)?: return "at:\(ms)"
        case .beforeNow(let ms)?: return "before:\(ms)"
        }
    }

    /// A string as one field: "-" for nil, "~" for empty, else percent-encoded outside printable ASCII and for
    /// `%`; a lone "-" or "~" is encoded too.
    static func text(_ s: String?) -> String {
        guard let s else { return "-" }
        if s.isEmpty { return "~" }
        if s == "-" { return "%2D" }
        if s == "~" { return "%7E" }
        var out = ""
        for byte in s.utf8 {
            if byte > 0x20, byte < 0x7F, byte != 0x25 {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let digits = Array("0123456789ABCDEF".utf8)
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 15)]))
            }
        }
        return out
    }

    // MARK: Reading

    /// Reads a snapshot; `source` names it in errors. Refuses another format version, a cut file and any line it
    /// does not understand, saying which line.
    public static func decode(_ content: String, source: String) throws(SnapshotError) -> Snapshot {
        var reader = SnapshotReader(source: source)
        return try reader.read(content)
    }
}

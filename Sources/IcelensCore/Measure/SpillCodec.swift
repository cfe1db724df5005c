/// The byte form of a finished tour's row and findings in the spill file of `FinishedTours`: varints, length-prefixed
/// UTF-8 and a presence byte before each optional. Private to one run (written and read back by the same build), so
/// it has no version; a record that does not decode is reported, never guessed at.
/// Writes into a `ByteBuffer` (room reserved per value, not checked per byte), which packing quiet tours
/// (`FrozenTour`) reuses from tour to tour.
struct SpillEncoder {
    /// Where the bytes go.
    let buffer: ByteBuffer

    /// An encoder appending to `buffer` (a new one by default).
    init(into buffer: ByteBuffer = ByteBuffer(capacity: 256)) {
        self.buffer = buffer
    }

    /// The bytes written so far (valid until the next write).
    var bytes: UnsafeRawBufferPointer { buffer.bytes }

    /// A zigzag varint.
    @inline(__always) func int(_ v: Int64) {
        buffer.reserve(10)
        buffer.putZigzag(v)
    }

    func int(_ v: Int) { int(Int64(v)) }

    /// Raw bytes, as they are.
    func append(_ raw: UnsafeRawBufferPointer) {
        guard let base = raw.baseAddress else { return }
        buffer.reserve(raw.count)
        buffer.put(base, raw.count)
    }

    /// A length, then the UTF-8 bytes.
    func string(_ s: String) {
        var t = s
        t.withUTF8 { utf8 in
            int(utf8.count)
            append(UnsafeRawBufferPointer(utf8))
        }
    }

    /// A presence byte, then the string.
    func string(_ s: String?) {
        buffer.reserve(1)
        buffer.put(s == nil ? 0 : 1)
        if let s { string(s) }
    }

    /// A presence byte, then the integer.
    func int(_ v: Int64?) {
        buffer.reserve(1)
        buffer.put(v == nil ? 0 : 1)
        if let v { int(v) }
    }

    func row(_ r: TourRow) {
        string(r.tour)
        string(r.guide)
        int(r.guideInstances.count)
        for s in r.guideInstances { string(s) }
        int(r.firstSeenMs)
        string(r.label)
        for n in [r.attendees, r.connected, r.failed, r.incomplete, r.mismatched, r.timeouts] { int(n) }
        int(r.ttcP50Ms)
        int(r.apiCalls)
        int(r.flaggedConnections)
    }

    func finding(_ f: Finding) {
        string(f.tour)
        string(f.attendee)
        string(f.guide)
        int(f.flags.count)
        for flag in f.flags { string(flag.rawValue) }
        string(f.outcome.rawValue)
        int(f.attempts)
        string(f.guideInstance)
        string(f.attendeeInstance)
        int(f.timeToConnectMs)
        string(f.timeToConnectClock?.rawValue)
        int(f.firstSeenMs)
        string(f.reason)
    }

    func connection(_ r: ConnectionRecord) {
        let c = r.connection
        string(c.tour)
        string(c.attendee)
        string(r.guide)
        string(r.period?.rawValue)
        int(r.flags.count)
        for flag in r.flags { string(flag.rawValue) }
        string(c.outcome.rawValue)
        int(c.timeToConnectMs)
        string(c.timeToConnectClock?.rawValue)
        int(c.fellBack ? 1 : 0)
        int(c.restarts)
        int(c.firstSeenMs)
        int(c.failedAfterConnect ? 1 : 0)
        int(c.attempts.count)
        for a in c.attempts {
            int(a.index)
            int(a.startMs)
            int(a.endMs)
            string(a.clock.rawValue)
            string(a.end.rawValue)
            int(a.timeoutInferred ? 1 : 0)
            string(a.guideInstance)
            string(a.attendeeInstance)
        }
        detail(c.detail)
    }
}

/// Reads what `SpillEncoder` wrote; every read is bounds-checked and a bad record throws `SpillDecoder.Bad`.
struct SpillDecoder {
    struct Bad: Error {}

    let bytes: UnsafeRawBufferPointer
    var at = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { at >= bytes.count }

    @inline(__always) mutating func byte() throws -> UInt8 {
        guard at < bytes.count else { throw Bad() }
        defer { at += 1 }
        return bytes[at]
    }

    @inline(__always) mutating func int64() throws -> Int64 {
        var z: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw Bad() }
            z |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
        }
        return Int64(bitPattern: z >> 1) ^ -Int64(bitPattern: z & 1)
    }

    mutating func int() throws -> Int {
        let v = try int64()
        guard let n = Int(exactly: v) else { throw Bad() }
        return n
    }

    mutating func uint32() throws -> UInt32 {
        guard let v = UInt32(exactly: try int64()) else { throw Bad() }
        return v
    }

    mutating func count() throws -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - at else { throw Bad() }
        return n
    }

    mutating func string() throws -> String {
        let n = try count()
        defer { at += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<at + n]), as: UTF8.self)
    }

    mutating func optionalString() throws -> String? {
        try byte() == 0 ? nil : try string()
    }

    mutating func optionalInt64() throws -> Int64? {
        try byte() == 0 ? nil : try int64()
    }

    mutating func word<W: RawRepresentable>(_: W.Type) throws -> W where W.RawValue == String {
        guard let w = W(rawValue: try string()) else { throw Bad() }
        return w
    }

    mutating func row() throws -> TourRow {
        let tour = try string()
        let guide = try optionalString()
        var instances: [String] = []
        for _ in 0..<(try count()) { instances.append(try string()) }
        let firstSeen = try optionalInt64()
        let label = try optionalString()
        var n: [Int] = []
        for _ in 0..<6 { n.append(try int()) }
        return TourRow(
            tour: tour, guide: guide, guideInstances: instances, firstSeenMs: firstSeen, label: label,
            attendees: n[0], connected: n[1], failed: n[2], incomplete: n[3], mismatched: n[4], timeouts: n[5],
            ttcP50Ms: try optionalInt64(), apiCalls: try int(), flaggedConnections: try int())
    }

    mutating func optionalWord<W: RawRepresentable>(_: W.Type) throws -> W? where W.RawValue == String {
        guard let text = try optionalString() else { return nil }
        guard let w = W(rawValue: text) else { throw Bad() }
        return w
    }

    mutating func bool() throws -> Bool {
        switch try int() {
        case 0: return false
        case 1: return true
        default: throw Bad()
        }
    }

    mutating func connection() throws -> ConnectionRecord {
        let tour = try string()
        let attendee = try string()
        let guide = try optionalString()
        let period = try optionalWord(Period.self)
        var flags: [FindingFlag] = []
        for _ in 0..<(try count()) { flags.append(try word(FindingFlag.self)) }
        let outcome = try word(ConnectionOutcome.self)
        let ttc = try optionalInt64()
        let clock = try optionalWord(ClockSide.self)
        let fellBack = try bool()
        let restarts = try int()
        let firstSeen = try optionalInt64()
        let failedAfterConnect = try bool()
        var attempts: [AttemptResult] = []
        for _ in 0..<(try count()) {
            attempts.append(
                AttemptResult(
                    index: try int(), startMs: try optionalInt64(), endMs: try optionalInt64(),
                    clock: try word(ClockSide.self), end: try word(AttemptEnd.self), timeoutInferred: try bool(),
                    guideInstance: try optionalString(), attendeeInstance: try optionalString()))
        }
        var connection = ConnectionResult(
            tour: tour, attendee: attendee, attempts: attempts, outcome: outcome, timeToConnectMs: ttc,
            timeToConnectClock: clock, fellBack: fellBack, restarts: restarts, firstSeenMs: firstSeen,
            failedAfterConnect: failedAfterConnect)
        connection.detail = try detail()
        return ConnectionRecord(connection: connection, guide: guide, period: period, flags: flags)
    }

    mutating func finding() throws -> Finding {
        let tour = try string()
        let attendee = try string()
        let guide = try optionalString()
        var flags: [FindingFlag] = []
        for _ in 0..<(try count()) { flags.append(try word(FindingFlag.self)) }
        let outcome = try word(ConnectionOutcome.self)
        let attempts = try int()
        let guideInstance = try optionalString()
        let attendeeInstance = try optionalString()
        let ttc = try optionalInt64()
        let clock = try optionalString()
        var side: ClockSide?
        if let clock {
            guard let s = ClockSide(rawValue: clock) else { throw Bad() }
            side = s
        }
        return Finding(
            tour: tour, attendee: attendee, guide: guide, flags: flags, outcome: outcome, attempts: attempts,
            guideInstance: guideInstance, attendeeInstance: attendeeInstance, timeToConnectMs: ttc,
            timeToConnectClock: side, firstSeenMs: try optionalInt64(), reason: try string())
    }
}

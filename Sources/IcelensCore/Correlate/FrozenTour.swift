/// An open tour that has been quiet for a while, packed into bytes: a tour stays open for the whole idle window
/// (3 h by default) after its last line, several times its life, so most open tours are quiet ones. Packed, a
/// tour's records take 3-5 bytes each instead of 24 plus array slack, and its dictionaries are gone; a new
/// event for it unpacks it first. Packing is exact: `thaw()` gives back the same state (`FrozenTourTests`).
struct FrozenTour {
    /// The tour id.
    let tour: String
    /// The packed state.
    let bytes: [UInt8]
    /// Kept unpacked: the idle and ended checks read them without thawing.
    let firstSeenMs: Int64?
    let lastSeenMs: Int64?
    let hasEnded: Bool
    let tracksPresence: Bool

    /// Packs `tour` with a `SpillEncoder` on `scratch` (a buffer reused from tour to tour; the records, most of the
    /// bytes, reserve their room once per bucket) and keeps an exact-size copy.
    init(_ tour: TourAccumulator, scratch: ByteBuffer = ByteBuffer(capacity: 4096)) {
        scratch.removeAll()
        let e = SpillEncoder(into: scratch)
        e.int(tour.strings.strings.count)
        for s in tour.strings.strings.dropFirst() { e.string(s) }
        e.int(tour.buckets.count)
        for (key, bucket) in tour.buckets {
            scratch.reserve(1)
            scratch.put(key.role)
            e.int(Int64(key.peer))
            e.int(Int64(key.remote))
            e.int(bucket.maxTimeMs)
            e.int(bucket.records.count)
            var previous: Int64 = 0
            bucket.records.withUnsafeBufferPointer { records in
                // Per record: a time delta and an instance (10 bytes each at most) and up to 7 bytes of codes.
                scratch.reserve(27 * records.count)
                for r in records {
                    scratch.putZigzag(r.timeMs &- previous)
                    previous = r.timeMs
                    scratch.putZigzag(Int64(r.instance))
                    Self.put(r, to: scratch)
                }
            }
        }
        e.int(tour.label?.timeMs)
        e.string(tour.label?.value)
        e.int(tour.apiCalls.count)
        for (key, count) in tour.apiCalls {
            scratch.reserve(2)
            scratch.put(key.serverOrigin ? 1 : 0)
            scratch.put(key.role)
            e.int(Int64(key.peer))
            e.int(count)
        }
        scratch.reserve(4)
        for flag in [tour.sawServerFetch, tour.sawBrowserFetch, tour.sawAttendee, tour.guideLeft] {
            scratch.put(flag ? 1 : 0)
        }
        e.int(tour.attendeesPresent.count)
        for peer in tour.attendeesPresent { e.int(Int64(peer)) }
        self.tour = tour.tour
        // An exact copy: a packed tour may be held for hours.
        self.bytes = [UInt8](e.bytes)
        self.firstSeenMs = tour.firstSeenMs
        self.lastSeenMs = tour.lastSeenMs
        self.hasEnded = tour.hasEnded
        self.tracksPresence = tour.tracksPresence
    }

    /// The tour, unpacked. The bytes were made by `init` in this process, so a failure is a bug: it traps.
    func thaw() -> TourAccumulator {
        do {
            return try unpack()
        } catch {
            preconditionFailure("FrozenTour: packed state of tour does not unpack")
        }
    }

    private func unpack() throws -> TourAccumulator {
        try bytes.withUnsafeBytes { raw in
            var d = SpillDecoder(raw)
            let stringCount = try d.count()
            var names: [String] = []
            names.reserveCapacity(stringCount)
            for _ in 1..<max(stringCount, 1) { names.append(try d.string()) }
            let strings = StringTable(distinct: names)
            var buckets = BucketTable()
            let bucketCount = try d.count()
            buckets.reserveCapacity(bucketCount)
            for _ in 0..<bucketCount {
                let key = BucketKey(role: try d.byte(), peer: try d.uint32(), remote: try d.uint32())
                let maxTime = try d.optionalInt64()
                let n = try d.count()
                var records: [EventRecord] = []
                records.reserveCapacity(n)
                var time: Int64 = 0
                for _ in 0..<n {
                    time = time &+ (try d.int64())
                    let instance = try d.uint32()
                    records.append(try Self.record(time: time, instance: instance, from: &d))
                }
                buckets.appendDistinct(key, RecordBucket(records: records, maxTimeMs: maxTime))
            }
            let labelTime = try d.optionalInt64()
            let labelValue = try d.optionalString()
            var apiCalls: [TourAccumulator.APICallKey: Int] = [:]
            let callCount = try d.count()
            apiCalls.reserveCapacity(callCount)
            for _ in 0..<callCount {
                let key = TourAccumulator.APICallKey(
                    serverOrigin: try d.byte() == 1, role: try d.byte(), peer: try d.uint32())
                apiCalls[key] = try d.int()
            }
            let flags = [try d.byte(), try d.byte(), try d.byte(), try d.byte()]
            var present: Set<UInt32> = []
            for _ in 0..<(try d.count()) { present.insert(try d.uint32()) }
            guard d.isAtEnd else { throw SpillDecoder.Bad() }
            let accumulator = TourAccumulator(tour: tour, tracksPresence: tracksPresence)
            accumulator.restore(
                strings: strings, buckets: buckets, firstSeenMs: firstSeenMs, lastSeenMs: lastSeenMs,
                label: labelValue.map { (labelTime, $0) }, apiCalls: apiCalls, sawServerFetch: flags[0] == 1,
                sawBrowserFetch: flags[1] == 1, attendeesPresent: present, sawAttendee: flags[2] == 1,
                guideLeft: flags[3] == 1)
            return accumulator
        }
    }

    /// A record's five small codes, mostly in one byte: kind (4 bits) and state (3 bits), when the record has a time,
    /// no cache or candidate code and a browser origin. Otherwise the top bit is set and a second byte holds cache
    /// (2 bits), candidate (3) and flags (2); a code too wide for its bits (a new enum case) sets that byte's top bit
    /// and the five codes follow as bytes.
    static func put(_ r: EventRecord, to e: ByteBuffer) {
        // The caller reserved 7 bytes.
        if r.kind < 16, r.state < 8 {
            let first = r.kind | r.state << 4
            if r.cache == 0, r.candidate == 0, r.flags == 1 {
                e.put(first)
                return
            }
            if r.cache < 4, r.candidate < 8, r.flags < 4 {
                e.put(first | 0x80)
                e.put(r.cache | r.candidate << 2 | r.flags << 5)
                return
            }
        }
        e.put(0x80)
        e.put(0x80)
        e.put(r.kind)
        e.put(r.state)
        e.put(r.cache)
        e.put(r.candidate)
        e.put(r.flags)
    }

    static func record(time: Int64, instance: UInt32, from d: inout SpillDecoder) throws -> EventRecord {
        let first = try d.byte()
        guard first & 0x80 != 0 else {
            return EventRecord(
                timeMs: time, instance: instance, kind: first & 15, state: first >> 4, cache: 0, candidate: 0, flags: 1)
        }
        let second = try d.byte()
        if second & 0x80 != 0 {
            return EventRecord(
                timeMs: time, instance: instance, kind: try d.byte(), state: try d.byte(), cache: try d.byte(),
                candidate: try d.byte(), flags: try d.byte())
        }
        return EventRecord(
            timeMs: time, instance: instance, kind: first & 15, state: first >> 4 & 7, cache: second & 3,
            candidate: second >> 2 & 7, flags: second >> 5 & 3)
    }
}

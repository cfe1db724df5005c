/// The state of one open tour: its events as compact records grouped by writer stream, plus the running values
/// that need no stored events (first/last time, label, Xirsys API call counts).
///
/// Memory: each stored event costs `MemoryLayout<EventRecord>.stride` = 24 bytes. A typical connection has two
/// streams (the attendee's own lines and the guide's lines naming it) of about 15-40 events each, so an open
/// connection costs about 30 x 24 B = 720 B of records plus two buckets (array header 32 B, dictionary entry
/// ~40 B each) and its interned peer id (~50 B), roughly 1 KB; measured (`approximateBytes`, test
/// `bytesPerOpenConnection`): ~600 B per connection of 11 events. The worst case is bounded by
/// `maxEventsPerConnection` per stream: 2 x (1024 + 257) x 24 B = ~61 KB per connection.
final class TourAccumulator {
    /// A counter key for `turn.fetch` API calls: origin, the line's own role code, and the calling peer.
    struct APICallKey: Hashable {
        /// The line came from a server process.
        var serverOrigin: Bool
        /// `BucketKey.code` of the line's role (not the effective role).
        var role: UInt8
        /// The calling peer (`StringTable` index).
        var peer: UInt32

        /// One word into the hasher instead of three.
        @inline(__always) func hash(into hasher: inout Hasher) {
            hasher.combine(UInt64(peer) | UInt64(role) << 32 | (serverOrigin ? 1 << 40 : 0))
        }
    }

    /// The tour id.
    let tour: String
    /// Interned peer ids and instance hosts.
    private(set) var strings = StringTable()
    /// Stored records by writer stream.
    private(set) var buckets = BucketTable()
    /// The earliest event time of the tour (all events, dropped or not).
    private(set) var firstSeenMs: Int64?
    /// The newest event time of the tour (all events, dropped or not).
    private(set) var lastSeenMs: Int64?
    /// The first label of the tour by (time, label), untimed after timed.
    private(set) var label: (timeMs: Int64?, value: String)?
    /// Xirsys API calls (`turn.fetch`, cache not hit) counted as they arrive.
    private(set) var apiCalls: [APICallKey: Int] = [:]
    /// Whether any server-origin `turn.fetch` (hit or miss) was seen.
    private(set) var sawServerFetch = false
    /// Whether any browser-origin `turn.fetch` was seen.
    private(set) var sawBrowserFetch = false
    /// Attendees whose own lines were seen and who have not left since (by `StringTable` index).
    private(set) var attendeesPresent: Set<UInt32> = []
    /// Whether an attendee's own line was seen at all.
    private(set) var sawAttendee = false
    /// Whether the guide has left (its own `peer.leave`, or the server's about it).
    private(set) var guideLeft = false

    /// The tour has ended: its guide has left and every attendee that wrote lines has left since its last line
    /// (always false unless `tracksPresence`).
    /// An ended tour can be finished soon after its last line instead of after the idle window.
    var hasEnded: Bool { guideLeft && sawAttendee && attendeesPresent.isEmpty }

    /// Whether who is still present is kept (only needed when ended tours may finish early).
    let tracksPresence: Bool

    /// Makes the empty state of `tour`; `tracksPresence` keeps `hasEnded` up to date (a cost per event).
    init(tour: String, tracksPresence: Bool = false) {
        self.tour = tour
        self.tracksPresence = tracksPresence
    }

    /// Sets every part of the state at once (thawing a frozen tour, `FrozenTour`).
    func restore(
        strings: StringTable, buckets: BucketTable, firstSeenMs: Int64?, lastSeenMs: Int64?,
        label: (timeMs: Int64?, value: String)?, apiCalls: [APICallKey: Int], sawServerFetch: Bool,
        sawBrowserFetch: Bool, attendeesPresent: Set<UInt32>, sawAttendee: Bool, guideLeft: Bool
    ) {
        self.strings = strings
        self.buckets = buckets
        self.firstSeenMs = firstSeenMs
        self.lastSeenMs = lastSeenMs
        self.label = label
        self.apiCalls = apiCalls
        self.sawServerFetch = sawServerFetch
        self.sawBrowserFetch = sawBrowserFetch
        self.attendeesPresent = attendeesPresent
        self.sawAttendee = sawAttendee
        self.guideLeft = guideLeft
    }

    /// Adds one event of this tour; returns how many stored records the bound dropped.
    func add(_ event: Event, limit: Int) -> Int {
        if let t = event.timeMs {
            firstSeenMs = min(firstSeenMs ?? t, t)
            lastSeenMs = max(lastSeenMs ?? t, t)
        }
        if let value = event.label { considerLabel(value, timeMs: event.timeMs) }

        let role = event.role ?? (event.origin == .server ? .server : nil)
        var peerName = event.peer
        var remoteName = event.remote
        if event.kind == .turnConfigRelayed {
            peerName = event.from ?? peerName
            remoteName = event.to ?? remoteName
        }
        let peer = strings.intern(peerName)
        let remote = strings.intern(remoteName)
        if tracksPresence { notePresence(event, role: role, peer: peer) }

        if event.kind == .turnFetch {
            if event.origin == .server { sawServerFetch = true } else { sawBrowserFetch = true }
            if event.cache != .hit {
                let key = APICallKey(
                    serverOrigin: event.origin == .server, role: BucketKey.code(event.role), peer: peer)
                apiCalls[key, default: 0] += 1
            }
        }

        let instanceName: String?
        if event.kind == .iceSelected {
            instanceName = event.url.flatMap { TurnURI.host(of: $0) } ?? event.instance
        } else {
            instanceName = event.namedInstance
        }
        let record = EventRecord(event: event, instance: strings.intern(instanceName))
        let key = BucketKey(role: BucketKey.code(role), peer: peer, remote: remote)
        let table = strings.strings
        return buckets.add(record, to: key, limit: limit, strings: table)
    }

    /// Sorts every bucket and applies the bound exactly; returns how many records were dropped.
    func compact(limit: Int) -> Int {
        buckets.compact(limit: limit, strings: strings.strings)
    }

    /// An estimate of the bytes this tour holds: record storage (by capacity), buckets (dictionary entry + array
    /// header) and interned strings (inline 16 B + out-of-line UTF-8 beyond 15 bytes + a dictionary entry).
    var approximateBytes: Int {
        let recordStride = MemoryLayout<EventRecord>.stride
        let arrayHeader = 32
        let bucketEntry = MemoryLayout<BucketKey>.stride + MemoryLayout<RecordBucket>.stride + arrayHeader
        var bytes = 0
        for bucket in buckets.bucketValues { bytes += bucketEntry + bucket.records.capacity * recordStride }
        for string in strings.strings {
            let utf8 = string.utf8.count
            bytes += 2 * MemoryLayout<String>.stride + MemoryLayout<UInt32>.stride + (utf8 > 15 ? utf8 + 32 : 0)
        }
        return bytes
    }

    /// Keeps who is still in the tour: an attendee's own line (browser, no remote) makes it present, its
    /// `peer.leave` makes it gone; a `peer.leave` by or about the guide ends the guide's part.
    private func notePresence(_ event: Event, role: Role?, peer: UInt32) {
        if event.kind == .peerLeave, role == .guide { guideLeft = true }
        guard role == .attendee, event.origin == .browser, event.remote == nil, peer != 0 else { return }
        sawAttendee = true
        if event.kind == .peerLeave {
            attendeesPresent.remove(peer)
        } else {
            attendeesPresent.insert(peer)
        }
    }

    private func considerLabel(_ value: String, timeMs: Int64?) {
        guard let current = label else {
            label = (timeMs, value)
            return
        }
        let better: Bool
        switch (timeMs, current.timeMs) {
        case let (t?, c?): better = t < c || (t == c && value < current.value)
        case (.some, nil): better = true
        case (nil, .some): better = false
        case (nil, nil): better = value < current.value
        }
        if better { label = (timeMs, value) }
    }
}

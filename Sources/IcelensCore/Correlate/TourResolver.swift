/// Turns the stored records of one closed tour into its `TourResult`: assigns writer streams to connections and
/// sides, cuts attempts, finds each side's TURN instance, and counts Xirsys API calls (SPEC "What it concludes").
struct TourResolver {
    /// The closed tour (already compacted: every bucket sorted and bounded).
    let tour: TourAccumulator
    /// The correlation settings.
    let config: CorrelationConfig

    private var strings: [String] { tour.strings.strings }

    /// The tour's result.
    func result() -> TourResult {
        let table = strings
        let guidePeers = Set(tour.buckets.keys.filter { $0.role == 1 && $0.peer != 0 }.map(\.peer))
        var connections: [UInt32: ConnectionRecords] = [:]
        var guideWide: [EventRecord] = []
        var guideCoverageMs: Int64?
        var serverFetches: [UInt32: [EventRecord]] = [:]

        for (key, bucket) in tour.buckets {
            switch side(of: key, guidePeers: guidePeers) {
            case .attendee(let peer):
                Self.append(bucket.records, to: &connections[peer, default: ConnectionRecords()].attendeeOwn)
                if let t = bucket.maxTimeMs {
                    connections[peer, default: ConnectionRecords()].attendeeCoverageMs = max(
                        connections[peer]?.attendeeCoverageMs ?? t, t)
                }
            case .guideRemote(let remote):
                Self.append(bucket.records, to: &connections[remote, default: ConnectionRecords()].guideRemote)
                if let t = bucket.maxTimeMs { guideCoverageMs = max(guideCoverageMs ?? t, t) }
            case .guideWide:
                guideWide += bucket.records.filter { !isConnectionSpecific($0) }
                if let t = bucket.maxTimeMs { guideCoverageMs = max(guideCoverageMs ?? t, t) }
            case .server:
                for record in bucket.records {
                    assignServer(
                        record, key: key, guidePeers: guidePeers, connections: &connections,
                        guideWide: &guideWide, serverFetches: &serverFetches)
                }
            case .none:
                break
            }
        }
        // Buckets come sorted (compacted); most lists below are one bucket, or two sorted lists merged in O(n).
        let precedes: (EventRecord, EventRecord) -> Bool = { EventRecord.precedes($0, $1, strings: table) }
        let sort: ([EventRecord]) -> [EventRecord] = { list in
            Self.isSorted(list, by: precedes) ? list : list.sorted(by: precedes)
        }
        // A server-logged fetch by an attendee adds to a connection that exists; it never makes one.
        for (peer, records) in serverFetches where connections[peer] != nil {
            connections[peer]?.attendeeServer += records
        }
        guideWide = sort(guideWide)

        var results: [ConnectionResult] = []
        for (peer, records) in connections {
            guard let attendee = tour.strings[peer] else { continue }
            let attendeeOwn = sort(records.attendeeOwn)
            let guideOwn = sort(records.guideRemote)
            let builder = ConnectionBuilder(
                attendee: attendee, tour: tour.tour, config: config,
                attendeeSequence: Self.merge(attendeeOwn, sort(records.attendeeServer), by: precedes),
                attendeeOwn: attendeeOwn,
                guideSequence: Self.merge(guideOwn, guideWide, by: precedes),
                guideOwn: guideOwn,
                attendeeCoverageMs: records.attendeeCoverageMs, guideCoverageMs: guideCoverageMs,
                firstSeenMs: records.firstSeenMs, strings: tour.strings)
            results.append(builder.result())
        }
        results.sort { $0.attendee < $1.attendee }

        let (apiCalls, byRole, origin) = countAPICalls(
            guidePeers: guidePeers, attendees: Set(connections.keys))
        return TourResult(
            tour: tour.tour, guide: primaryGuide(), firstSeenMs: tour.firstSeenMs,
            lastSeenMs: tour.lastSeenMs, label: tour.label?.value,
            guideInstances: guideInstances(guideWide: guideWide, connections: connections, sort: sort),
            connections: results, apiCalls: apiCalls, apiCallsByRole: byRole, apiCallOrigin: origin)
    }

    /// Appends `records` to `list`; an empty list takes the bucket's array itself (shared, not copied).
    @inline(__always)
    static func append(_ records: [EventRecord], to list: inout [EventRecord]) {
        if list.isEmpty { list = records } else { list += records }
    }

    /// Whether `list` is in `precedes` order already (one pass).
    static func isSorted(_ list: [EventRecord], by precedes: (EventRecord, EventRecord) -> Bool) -> Bool {
        var i = 1
        while i < list.count {
            if precedes(list[i], list[i - 1]) { return false }
            i += 1
        }
        return true
    }

    /// The merge of two lists sorted by `precedes` (ties keep `a` first; tied records are identical anyway).
    static func merge(_ a: [EventRecord], _ b: [EventRecord], by precedes: (EventRecord, EventRecord) -> Bool)
        -> [EventRecord]
    {
        if b.isEmpty { return a }
        if a.isEmpty { return b }
        var out: [EventRecord] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if precedes(b[j], a[i]) {
                out.append(b[j])
                j += 1
            } else {
                out.append(a[i])
                i += 1
            }
        }
        out += a[i...]
        out += b[j...]
        return out
    }

    /// Where a writer stream belongs.
    private enum Side {
        case attendee(UInt32)
        case guideRemote(UInt32)
        case guideWide
        case server
    }

    private func side(of key: BucketKey, guidePeers: Set<UInt32>) -> Side? {
        switch key.role {
        case 1:
            return key.remote != 0 ? .guideRemote(key.remote) : .guideWide
        case 2:
            return key.peer != 0 ? .attendee(key.peer) : nil
        case 3:
            return .server
        default:
            // A role-less browser line: the guide's when its peer is a guide; the attendee's when it names no
            // remote or names a guide as its remote; else a guide-side line naming its remote.
            if guidePeers.contains(key.peer) { return key.remote != 0 ? .guideRemote(key.remote) : .guideWide }
            if key.peer != 0, key.remote == 0 || guidePeers.contains(key.remote) { return .attendee(key.peer) }
            if key.remote != 0 { return .guideRemote(key.remote) }
            return nil
        }
    }

    /// Guide lines without a remote that only make sense for one connection (ICE state, selection) are ignored.
    private func isConnectionSpecific(_ record: EventRecord) -> Bool {
        switch record.eventKind {
        case .iceState, .iceTimeout, .iceRestart, .iceSelected: return true
        default: return false
        }
    }

    private func assignServer(
        _ record: EventRecord, key: BucketKey, guidePeers: Set<UInt32>,
        connections: inout [UInt32: ConnectionRecords], guideWide: inout [EventRecord],
        serverFetches: inout [UInt32: [EventRecord]]
    ) {
        let callerIsGuide = guidePeers.contains(key.peer)
        switch record.eventKind {
        case .turnConfigRelayed:
            if key.remote != 0, !guidePeers.contains(key.remote) {
                connections[key.remote, default: ConnectionRecords()].membership.append(record)
            }
        case .turnConfigPolled:
            if key.peer != 0, !callerIsGuide {
                connections[key.peer, default: ConnectionRecords()].attendeeServer.append(record)
            }
        case .turnFetch:
            if callerIsGuide {
                guideWide.append(record)
            } else if key.peer != 0 {
                serverFetches[key.peer, default: []].append(record)
            }
        case .peerJoin, .peerLeave:
            if key.peer != 0, !callerIsGuide {
                connections[key.peer, default: ConnectionRecords()].membership.append(record)
            }
        default:
            break
        }
    }

    /// The guide: the guide-role peer whose first stored line is earliest (ties by id).
    private func primaryGuide() -> String? {
        var best: (record: EventRecord?, name: String)?
        for key in tour.buckets.keys where key.role == 1 && key.peer != 0 {
            guard let name = tour.strings[key.peer] else { continue }
            let first = tour.buckets[key]?.records.first
            guard let current = best else {
                best = (first, name)
                continue
            }
            if precedes(first, name, current.record, current.name) { best = (first, name) }
        }
        return best?.name
    }

    private func precedes(_ a: EventRecord?, _ aName: String, _ b: EventRecord?, _ bName: String) -> Bool {
        switch (a, b) {
        case let (x?, y?):
            if EventRecord.precedes(x, y, strings: strings) { return true }
            if EventRecord.precedes(y, x, strings: strings) { return false }
            return aName < bName
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return aName < bName
        }
    }

    private func guideInstances(
        guideWide: [EventRecord], connections: [UInt32: ConnectionRecords],
        sort: ([EventRecord]) -> [EventRecord]
    ) -> [String] {
        // Only the records that name the guide's list are sorted (the sort is stable, so they keep the order they
        // have among all records).
        var lists = guideWide.filter(ConnectionBuilder.isGuideList)
        for records in connections.values { lists += records.guideRemote.filter(ConnectionBuilder.isGuideList) }
        var seen: Set<String> = []
        var result: [String] = []
        for record in sort(lists) {
            if let name = tour.strings[record.instance], seen.insert(name).inserted { result.append(name) }
        }
        return result
    }

    private func countAPICalls(guidePeers: Set<UInt32>, attendees: Set<UInt32>) -> (Int, [String: Int], Origin?) {
        let origin: Origin? = tour.sawServerFetch ? .server : (tour.sawBrowserFetch ? .browser : nil)
        var total = 0
        var byRole: [String: Int] = [:]
        for (key, count) in tour.apiCalls where key.serverOrigin == (origin == .server) {
            let role: String
            switch key.role {
            case 1: role = Role.guide.rawValue
            case 2: role = Role.attendee.rawValue
            default:
                if guidePeers.contains(key.peer) {
                    role = Role.guide.rawValue
                } else if attendees.contains(key.peer) {
                    role = Role.attendee.rawValue
                } else {
                    role = "unknown"
                }
            }
            total += count
            byRole[role, default: 0] += count
        }
        return (total, byRole, origin)
    }
}

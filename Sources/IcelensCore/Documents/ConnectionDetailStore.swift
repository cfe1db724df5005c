import Synchronization

/// Where document sources leave what they learn of each peer connection beyond its events (`ConnectionDetail`),
/// keyed by (tour, attendee), until the tour is resolved and the detail is attached to its connection
/// (`attach(to:)`). Shared by the sources and the threads that resolve tours, so it locks. Memory: one small
/// detail per peer connection read from a dump; line logs add nothing.
public final class ConnectionDetailStore: Sendable {
    private struct Key: Hashable {
        var tour: String
        var attendee: String
    }

    /// Every detail recorded for a connection, with the side its dump was written on.
    private let details = Mutex<[Key: [(side: Role, detail: ConnectionDetail)]]>([:])

    /// An empty store.
    public init() {}

    /// Records `detail` for the connection (tour, attendee) as seen from `side`; the details of one connection
    /// (both ends' dumps, or one end's across files) merge when it is read, whatever order they came in.
    public func record(_ detail: ConnectionDetail, tour: String, attendee: String, side: Role = .attendee) {
        details.withLock { $0[Key(tour: tour, attendee: attendee), default: []].append((side, detail)) }
    }

    /// The detail recorded for (tour, attendee), if any: the attendee side's first (its relay is the attendee's),
    /// then the guide's; one side's in the order of their first times.
    public func detail(tour: String, attendee: String) -> ConnectionDetail? {
        guard let all = details.withLock({ $0[Key(tour: tour, attendee: attendee)] }), !all.isEmpty else { return nil }
        func rank(_ side: Role) -> Int { side == .attendee ? 0 : side == .guide ? 1 : 2 }
        let ordered = all.sorted { a, b in
            if rank(a.side) != rank(b.side) { return rank(a.side) < rank(b.side) }
            return (a.detail.firstMs ?? .max, a.detail.iceTimeMs ?? .max) < (
                b.detail.firstMs ?? .max, b.detail.iceTimeMs ?? .max
            )
        }
        return ordered.dropFirst().reduce(ordered[0].detail) { $0.merged(with: $1.detail) }
    }

    /// Whether any detail was recorded.
    public var isEmpty: Bool { details.withLock { $0.isEmpty } }

    /// `tour` with each connection's detail attached (a connection read from line logs only keeps none) and its
    /// probes moved to `probes`; a detail with whole-second times drops a time to connect under a second (unknown,
    /// not 0).
    public func attach(to tour: TourResult) -> TourResult {
        if isEmpty { return tour }
        var tour = tour
        for i in tour.connections.indices {
            guard let detail = detail(tour: tour.connections[i].tour, attendee: tour.connections[i].attendee)
            else { continue }
            tour.connections[i].detail = detail
            // A time measured from the dump's whole seconds (the dump's own ICE time) is unknown under a second;
            // one the app's logs measured stays.
            if detail.secondResolution, let ttc = tour.connections[i].timeToConnectMs, ttc < 1_000,
                ttc == detail.iceTimeMs
            {
                tour.connections[i].timeToConnectMs = nil
                tour.connections[i].timeToConnectClock = nil
            }
        }
        if tour.connections.contains(where: \.isProbe) {
            tour.probes += tour.connections.filter(\.isProbe)
            tour.connections.removeAll(where: \.isProbe)
        }
        return tour
    }
}

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

    private let details = Mutex<[Key: ConnectionDetail]>([:])

    /// An empty store.
    public init() {}

    /// Records `detail` for the connection (tour, attendee); a second detail for it (the other end's dump) merges.
    public func record(_ detail: ConnectionDetail, tour: String, attendee: String) {
        details.withLock { table in
            let key = Key(tour: tour, attendee: attendee)
            if let old = table[key] {
                table[key] = old.merged(with: detail)
            } else {
                table[key] = detail
            }
        }
    }

    /// The detail recorded for (tour, attendee), if any.
    public func detail(tour: String, attendee: String) -> ConnectionDetail? {
        details.withLock { $0[Key(tour: tour, attendee: attendee)] }
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
            if let ttc = tour.connections[i].timeToConnectMs,
                detail.timesInferred || (detail.secondResolution && ttc < 1_000)
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

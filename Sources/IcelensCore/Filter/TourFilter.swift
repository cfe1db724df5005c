/// What an investigation narrows a run to (`--tour`, `--peer`, `--instance`, `--flagged`, `--since`, `--until`):
/// tours by id and time window, connections by peer, TURN instance and finding. Applied to each tour as it
/// closes, so a tour filtered out costs no memory after that; a tour with none of its connections kept is dropped,
/// a tour kept keeps its tour-wide figures (first line, guide instances, Xirsys API calls).
public struct TourFilter: Sendable, Equatable {
    /// Tour ids to keep (empty: every tour).
    public var tours: [String]
    /// Keep connections whose attendee, or whose tour's guide, is this peer.
    public var peer: String?
    /// Keep connections with an attempt on this TURN instance, on either side (host name, any case).
    public var instance: String?
    /// Keep flagged connections only (mismatch, timeout, failed, slow or fallback).
    public var flaggedOnly: Bool
    /// Keep tours whose first line is in this window.
    public var window: TimeWindow

    /// A filter; the defaults keep everything.
    public init(
        tours: [String] = [], peer: String? = nil, instance: String? = nil, flaggedOnly: Bool = false,
        window: TimeWindow = TimeWindow()
    ) {
        self.tours = tours
        self.peer = peer
        self.instance = instance.map(Self.instanceHost)
        self.flaggedOnly = flaggedOnly
        self.window = window
    }

    /// Keeps everything.
    public var keepsEverything: Bool { tours.isEmpty && !filtersConnections && window.isUnbounded }

    /// Whether connections are chosen one by one (peer, instance, flagged).
    public var filtersConnections: Bool { peer != nil || instance != nil || flaggedOnly }

    /// `tour` with only the connections kept, or nil when the tour is not kept (its id, or no connection left).
    /// The time window is not applied here (it may need the newest line: `TourGate`).
    public func trimmed(_ tour: TourResult, parameters: AnalysisParameters) -> TourResult? {
        if !tours.isEmpty, !tours.contains(tour.tour) { return nil }
        guard filtersConnections else { return tour }
        var kept = tour
        kept.connections = tour.connections.filter { keeps($0, guide: tour.guide, parameters: parameters) }
        // A probe is never flagged: `--flagged` leaves every probe out.
        kept.probes = flaggedOnly ? [] : tour.probes.filter { keeps($0, guide: tour.guide, parameters: parameters) }
        return kept.connections.isEmpty && kept.probes.isEmpty ? nil : kept
    }

    /// What `--instance` names, as a host: a TURN URI copied from a log is reduced to its host; lower case.
    public static func instanceHost(_ text: String) -> String {
        if let host = TurnURI.host(of: text) { return host.lowercased() }
        return text.lowercased()
    }

    /// Whether `host` is the instance `wanted`: the whole host name, or its first label (`fr-turn7` names
    /// `fr-turn7.xirsys.com`).
    public static func names(_ host: String?, _ wanted: String) -> Bool {
        guard let host = host?.lowercased() else { return false }
        return host == wanted || (!wanted.contains(".") && host.hasPrefix(wanted + "."))
    }

    /// Whether `connection` (of a tour whose guide is `guide`) passes the peer, instance and flagged filters.
    public func keeps(_ connection: ConnectionResult, guide: String?, parameters: AnalysisParameters) -> Bool {
        if let peer, connection.attendee != peer, guide != peer { return false }
        if let instance {
            let touches = connection.attempts.contains {
                Self.names($0.guideInstance, instance) || Self.names($0.attendeeInstance, instance)
            }
            if !touches { return false }
        }
        if flaggedOnly, Finding.make(for: connection, guide: guide, parameters: parameters) == nil { return false }
        return true
    }
}

/// Server lines: the Xirsys call log, Redis, HTTP polling (text) and Socket.IO relays, joins, leaves (pino JSON).
extension RecordRenderer {
    /// Writes one server line.
    func renderServer(_ r: LogRecord) {
        switch r.kind {
        case .serverAPICall:
            sink.iso(r.timeMs)
            sink.raw(" INFO xirsys api call tour=")
            tourID(r.tourCode)
            sink.raw(" peer=")
            peerID(r.role, r.peer)
            sink.raw(
                r.role == .guide ? " role=guide status=200 duration_ms=" : " role=attendee status=200 duration_ms=")
            sink.int(r.arg)
            sink.raw(" instance=")
            host(r.instance)
        case .serverRedisSet:
            sink.iso(r.timeMs)
            sink.raw(" INFO redis SET ice-servers:")
            tourID(r.tourCode)
            sink.raw(" ttl=3600")
        case .serverPolled:
            sink.iso(r.timeMs)
            sink.raw(" INFO GET /api/ice-servers?tourId=")
            tourID(r.tourCode)
            sink.raw(" 200 peer=")
            peerID(.attendee, r.peer)
            sink.raw(" (polling fallback)")
        case .serverRelayed:
            pinoHead(r)
            sink.raw(",\"msg\":\"ice-server-config relayed\",\"tourId\":\"")
            tourID(r.tourCode)
            sink.raw("\",\"from\":\"")
            peerID(.guide, r.peer)
            sink.raw("\",\"to\":\"")
            peerID(.attendee, r.remote)
            sink.raw("\"}")
        default:
            pinoHead(r)
            sink.raw(",\"pid\":")
            sink.int(2000 + Int(r.tourCode % 7) * 113)
            sink.raw(
                r.kind == .serverJoin
                    ? ",\"msg\":\"peer joined\",\"tourId\":\"" : ",\"msg\":\"peer left\",\"tourId\":\"")
            tourID(r.tourCode)
            sink.raw("\",\"peerId\":\"")
            peerID(r.role, r.peer)
            sink.raw(r.role == .guide ? "\",\"role\":\"guide\"" : "\",\"role\":\"attendee\"")
            sink.raw(r.kind == .serverJoin ? ",\"event\":\"peer.join\"}" : ",\"event\":\"peer.leave\"}")
        }
        sink.newline()
    }

    /// `{"level":30,"time":<ms>,"hostname":"web-<n>"` with the host chosen by tour.
    private func pinoHead(_ r: LogRecord) {
        sink.raw("{\"level\":30,\"time\":")
        sink.int(r.timeMs)
        sink.raw(",\"hostname\":\"web-")
        sink.int(1 + r.tourCode % 3)
        sink.raw("\"")
    }
}

/// Turns records into log lines on a sink: browser lines in console text, JSON or logfmt, server lines in
/// their fixed shapes (see `RecordRenderer+Server.swift`), and noise (see `NoiseRenderer`).
struct RecordRenderer {
    /// Where the bytes go.
    let sink: ByteSink
    /// The app version that structured (JSON, logfmt) browser lines carry as `appVersion`, if any.
    var appVersion: StaticString? = nil

    /// Writes the line (or lines) of one record.
    func render(_ r: LogRecord) {
        switch r.kind {
        case .serverAPICall, .serverRedisSet, .serverRelayed, .serverPolled, .serverJoin, .serverLeave:
            renderServer(r)
        case .noiseBrowserText, .noiseBrowserJSON, .noiseBrowserStack, .noiseHTTP, .noiseServerJSON,
            .noiseMetrics, .noiseServerStack, .malformed:
            NoiseRenderer(sink: sink).render(r)
        default:
            switch r.format {
            case .text: renderText(r)
            case .jsonTop, .jsonContext: renderJSON(r)
            case .logfmt: renderLogfmt(r)
            }
        }
    }

    // MARK: - Console text

    private func renderText(_ r: LogRecord) {
        sink.iso(r.timeMs)
        sink.raw(r.role == .guide ? " [guide] [tour:" : " [attendee] [tour:")
        tourID(r.tourCode)
        sink.raw("] [peer:")
        peerID(r.role, r.peer)
        sink.raw("] ")
        if r.remote != 0 {
            sink.raw("[remote:a-")
            sink.int(r.remote)
            sink.raw("] ")
        }
        switch r.kind {
        case .fetchAPI:
            sink.raw("[Xirsys] Fetched ICE servers from API: ")
            textServers(r.instance, separator: ", ")
        case .fetchCache:
            sink.raw("[Xirsys] Using cached ICE servers (age ")
            sink.int(r.arg)
            sink.raw("s): ")
            textServers(r.instance, separator: ", ")
        case .applyServers:
            sink.raw("[WebRTC] Applying ICE servers: ")
            textServers(r.instance, separator: ", ")
        case .configSent:
            sink.raw("[Signaling] Sent ice-server-config to attendees (instance ")
            host(r.instance)
            sink.raw(")")
        case .configReceived:
            sink.raw("[Signaling] Received ice-server-config from guide: ")
            textServers(r.instance, separator: ", ")
        case .fallback:
            sink.raw("[Xirsys] No ice-server-config from guide within 5000ms, falling back to independent fetch")
        case .stateChecking, .stateConnected, .stateFailed, .stateDisconnected:
            sink.raw(r.reworded ? "[WebRTC] ICE connection state changed to " : "[WebRTC] iceConnectionState changed: ")
            sink.raw(stateName(r.kind))
        case .timeout:
            sink.raw(r.reworded ? "[WebRTC] ICE timed out after 30 s" : "[WebRTC] ICE connection timeout after 30s")
        case .restart:
            sink.raw("[WebRTC] Restarting ICE with new server config")
        case .selected:
            sink.raw("[WebRTC] Selected candidate pair: relay via ")
            relayURL(r.instance, salt: r.salt)
        default:
            sink.raw("[UI] Stop ")
            sink.int(r.arg)
            sink.raw(" of 12 opened from the itinerary panel")
        }
        sink.newline()
    }

    // MARK: - JSON

    private func renderJSON(_ r: LogRecord) {
        sink.raw("{\"ts\":\"")
        sink.iso(r.timeMs)
        if r.format == .jsonContext {
            sink.raw("\",\"level\":\"")
            sink.raw(r.kind == .chatter ? "debug" : "info")
            sink.raw("\",\"message\":\"")
            sink.raw(jsonMessage(r.kind))
            sink.raw("\",\"context\":{\"tourId\":\"")
            tourID(r.tourCode)
            sink.raw(
                r.role == .guide ? "\",\"role\":\"guide\",\"peerId\":\"" : "\",\"role\":\"attendee\",\"peerId\":\"")
            peerID(r.role, r.peer)
            if let appVersion {
                sink.raw("\",\"appVersion\":\"")
                sink.raw(appVersion)
            }
            sink.raw("\"}")
        } else {
            sink.raw("\",\"tour\":\"")
            tourID(r.tourCode)
            sink.raw(r.role == .guide ? "\",\"role\":\"guide\",\"peer\":\"" : "\",\"role\":\"attendee\",\"peer\":\"")
            peerID(r.role, r.peer)
            sink.raw("\"")
            if let appVersion {
                sink.raw(",\"appVersion\":\"")
                sink.raw(appVersion)
                sink.raw("\"")
            }
            if r.kind == .chatter {
                sink.raw(",\"level\":\"debug\",\"message\":\"")
                sink.raw(jsonMessage(r.kind))
                sink.raw("\"")
            }
        }
        switch r.kind {
        case .fetchAPI, .fetchCache:
            sink.raw(
                r.kind == .fetchAPI
                    ? ",\"event\":\"turn.fetch\",\"cache\":\"miss\"" : ",\"event\":\"turn.fetch\",\"cache\":\"hit\"")
            sink.raw(",\"servers\":")
            jsonServers(r.instance, salt: r.salt)
        case .applyServers:
            sink.raw(",\"event\":\"ice.servers\",\"servers\":")
            jsonServers(r.instance, salt: r.salt)
        case .configSent:
            sink.raw(",\"event\":\"turn.config.sent\",\"instance\":\"")
            host(r.instance)
            sink.raw("\"")
        case .configReceived:
            sink.raw(",\"event\":\"turn.config.received\",\"servers\":")
            jsonServers(r.instance, salt: r.salt)
        case .fallback: sink.raw(",\"event\":\"turn.fallback\",\"wait_ms\":5000")
        case .stateChecking, .stateConnected, .stateFailed, .stateDisconnected:
            sink.raw(",\"event\":\"ice.state\",\"state\":\"")
            sink.raw(stateName(r.kind))
            sink.raw("\"")
        case .timeout: sink.raw(",\"event\":\"ice.timeout\",\"after_ms\":30000")
        case .restart: sink.raw(",\"event\":\"ice.restart\",\"reason\":\"new server config\"")
        case .selected:
            sink.raw(",\"event\":\"ice.selected\",\"candidateType\":\"relay\",\"url\":\"")
            relayURL(r.instance, salt: r.salt)
            sink.raw("\"")
        case .join: sink.raw(",\"event\":\"peer.join\"")
        case .leave: sink.raw(",\"event\":\"peer.leave\"")
        default:
            sink.raw(",\"stop\":")
            sink.int(r.arg)
        }
        sink.raw("}")
        sink.newline()
    }

    private func jsonMessage(_ kind: RecordKind) -> StaticString {
        switch kind {
        case .fetchAPI, .fetchCache: return "turn fetch"
        case .applyServers: return "ice servers applied"
        case .configSent: return "ice-server-config sent"
        case .configReceived: return "ice-server-config received"
        case .fallback: return "fallback to own fetch"
        case .stateChecking, .stateConnected, .stateFailed, .stateDisconnected: return "ice state"
        case .timeout: return "ice timeout"
        case .restart: return "ice restart"
        case .selected: return "candidate pair selected"
        case .join: return "peer joined"
        case .leave: return "peer left"
        default: return "stop opened"
        }
    }

    // MARK: - logfmt

    private func renderLogfmt(_ r: LogRecord) {
        sink.raw("ts=")
        sink.iso(r.timeMs)
        sink.raw(r.kind == .chatter ? " level=debug tour=" : " level=info tour=")
        tourID(r.tourCode)
        sink.raw(r.role == .guide ? " role=guide peer=" : " role=attendee peer=")
        peerID(r.role, r.peer)
        if let appVersion {
            sink.raw(" appVersion=")
            sink.raw(appVersion)
        }
        switch r.kind {
        case .fetchAPI, .fetchCache:
            sink.raw(
                r.kind == .fetchAPI
                    ? " event=turn.fetch cache=miss servers=\"" : " event=turn.fetch cache=hit servers=\"")
            textServers(r.instance, separator: ",")
            sink.raw("\"")
        case .applyServers:
            sink.raw(" event=ice.servers servers=\"")
            textServers(r.instance, separator: ",")
            sink.raw("\"")
        case .configSent:
            sink.raw(" event=turn.config.sent instance=")
            host(r.instance)
        case .configReceived:
            sink.raw(" event=turn.config.received servers=\"")
            textServers(r.instance, separator: ",")
            sink.raw("\"")
        case .fallback: sink.raw(" event=turn.fallback wait_ms=5000")
        case .stateChecking, .stateConnected, .stateFailed, .stateDisconnected:
            sink.raw(" event=ice.state state=")
            sink.raw(stateName(r.kind))
        case .timeout: sink.raw(" event=ice.timeout after_ms=30000")
        case .restart: sink.raw(" event=ice.restart reason=\"new server config\"")
        case .selected:
            sink.raw(" event=ice.selected candidateType=relay url=\"")
            relayURL(r.instance, salt: r.salt)
            sink.raw("\"")
        case .join: sink.raw(" event=peer.join")
        case .leave: sink.raw(" event=peer.leave")
        default:
            sink.raw(" msg=\"stop opened\" stop=")
            sink.int(r.arg)
        }
        sink.newline()
    }

    // MARK: - Pieces

    private func stateName(_ kind: RecordKind) -> StaticString {
        switch kind {
        case .stateChecking: return "checking"
        case .stateConnected: return "connected"
        case .stateFailed: return "failed"
        default: return "disconnected"
        }
    }

    /// Writes `t-` and six base-36 digits.
    func tourID(_ code: UInt32) {
        sink.raw("t-")
        var divisor: UInt32 = 36 * 36 * 36 * 36 * 36
        while divisor > 0 {
            let digit = UInt8((code / divisor) % 36)
            sink.byte(digit < 10 ? 0x30 + digit : 0x57 + digit)
            divisor /= 36
        }
    }

    /// Writes `g-<n>` or `a-<n>`.
    func peerID(_ role: PeerRole, _ number: UInt16) {
        sink.raw(role == .guide ? "g-" : "a-")
        sink.int(number)
    }

    /// Writes the host of Xirsys instance `n`: `fr-turn<n>.xirsys.com`.
    func host(_ instance: UInt8) {
        sink.raw("fr-turn")
        sink.int(instance)
        sink.raw(".xirsys.com")
    }

    private func textServers(_ instance: UInt8, separator: StaticString) {
        sink.raw("turn:")
        host(instance)
        sink.raw(":80?transport=udp")
        sink.raw(separator)
        sink.raw("turns:")
        host(instance)
        sink.raw(":443?transport=tcp")
    }

    private func relayURL(_ instance: UInt8, salt: UInt32) {
        sink.raw(salt & 3 == 0 ? "turns:" : "turn:")
        host(instance)
        sink.raw(salt & 3 == 0 ? ":443?transport=tcp" : ":3478?transport=udp")
    }

    /// A Xirsys-style server list with fake credentials derived from `salt`.
    private func jsonServers(_ instance: UInt8, salt: UInt32) {
        sink.raw("[{\"urls\":[\"stun:")
        host(instance)
        sink.raw("\"]},{\"urls\":[\"turn:")
        host(instance)
        sink.raw(":80?transport=udp\",\"turn:")
        host(instance)
        sink.raw(":3478?transport=tcp\",\"turns:")
        host(instance)
        sink.raw(":443?transport=tcp\"],\"username\":\"u-")
        let mixed = UInt64(salt) &* 0x9E37_79B9_7F4A_7C15
        sink.hex(mixed >> 16, digits: 12)
        sink.raw("\",\"credential\":\"c-")
        sink.hex(mixed ^ 0x5DEE_CE66_D1CE_4E5B, digits: 16)
        sink.hex(UInt64(salt) &* 0xD6E8_FEB8_6659_FD93, digits: 8)
        sink.raw("\"}]")
    }
}

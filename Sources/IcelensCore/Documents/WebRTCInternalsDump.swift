/// Reads a Chrome `chrome://webrtc-internals` dump (`{"getUserMedia": [...], "PeerConnections": {"<id>": {"pid",
/// "url", "rtcConfiguration", "updateLog": [...], "stats": {...}}}, "UserAgent": ...}`) into one
/// `PeerConnectionTrace` per peer connection, across Chrome versions (docs/formats.md "webrtc-internals dumps"):
/// event names with and without the `on` prefix, `legacy...` variants skipped; values bare or JSON-quoted; times as a
/// numeric `timestamp` or only a locale `time` string (second resolution, its zone inferred from the stats' UTC
/// times); the configuration as JSON or the legacy text form; the selected pair from the transport's
/// `selectedCandidatePairId` series (or the legacy `googActiveConnection`).
enum WebRTCInternalsDump {
    /// Whether `value` is a webrtc-internals dump.
    static func matches(_ value: JSONValue) -> Bool {
        guard let top = value.object else { return false }
        return top["PeerConnections"]?.object != nil
    }

    /// The peer connections of the dump, in the order of their ids.
    static func traces(in dump: JSONValue, inputName: String) -> [PeerConnectionTrace] {
        guard let connections = dump["PeerConnections"]?.object else { return [] }
        var out: [PeerConnectionTrace] = []
        for id in connections.keys.sorted() {
            guard let record = connections[id], record.object != nil else { continue }
            out.append(trace(id: id, record: record, inputName: inputName))
        }
        return out
    }

    /// The app's ids in a page URL's query (`?tour=t-1&peer=a-2&role=attendee`, and for a guide's page
    /// `&remote=a-2`), percent-decoded, when it carries them.
    static func appIds(inURL url: String) -> (tour: String?, peer: String?, role: Role?, remote: String?) {
        guard let q = url.firstIndex(of: "?") else { return (nil, nil, nil, nil) }
        var tour: String?
        var peer: String?
        var role: Role?
        var remote: String?
        let query = url[url.index(after: q)...].prefix { $0 != "#" }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].lowercased()
            let value = percentDecoded(parts[1].prefix(256))
            guard !value.isEmpty else { continue }
            switch key {
            case "tour", "tourid", "tour_id", "room", "roomid", "conference", "meeting": tour = tour ?? value
            case "peer", "peerid", "peer_id", "attendee", "attendeeid": peer = peer ?? value
            case "remote", "remoteid", "remote_id", "remotepeer": remote = remote ?? value
            case "role": role = Array(value.utf8).withUnsafeBytes { Role(word: $0) }
            default: break
            }
        }
        return (tour, peer, role, remote)
    }

    /// `text` with `%XX` escapes and `+` decoded (invalid UTF-8 becomes U+FFFD).
    static func percentDecoded(_ text: Substring) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x25, i + 2 < bytes.count,
                let v = UInt8(String(decoding: bytes[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
            {
                out.append(v)
                i += 3
            } else {
                out.append(b == 0x2B ? 0x20 : b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func trace(id: String, record: JSONValue, inputName: String) -> PeerConnectionTrace {
        let ids = appIds(inURL: record["url"]?.string ?? "")
        var trace: PeerConnectionTrace
        if ids.role == .guide {
            // The guide's side of a connection to the attendee the page names (`remote=`), else to an attendee
            // known only by the connection's id.
            trace = PeerConnectionTrace(
                source: .webrtcInternals, session: ids.tour ?? inputName, name: ids.peer ?? id, role: .guide,
                remote: ids.remote ?? id)
        } else {
            trace = PeerConnectionTrace(
                source: .webrtcInternals, session: ids.tour ?? inputName, name: ids.peer ?? id, role: ids.role)
        }
        let configuration = record["rtcConfiguration"]?.string ?? record["servers"]?.string ?? ""
        trace.iceServerURLs = ICEURLs.urls(in: configuration)

        // The update log: times as given, or wall times to be placed in UTC.
        var wallSteps: [(wall: Int64?, step: PeerConnectionTrace.Step)] = []
        var secondResolution = false
        for entry in record["updateLog"]?.array ?? [] {
            guard let type = entry["type"]?.string, let happening = happening(type: type, value: entry["value"])
            else { continue }
            if let ms = entry["timestamp"]?.number, ms.isFinite, abs(ms) < 1e15 {
                wallSteps.append((nil, PeerConnectionTrace.Step(timeMs: Int64(ms), happening)))
            } else if let time = entry["time"]?.string, let wall = LocaleTime.wallMs(time) {
                let isEpoch = Double(time.trimmingBlanks) != nil
                if !isEpoch { secondResolution = true }
                wallSteps.append(
                    (isEpoch ? nil : wall, PeerConnectionTrace.Step(timeMs: isEpoch ? wall : nil, happening)))
            } else {
                wallSteps.append((nil, PeerConnectionTrace.Step(timeMs: nil, happening)))
            }
        }
        let stats = record["stats"]?.object ?? [:]
        let statsStart = stats.values.compactMap { $0["startTime"]?.string.flatMap(isoMs) }.min()
        let firstWall = wallSteps.compactMap(\.wall).min()
        let offset =
            firstWall.flatMap { w in statsStart.flatMap { LocaleTime.zoneOffsetMs(wallMs: w, utcMs: $0) } } ?? 0
        for (wall, step) in wallSteps {
            var step = step
            if let wall { step.timeMs = wall + offset }
            trace.steps.append(step)
        }
        trace.secondResolution = secondResolution
        var series = StatsSeries(stats)
        trace.steps += series.selectionSteps()
        return trace
    }

    /// What an update-log entry says, or nil for entries icelens does not use.
    static func happening(type rawType: String, value: JSONValue?) -> PeerConnectionTrace.Happening? {
        var type = rawType.lowercased()
        if type.hasSuffix(" (legacy)") || type.hasPrefix("legacy") { return nil }
        if type.hasPrefix("on") { type.removeFirst(2) }
        let text = unquoted(value)
        switch type {
        case "iceconnectionstatechange":
            return iceState(text).map { .iceState($0) }
        case "connectionstatechange":
            let word = stateWord(text, prefix: "peerconnectionstate")
            return word.isEmpty ? nil : .connectionState(word)
        case "icecandidateerror":
            let fields = keyedFields(value)
            let code = (fields["error_code"] ?? fields["errorcode"]).flatMap { Int($0.trimmingBlanks) }
            return PeerConnectionTrace.candidateError(
                url: fields["url"], code: code, text: fields["error_text"] ?? fields["errortext"])
        case "icecandidate":
            let fields = keyedFields(value)
            guard let candidate = fields["candidate"], let parsed = CandidateLine(candidate), parsed.type == "relay"
            else { return nil }
            let url = fields["url"].flatMap { ICEURLs.urls(in: $0).first }
            return .relayCandidate(
                address: parsed.address, port: parsed.port, relayProtocol: fields["relayprotocol"], url: url)
        default:
            return nil
        }
    }

    /// An ICE state from its value in any era (`checking`, `"checking"`, `ICEConnectionStateChecking`).
    static func iceState(_ text: String) -> IceState? {
        let word = stateWord(text, prefix: "iceconnectionstate")
        return Array(word.utf8).withUnsafeBytes { IceState(word: $0) }
    }

    static func stateWord(_ text: String, prefix: String) -> String {
        var word = text.trimmingBlanks.lowercased()
        if word.hasPrefix(prefix) { word.removeFirst(prefix.count) }
        return String(word.prefix(32))
    }

    /// The value as text: a JSON-quoted string unwrapped (`"\"checking\""` -> `checking`).
    static func unquoted(_ value: JSONValue?) -> String {
        guard let s = value?.string else { return "" }
        let t = s.trimmingBlanks
        if t.hasPrefix("\""), let inner = (try? JSONParser.parse(String(t)))?.string { return inner }
        return String(t)
    }

    /// The fields of a value written as a JSON object (a string holding one, or an object) or in the text form
    /// `key: value` separated by new lines or `, ` (keys lower-cased).
    static func keyedFields(_ value: JSONValue?) -> [String: String] {
        var object = value?.object
        if object == nil, let s = value?.string, s.trimmingBlanks.hasPrefix("{") {
            object = (try? JSONParser.parse(s))?.object
        }
        var out: [String: String] = [:]
        if let object {
            for (k, v) in object {
                switch v {
                case .string(let s): out[k.lowercased()] = s
                case .number(let n):
                    out[k.lowercased()] = n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
                default: break
                }
            }
            return out
        }
        guard let s = value?.string else { return out }
        let separator: Character = s.contains("\n") ? "\n" : ","
        for part in s.split(separator: separator) {
            guard let colon = part.firstIndex(of: ":") else { continue }
            let key = part[..<colon].trimmingCharacters(in: " ").lowercased()
            let rest = String(part[part.index(after: colon)...])
            out[key] = String(rest.trimmingBlanks)
        }
        return out
    }

    /// Milliseconds of an ISO-8601 UTC time (the stats series' `startTime`).
    static func isoMs(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { Timestamp.parse(UnsafeRawBufferPointer($0)) }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return s
    }
}

/// The parts of an ICE candidate line icelens reads (`candidate:1 1 udp 41885439 203.0.113.9 50123 typ relay ...`).
struct CandidateLine {
    var transport: String?
    var address: String?
    var port: Int?
    var type: String?

    init?(_ line: String) {
        let words = line.split(separator: " ")
        guard words.count >= 8, let typ = words.firstIndex(of: "typ"), typ + 1 < words.count else { return nil }
        transport = words[2].lowercased()
        address = String(words[4].prefix(64))
        port = Int(words[5])
        type = words[typ + 1].lowercased()
    }
}

/// The state of one rtcstats dump being read: the dump's form, its clock (v3 times are deltas), the session
/// ids from `identity` lines, and per peer connection its trace and its stats base (only the fields the selected
/// pair needs: type, the pair and candidate ids, candidate type, address, port, protocols, url).
struct RTCStatsDump {
    enum Form {
        case unknown
        /// Jitsi NDJSON (and the older event-first form): absolute times; a report absent from a sample is gone.
        case jitsi
        /// The older rtcstats-server (`fileFormat` 2): absolute times; an absent report is unchanged.
        case legacyServer
        /// rtcstats v3: delta times, numeric codes; `null` removes a report, an absent one is unchanged.
        case v3
    }

    enum Verdict {
        case recognised, unrecognised, malformed
        /// The line starts another dump (a header, or `connectionInfo` after records: dumps concatenated into one
        /// stream): read it again into a new `RTCStatsDump`.
        case nextDump
    }

    /// Records read so far (a header line after them starts another dump).
    private var records = 0
    /// The v3 clock is lost after a record whose delta cannot be read: later times are unknown, not shifted.
    private var clockLost = false

    private(set) var form = Form.unknown
    private var clockMs: Double = 0
    private var identity: [String: String] = [:]
    private var connections: [String: Connection] = [:]
    private var order: [String] = []

    struct Connection {
        var trace: PeerConnectionTrace
        /// The line that first named the connection (its events' source line).
        var line: Int
        var base: [String: [String: JSONValue]] = [:]
        var selected: String?
        var relays: Set<String> = []

        /// Notes a local relay candidate the first time its address and port are seen (an `onicecandidate` line
        /// and the stats name the same one).
        mutating func noteRelay(address: String?, port: Int?, relayProtocol: String?, url: String?, at timeMs: Int64?) {
            guard relays.insert("\(address ?? ""):\(port ?? 0)").inserted else { return }
            trace.steps.append(
                .init(
                    timeMs: timeMs,
                    .relayCandidate(address: address, port: port, relayProtocol: relayProtocol, url: url)))
        }
    }

    /// Stats fields kept in a connection's base.
    static let keptFields: Set<String> = [
        "type", "selectedCandidatePairId", "localCandidateId", "remoteCandidateId", "selected", "candidateType",
        "address", "ip", "port", "protocol", "relayProtocol", "url", "isRemote",
    ]

    /// rtcstats v3 method codes (`compression.js` method table) of the methods icelens reads or names.
    static let v3Methods: [Int: String] = [
        1: "getstats", 2: "createOffer", 3: "createOfferOnSuccess", 4: "createAnswer", 5: "createAnswerOnSuccess",
        6: "setLocalDescription", 7: "setLocalDescriptionOnSuccess", 8: "setRemoteDescription",
        9: "setRemoteDescriptionOnSuccess", 10: "addIceCandidate", 11: "addIceCandidateOnSuccess",
        12: "createOfferOnFailure", 13: "createAnswerOnFailure", 14: "setLocalDescriptionOnFailure",
        15: "setRemoteDescriptionOnFailure", 16: "addIceCandidateOnFailure", 20: "onicecandidate",
        21: "onicecandidateerror", 22: "ontrack", 23: "onsignalingstatechange", 24: "oniceconnectionstatechange",
        25: "onconnectionstatechange", 26: "onicegatheringstatechange", 27: "onnegotiationneeded", 28: "ondatachannel",
        30: "addTrack", 31: "addTrackOnSuccess", 32: "addTransceiver", 33: "addTransceiverOnSuccess",
        34: "removeTrack", 35: "createDataChannel", 36: "close", 37: "restartIce", 38: "setConfiguration",
        39: "create", 40: "constraints",
    ]

    /// rtcstats v3 stats property codes icelens reads.
    static let v3Properties: [String: String] = [
        "5": "transportId", "116": "protocol", "118": "state", "124": "iceState", "125": "selectedCandidatePairId",
        "134": "address", "135": "port", "136": "candidateType", "138": "url", "139": "relayProtocol",
        "148": "localCandidateId", "149": "remoteCandidateId", "150": "nominated",
    ]

    /// rtcstats v3 stats type codes.
    static let v3Types: [Int: String] = [
        1: "inbound-rtp", 2: "outbound-rtp", 3: "remote-inbound-rtp", 4: "remote-outbound-rtp", 5: "transport",
        6: "candidate-pair", 7: "local-candidate", 8: "remote-candidate", 9: "data-channel", 10: "peer-connection",
        11: "certificate", 12: "media-source", 13: "media-playout", 14: "codec",
    ]

    /// Reads line `number` of the dump. Recognised: a line read into the model (header, metadata, identity, a
    /// peer connection's configuration, states, candidates, candidate errors, stats); unrecognised: a well-formed
    /// record of a method icelens does not read (`logs`, `getUserMedia`, `dominantSpeaker`, ...), or a blank line.
    mutating func read(_ line: UnsafeRawBufferPointer, number: Int) -> Verdict {
        var start = 0
        if line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF { start = 3 }
        var end = line.count
        while end > start, ASCII.isBlankOrNewline(line[end - 1]) { end -= 1 }
        let bytes = UnsafeRawBufferPointer(rebasing: line[start..<end])
        if bytes.isEmpty { return .unrecognised }
        if bytes.elementsEqual("RTCStatsDump".utf8) {
            if records > 0 { return .nextDump }
            records += 1
            form = .v3
            return .recognised
        }
        guard let value = try? JSONParser.parse(bytes) else { return .malformed }
        switch value {
        case .object(let members):
            // Metadata: v3's second line, or the older server's first.
            guard let format = members["fileFormat"]?.number else { return .unrecognised }
            if form == .legacyServer || (form == .unknown && records > 0) || (form == .v3 && records > 1) {
                return .nextDump
            }
            records += 1
            if form == .unknown { form = format >= 3 ? .v3 : .legacyServer }
            // The page's URL may carry the app's ids (`?tour=...&peer=...`).
            let ids = WebRTCInternalsDump.appIds(inURL: members["url"]?.string ?? "")
            if let tour = ids.tour { identity["tour"] = tour }
            if let peer = ids.peer { identity["peer"] = peer }
            return .recognised
        case .array(let items):
            if items.first?.string == "connectionInfo", connections.count + identity.count > 0 { return .nextDump }
            records += 1
            return record(items, number: number)
        default:
            return .unrecognised
        }
    }

    private mutating func record(_ items: [JSONValue], number: Int) -> Verdict {
        guard items.count >= 3 else { return .malformed }
        if form == .unknown { form = .jitsi }
        // The method: a name, or a v3 code ('g' is getStats).
        var method: String
        switch items[0] {
        case .string(let s): method = s == "g" ? "getstats" : s
        case .number(let n): method = Self.v3Methods[Int(n)] ?? "\(Int(n))"
        default: return .malformed
        }
        if form == .v3, let code = Int(method), let name = Self.v3Methods[code] { method = name }
        let pc: String?
        switch items[1] {
        case .string(let s): pc = String(s.prefix(128))
        case .null: pc = nil
        default: return .malformed
        }
        // Time: v3 ends each record with ms since the record before; the others carry absolute ms in slot 3.
        var timeMs: Int64?
        if form == .v3 {
            if items.count >= 4, let delta = items[items.count - 1].number, delta.isFinite, !clockLost {
                clockMs += delta
                if abs(clockMs) < 1e15 { timeMs = Int64(clockMs) }
            } else {
                clockLost = true
            }
        } else if items.count >= 4, let t = items[3].number, t.isFinite, abs(t) < 1e15 {
            timeMs = Int64(t)
        }
        let value = items[2]
        let lower = method.lowercased()
        guard let pc else {
            switch lower {
            case "identity":
                let fields = value.object ?? (value.string.flatMap { try? JSONParser.parse($0) })?.object
                guard let fields else { return .malformed }
                for (k, v) in fields {
                    if let s = v.string { identity[k] = String(s.prefix(256)) }
                }
                return .recognised
            case "connectioninfo":
                return .recognised
            default:
                return .unrecognised
            }
        }
        guard Self.readMethods.contains(lower) else { return .unrecognised }
        var connection =
            connections[pc]
            ?? {
                order.append(pc)
                return Connection(trace: PeerConnectionTrace(source: .rtcstats, session: "", name: pc), line: number)
            }()
        defer { connections[pc] = connection }
        switch lower {
        case "create", "setconfiguration":
            guard value.object != nil || value.isNull else { return .malformed }
            for url in ICEURLs.urls(in: Self.text(of: value["iceServers"] ?? .null))
            where !connection.trace.iceServerURLs.contains(url) {
                connection.trace.iceServerURLs.append(url)
            }
            let servers = value["iceServers"].map { $0.array ?? [$0] } ?? []
            for username in servers.compactMap({ $0["username"]?.string }) where !username.isEmpty {
                let kept = String(username.prefix(256))
                if !connection.trace.turnUsernames.contains(kept) { connection.trace.turnUsernames.append(kept) }
            }
        case "oniceconnectionstatechange":
            guard let state = WebRTCInternalsDump.iceState(WebRTCInternalsDump.unquoted(value)) else {
                return .malformed
            }
            connection.trace.steps.append(.init(timeMs: timeMs, .iceState(state), line: number))
        case "onconnectionstatechange":
            let word = WebRTCInternalsDump.stateWord(WebRTCInternalsDump.unquoted(value), prefix: "")
            guard Self.connectionStates.contains(word) else { return .malformed }
            connection.trace.steps.append(.init(timeMs: timeMs, .connectionState(word), line: number))
        case "onicecandidateerror":
            let f = WebRTCInternalsDump.keyedFields(value)
            connection.trace.steps.append(
                .init(
                    timeMs: timeMs,
                    PeerConnectionTrace.candidateError(
                        url: f["url"], code: (f["errorcode"] ?? f["error_code"]).flatMap { Int($0) },
                        text: f["errortext"] ?? f["error_text"]), line: number))
        case "onicecandidate":
            let f = WebRTCInternalsDump.keyedFields(value)
            if let line = f["candidate"], let c = CandidateLine(line), c.type == "relay" {
                connection.noteRelay(
                    address: c.address, port: c.port, relayProtocol: f["relayprotocol"],
                    url: f["url"].flatMap { ICEURLs.urls(in: $0).first }, at: timeMs)
            }
        case "getstats":
            guard case .object(let sample) = value else { return .malformed }
            stats(sample, timeMs: timeMs, line: number, into: &connection)
        default:
            break
        }
        return .recognised
    }

    /// The peer-connection methods read into the model (by their lower-cased names).
    static let readMethods: Set<String> = [
        "create", "setconfiguration", "oniceconnectionstatechange", "onconnectionstatechange", "onicecandidate",
        "onicecandidateerror", "getstats",
    ]

    /// The `connectionState` values.
    static let connectionStates: Set<String> = ["new", "connecting", "connected", "disconnected", "failed", "closed"]

    /// A value as text for the URL scan (a JSON array or object of servers, or a string).
    static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .array(let items): return items.map(text).joined(separator: ",")
        case .object(let members): return members.keys.sorted().map { text(of: members[$0]!) }.joined(separator: ",")
        default: return ""
        }
    }

    /// Applies one `getstats` sample to the connection's base and notes a change of selected pair.
    private mutating func stats(_ sample: [String: JSONValue], timeMs: Int64?, line: Int, into c: inout Connection) {
        var statsTime = timeMs
        for key in ["timestamp", "t"] {
            if let t = sample[key]?.number, t.isFinite, abs(t) < 1e15, t > 0 { statsTime = Int64(t) }
        }
        if form == .jitsi {
            // Every current report is in each sample: one that is absent is gone.
            for id in c.base.keys where sample[id] == nil { c.base[id] = nil }
        }
        for (id, report) in sample where id != "timestamp" && id != "t" {
            guard case .object(let fields) = report else {
                if report.isNull { c.base[id] = nil }
                continue
            }
            var kept = c.base[id] ?? [:]
            for (rawName, field) in fields {
                let name = form == .v3 ? (Self.v3Properties[rawName] ?? rawName) : rawName
                guard Self.keptFields.contains(name) else { continue }
                if name == "type", form == .v3, let code = field.number, let type = Self.v3Types[Int(code)] {
                    kept[name] = .string(type)
                } else {
                    kept[name] = field
                }
            }
            c.base[id] = kept
        }
        // The selected pair: the transport's, else (Firefox) the pair marked selected.
        var pairID: String?
        for id in c.base.keys.sorted() {
            let r = c.base[id]!
            if r["type"]?.string == "transport", let p = r["selectedCandidatePairId"]?.string, !p.isEmpty {
                pairID = p
                break
            }
        }
        if pairID == nil {
            pairID = c.base.keys.sorted().first { id in
                c.base[id]!["type"]?.string == "candidate-pair" && c.base[id]!["selected"] == .bool(true)
            }
        }
        for id in c.base.keys.sorted() {
            let r = c.base[id]!
            guard r["type"]?.string == "local-candidate", r["candidateType"]?.string == "relay" else { continue }
            c.noteRelay(
                address: r["address"]?.string ?? r["ip"]?.string, port: r["port"]?.number.map { Int($0) },
                relayProtocol: r["relayProtocol"]?.string, url: r["url"]?.string.flatMap(ICEURLs.clean), at: statsTime)
        }
        guard let pairID, pairID != c.selected, let pair = c.base[pairID] else { return }
        c.selected = pairID
        let local = pair["localCandidateId"]?.string.flatMap { c.base[$0] } ?? [:]
        let remote = pair["remoteCandidateId"]?.string.flatMap { c.base[$0] } ?? [:]
        c.trace.steps.append(
            .init(
                timeMs: statsTime,
                .selectedPair(
                    CandidatePairDetail(
                        localType: local["candidateType"]?.string,
                        localAddress: local["address"]?.string ?? local["ip"]?.string,
                        localPort: local["port"]?.number.map { Int($0) }, protocol: local["protocol"]?.string,
                        relayProtocol: local["relayProtocol"]?.string,
                        url: local["url"]?.string.flatMap(ICEURLs.clean), remoteType: remote["candidateType"]?.string)),
                line: line))
    }

    /// The peer connections read, named: the session is the meeting (`meetingUniqueId`, else `confID`, else
    /// `confName`) or the app's tour when `identity` logs one, else the input; a connection is
    /// `<endpointId>/<pcId>`, or the app's peer id when `identity` names one.
    func traces(inputName: String) -> [(PeerConnectionTrace, Int)] {
        let appTour = identity["tour"] ?? identity["tourId"]
        let session = appTour ?? identity["meetingUniqueId"] ?? identity["confID"] ?? identity["confName"] ?? inputName
        let appPeer = identity["peer"] ?? identity["peerId"]
        let role = identity["role"].flatMap { word in Array(word.utf8).withUnsafeBytes { Role(word: $0) } }
        let endpoint = identity["endpointId"]
        var out: [(PeerConnectionTrace, Int)] = []
        for pc in order {
            guard let connection = connections[pc] else { continue }
            var trace = connection.trace
            trace.session = session
            if let appPeer, role != .guide, order.count == 1 || pc == order.first {
                trace.name = appPeer
                trace.role = role == .attendee ? .attendee : nil
            } else if let endpoint {
                trace.name = "\(endpoint)/\(pc)"
            }
            out.append((trace, connection.line))
        }
        return out
    }
}

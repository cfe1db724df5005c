/// The `stats` block of a webrtc-internals dump: one time series per `<statsId>-<property>` key, each with its
/// `startTime`, optional `statsType` and its `values` (a JSON array written as a string, parsed only for the
/// series icelens reads). Finds the selected candidate pairs over time and the local relay candidates.
struct StatsSeries {
    struct Series {
        var type: String?
        var startMs: Int64?
        var values: JSONValue?
        var rawValues: String?

        mutating func parsed() -> [JSONValue] {
            if values == nil, let raw = rawValues {
                values = (try? JSONParser.parse(raw)) ?? .array([])
            }
            return values?.array ?? []
        }
    }

    private var byID: [String: [String: Series]] = [:]

    init(_ stats: [String: JSONValue]) {
        for (key, value) in stats {
            // Computed series (`<id>-[bytesReceived_in_bits/s]`) are of no use here.
            guard !key.contains("["), let dash = key.lastIndex(of: "-") else { continue }
            let id = String(key[..<dash])
            let property = String(key[key.index(after: dash)...])
            var series = Series()
            series.type = value["statsType"]?.string
            series.startMs = value["startTime"]?.string.flatMap(WebRTCInternalsDump.isoMs)
            switch value["values"] {
            case .string(let raw)?: series.rawValues = raw
            case .array(let items)?: series.values = .array(items)
            default: continue
            }
            byID[id, default: [:]][property] = series
        }
    }

    /// The last value of `property` of `id` as text.
    mutating func last(_ id: String, _ property: String) -> String? {
        guard var series = byID[id]?[property] else { return nil }
        let values = series.parsed()
        byID[id]?[property] = series
        switch values.last {
        case .string(let s)?: return s
        case .number(let n)?: return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b)?: return b ? "true" : "false"
        default: return nil
        }
    }

    /// The times of the samples of `property` of `id`: its `<id>-timestamp` series when there is one (aligned
    /// from the end), else one a second from the series' start.
    mutating func times(_ id: String, _ property: String, count: Int) -> [Int64?] {
        var stamps: [Int64] = []
        if var t = byID[id]?["timestamp"] {
            stamps = t.parsed().compactMap { $0.number.flatMap { $0.isFinite && abs($0) < 1e15 ? Int64($0) : nil } }
            byID[id]?["timestamp"] = t
        }
        if stamps.count >= count {
            return Array(stamps.suffix(count))
        }
        let start = byID[id]?[property]?.startMs
        return (0..<count).map { i in start.map { $0 + Int64(i) * 1000 } }
    }

    /// The selected candidate pairs over time (each change a step), and the local relay candidates gathered.
    mutating func selectionSteps() -> [PeerConnectionTrace.Step] {
        var steps: [PeerConnectionTrace.Step] = []
        for id in byID.keys.sorted() {
            guard var series = byID[id]?["selectedCandidatePairId"] else { continue }
            let values = series.parsed()
            byID[id]?["selectedCandidatePairId"] = series
            let times = times(id, "selectedCandidatePairId", count: values.count)
            var previous: String?
            for (i, value) in values.enumerated() {
                guard let pairID = value.string, !pairID.isEmpty, pairID != previous else { continue }
                previous = pairID
                steps.append(PeerConnectionTrace.Step(timeMs: times[i], .selectedPair(pair(pairID))))
            }
        }
        // Legacy stats: the connection marked active.
        for id in byID.keys.sorted() where id.hasPrefix("Conn-") {
            guard var series = byID[id]?["googActiveConnection"] else { continue }
            let values = series.parsed()
            byID[id]?["googActiveConnection"] = series
            guard let i = values.firstIndex(where: { $0 == .bool(true) || $0.string == "true" }) else { continue }
            let times = times(id, "googActiveConnection", count: values.count)
            steps.append(PeerConnectionTrace.Step(timeMs: times[i], .selectedPair(legacyPair(id))))
        }
        // Local relay candidates: typed so, or (old dumps, no types) never named as a pair's remote candidate.
        var remotes: Set<String> = []
        for id in byID.keys.sorted() where byID[id]?["remoteCandidateId"] != nil {
            if let remote = last(id, "remoteCandidateId") { remotes.insert(remote) }
        }
        for id in byID.keys.sorted() {
            guard let series = byID[id]?["candidateType"],
                series.type == "local-candidate" || (series.type == nil && !remotes.contains(id)),
                ["relay", "relayed"].contains(last(id, "candidateType")), last(id, "isRemote") != "true"
            else { continue }
            steps.append(
                PeerConnectionTrace.Step(
                    timeMs: series.startMs,
                    .relayCandidate(
                        address: last(id, "address") ?? last(id, "ip") ?? last(id, "ipAddress"),
                        port: (last(id, "port") ?? last(id, "portNumber")).flatMap { Int($0) },
                        relayProtocol: last(id, "relayProtocol"), url: last(id, "url").flatMap(ICEURLs.clean))))
        }
        return steps
    }

    private mutating func pair(_ pairID: String) -> CandidatePairDetail {
        let local = last(pairID, "localCandidateId") ?? ""
        let remote = last(pairID, "remoteCandidateId") ?? ""
        return CandidatePairDetail(
            localType: last(local, "candidateType"), localAddress: last(local, "address") ?? last(local, "ip"),
            localPort: last(local, "port").flatMap { Int($0) }, protocol: last(local, "protocol"),
            relayProtocol: last(local, "relayProtocol"), url: last(local, "url").flatMap(ICEURLs.clean),
            remoteType: last(remote, "candidateType"))
    }

    private mutating func legacyPair(_ id: String) -> CandidatePairDetail {
        func type(_ word: String?) -> String? {
            switch word?.lowercased() {
            case "local"?, "host"?: return "host"
            case "stun"?, "srflx"?, "serverreflexive"?: return "srflx"
            case "prflx"?, "peerreflexive"?: return "prflx"
            case "relay"?, "relayed"?: return "relay"
            default: return nil
            }
        }
        let address = last(id, "googLocalAddress")
        var host = address
        var port: Int?
        if let address, let colon = address.lastIndex(of: ":") {
            host = String(address[..<colon])
            port = Int(address[address.index(after: colon)...])
        }
        return CandidatePairDetail(
            localType: type(last(id, "googLocalCandidateType")), localAddress: host, localPort: port,
            protocol: last(id, "googTransportType"), remoteType: type(last(id, "googRemoteCandidateType")))
    }
}

/// The spill form of a connection's `ConnectionDetail` (what a dump told of it), beside its record.
extension SpillEncoder {
    func detail(_ d: ConnectionDetail?) {
        buffer.reserve(1)
        buffer.put(d == nil ? 0 : 1)
        guard let d else { return }
        string(d.source.rawValue)
        int(d.connectionStateConnected.map { $0 ? 1 : 0 } ?? 2)
        for flag in [d.iceConnected, d.failedAfterConnect, d.probe, d.secondResolution, d.timesInferred] {
            int(flag ? 1 : 0)
        }
        int(d.iceTimeMs)
        int(d.firstMs)
        pair(d.relayFirst)
        pair(d.relayLast)
        int(d.turnConfigured.count)
        for s in d.turnConfigured { string(s) }
        int(d.turnAllocated.count)
        for s in d.turnAllocated { string(s) }
        int(d.turnUsernames.count)
        for s in d.turnUsernames { string(s) }
        int(d.candidateErrors.count)
        for e in d.candidateErrors {
            string(e.url)
            int(e.code.map(Int64.init))
            string(e.text)
            int(e.afterConnectS.map { Int64(($0 * 1000).rounded()) })
            int(e.blocking ? 1 : 0)
        }
    }

    private func pair(_ p: CandidatePairDetail?) {
        buffer.reserve(1)
        buffer.put(p == nil ? 0 : 1)
        guard let p else { return }
        string(p.localType)
        string(p.localAddress)
        int(p.localPort.map(Int64.init))
        string(p.protocol)
        string(p.relayProtocol)
        string(p.url)
        string(p.remoteType)
    }
}

extension SpillDecoder {
    mutating func detail() throws -> ConnectionDetail? {
        guard try byte() != 0 else { return nil }
        var d = ConnectionDetail(source: try word(ConnectionSource.self))
        switch try int() {
        case 0: d.connectionStateConnected = false
        case 1: d.connectionStateConnected = true
        case 2: d.connectionStateConnected = nil
        default: throw Bad()
        }
        d.iceConnected = try bool()
        d.failedAfterConnect = try bool()
        d.probe = try bool()
        d.secondResolution = try bool()
        d.timesInferred = try bool()
        d.iceTimeMs = try optionalInt64()
        d.firstMs = try optionalInt64()
        d.relayFirst = try pair()
        d.relayLast = try pair()
        for _ in 0..<(try count()) { d.turnConfigured.append(try string()) }
        for _ in 0..<(try count()) { d.turnAllocated.append(try string()) }
        for _ in 0..<(try count()) { d.turnUsernames.append(try string()) }
        for _ in 0..<(try count()) {
            let url = try optionalString()
            let code = try optionalInt64().flatMap { Int(exactly: $0) }
            let text = try optionalString()
            let after = try optionalInt64().map { Double($0) / 1000 }
            d.candidateErrors.append(
                CandidateErrorDetail(url: url, code: code, text: text, afterConnectS: after, blocking: try bool()))
        }
        return d
    }

    private mutating func pair() throws -> CandidatePairDetail? {
        guard try byte() != 0 else { return nil }
        return CandidatePairDetail(
            localType: try optionalString(), localAddress: try optionalString(),
            localPort: try optionalInt64().flatMap { Int(exactly: $0) }, protocol: try optionalString(),
            relayProtocol: try optionalString(), url: try optionalString(), remoteType: try optionalString())
    }
}

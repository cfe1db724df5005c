/// The byte form of a finished TURN session in the spill file of `FinishedTurnSessions` (`SpillEncoder` rules).
extension SpillEncoder {
    func turnSession(_ s: TurnSession) {
        string(s.session)
        string(s.server)
        int(s.run)
        string(s.realm)
        string(s.username)
        string(s.user)
        int(s.expiry)
        int(s.allocated ? 1 : 0)
        string(s.relayAddress)
        string(s.clientAddress)
        string(s.listener)
        int(s.lifetimeS)
        int(s.refreshes)
        int(s.deallocated ? 1 : 0)
        strings(s.permissions)
        strings(s.channels)
        int(s.bindings)
        usage(s.usage)
        usage(s.peerUsage)
        int(s.errors.count)
        for e in s.errors {
            string(e.method)
            int(e.code)
            string(e.text)
        }
        int(s.challenges)
        strings(s.notes)
        string(s.closeReason)
        moment(s.opened)
        moment(s.closed)
    }

    private func strings(_ list: [String]) {
        int(list.count)
        for s in list { string(s) }
    }

    private func usage(_ u: TurnUsage) {
        int(u.rp)
        int(u.rb)
        int(u.sp)
        int(u.sb)
    }

    private func moment(_ m: TurnMoment?) {
        guard let m else { return int(0) }
        int(1)
        int(m.timeMs)
        int(m.uptimeS)
        string(m.day)
    }
}

extension SpillDecoder {
    mutating func turnSession() throws -> TurnSession {
        var s = TurnSession(session: try string(), server: try string(), run: try int())
        s.realm = try optionalString()
        s.username = try optionalString()
        s.user = try optionalString()
        s.expiry = try optionalInt64()
        s.allocated = try bool()
        s.relayAddress = try optionalString()
        s.clientAddress = try optionalString()
        s.listener = try optionalString()
        s.lifetimeS = try optionalInt64()
        s.refreshes = try int()
        s.deallocated = try bool()
        s.permissions = try strings()
        s.channels = try strings()
        s.bindings = try int()
        s.usage = try usage()
        s.peerUsage = try usage()
        for _ in 0..<(try count()) {
            s.errors.append(TurnRequestError(method: try string(), code: try int(), text: try string()))
        }
        s.challenges = try int()
        s.notes = try strings()
        s.closeReason = try optionalString()
        s.opened = try moment()
        s.closed = try moment()
        return s
    }

    private mutating func strings() throws -> [String] {
        var out: [String] = []
        for _ in 0..<(try count()) { out.append(try string()) }
        return out
    }

    private mutating func usage() throws -> TurnUsage {
        TurnUsage(rp: try int64(), rb: try int64(), sp: try int64(), sb: try int64())
    }

    private mutating func moment() throws -> TurnMoment? {
        guard try bool() else { return nil }
        return TurnMoment(timeMs: try optionalInt64(), uptimeS: try optionalInt64(), day: try optionalString())
    }
}

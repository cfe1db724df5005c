/// Reads coturn messages (a `CoturnLine`'s message) into `TurnSession`s, one input at a time: sessions by id, the
/// relay address announced before a `new` line, usage deltas summed, the doubled error line counted once, and the
/// server's errors that name no session kept apart. Message texts: docs/research/coturn-log-facts.md.
struct TurnSessionBook {
    /// What a line was to the book.
    enum Verdict {
        case read, unknown, malformed
    }

    let server: String
    private(set) var sessions: [String: TurnSession] = [:]
    private(set) var order: [String] = []
    /// The server's ERROR lines that name no session, with their moments.
    private(set) var unattributed: [(text: String, at: TurnMoment)] = []
    private var run = 1
    /// The relay address of the next `new` line, by thread (0 when the prefix has none), with when it was logged.
    private var pendingRelay: [Int64: (address: String, at: TurnMoment)] = [:]
    /// The last error of each session (coturn logs it again as `message`: counted once).
    private var lastError: [String: (method: String, code: Int)] = [:]
    /// The last peer whose permission each session updated (a channel bind's peer).
    private var lastPeer: [String: String] = [:]

    init(server: String) {
        self.server = server
    }

    /// The sessions in the order they were first seen.
    var all: [TurnSession] { order.compactMap { sessions[$0] } }

    /// The day of uptime-only lines (`YYYY-MM-DD`), from the input's name or a `log file opened` line.
    var day: String?

    /// The last uptime read: one going back by more than a minute is a restart (ids restart with the server).
    private var lastUptime: Int64?
    /// The run the last uptime jump started (a `Coturn Version` line right after it is the same restart).
    private var runStartedByUptime: Int?

    private func restartedAtThisUptime(_ line: CoturnLine) -> Bool { runStartedByUptime == run && line.uptimeS != nil }

    mutating func read(_ text: Substring, line: CoturnLine) -> Verdict {
        let at = TurnMoment(timeMs: line.timeMs, uptimeS: line.uptimeS, day: line.timeMs == nil ? day : nil)
        if let uptime = line.uptimeS {
            if let last = lastUptime, uptime < last - 60, !order.isEmpty {
                run += 1
                runStartedByUptime = run
            } else if uptime > 60 {
                runStartedByUptime = nil
            }
            lastUptime = uptime
        }
        if text.startsWithBytes("session ") {
            // `session <18 digits>: body`, read in UTF-8 bytes.
            let u = text.utf8
            guard u.count >= 27 else { return .unknown }
            let idStart = u.index(u.startIndex, offsetBy: 8)
            let idEnd = u.index(idStart, offsetBy: 18)
            guard u[idStart..<idEnd].allSatisfy(ASCII.isDigit), u[idEnd] == 0x3A else { return .unknown }
            var bodyStart = u.index(after: idEnd)
            if bodyStart < u.endIndex, u[bodyStart] == 0x20 { bodyStart = u.index(after: bodyStart) }
            return session(
                String(Substring(u[idStart..<idEnd])), Substring(u[bodyStart...]), at: at, thread: line.thread ?? 0)
        }
        if text.startsWithBytes("Coturn Version") {
            if !order.isEmpty, !restartedAtThisUptime(line) { run += 1 }
            return .read
        }
        if let opened = text.bytesRange(of: "log file opened: ") {
            if let found = Self.day(in: String(text[opened.upperBound...])) { day = found }
            return .read
        }
        if text.containsBytes("Local relay addr (RTCP)") { return .read }
        if let range = text.bytesRange(of: "Local relay addr: ") {
            let address = String(Substring(text.utf8[range.upperBound...].prefix { $0 != 0x20 }))
            guard Self.isAddress(address) else { return .malformed }
            pendingRelay[line.thread ?? 0] = (address, at)
            return .read
        }
        if text.startsWithBytes("Session "), text.containsBytes("forcefully canceled") { return .read }
        if line.level == "ERROR" || text.startsWithBytes("ERROR: ") {
            unattributed.append((String(text.prefix(512)), at))
            return .read
        }
        for known in [
            "log file opened", "Listener address", "Relay address", "New UDP endpoint", "tcp or tls connected",
            "RFC 5766", "RFC 5780", "RFC 3489", "Max number of open files", "IO method", "Total auth threads",
            "rate-limit exceeded", "timer_event_handler", "stateless-nonce",
        ]
        where text.containsBytes(known) {
            return .read
        }
        return .unknown
    }

    private mutating func session(_ id: String, _ body: Substring, at: TurnMoment, thread: Int64) -> Verdict {
        if body.startsWithBytes("new,"), let old = sessions["\(run)/\(id)"], old.allocated, old.closed != nil {
            run += 1  // a new allocation on a closed session's id: the server restarted without saying so
        }
        let key = "\(run)/\(id)"
        var s =
            sessions[key]
            ?? {
                order.append(key)
                var new = TurnSession(session: id, server: server, run: run)
                new.opened = at
                return new
            }()
        defer { sessions[key] = s }
        let fields = Self.angled(body)
        if body.startsWithBytes("new,") || body.startsWithBytes("refreshed,") {
            guard let lifetime = Self.value(of: "lifetime", in: body).flatMap({ Int64($0) }) else { return .malformed }
            setUser(&s, realm: fields["realm"], username: fields["username"])
            if lifetime > 0 { s.lifetimeS = lifetime }  // a lifetime of 0 deallocates: the last one granted stays
            if body.startsWithBytes("new,") {
                s.allocated = true
                // The relay line comes right before its `new` line: one logged more than a second earlier is another's.
                if let relay = pendingRelay.removeValue(forKey: thread), Self.within(relay.at, at, ms: 1_000) {
                    s.relayAddress = relay.address
                }
            } else if lifetime == 0 {
                s.deallocated = true
            } else {
                s.refreshes += 1
            }
            return .read
        }
        if body.startsWithBytes("usage:") || body.startsWithBytes("peer usage:") {
            var usage = TurnUsage()
            for (name, path) in [("rp", \TurnUsage.rp), ("rb", \.rb), ("sp", \.sp), ("sb", \.sb)] {
                guard let n = Self.value(of: name, in: body).flatMap({ Int64($0) }), n >= 0 else { return .malformed }
                usage[keyPath: path] = n
            }
            setUser(&s, realm: fields["realm"], username: fields["username"])
            if body.startsWithBytes("usage:") { s.usage.add(usage) } else { s.peerUsage.add(usage) }
            return .read
        }
        if body.startsWithBytes("delete:") {
            return .read  // coturn frees every allocation so, whatever ended it: not the client's deallocation
        }
        if body.startsWithBytes("peer ") {
            let rest = body.dropFirst(5)
            let address = String(rest.prefix { $0 != " " })
            guard Self.isAddress(address) else { return .malformed }
            if rest.containsBytes("lifetime updated") {
                // A permission is for an IP address: a port written with it changes nothing.
                let ip = Self.host(of: address)
                if !s.permissions.contains(ip) { s.permissions.append(ip) }
                lastPeer[id] = ip
            }
            return .read
        }
        if let range = body.bytesRange(of: "incoming packet ") {
            setUser(&s, realm: fields["realm"], username: fields["user"])
            let rest = body[range.upperBound...]
            guard let processed = rest.bytesRange(of: " processed, ") else { return .malformed }
            let method = String(rest[..<processed.lowerBound])
            let outcome = rest[processed.upperBound...]
            if outcome.startsWithBytes("success") {
                lastError[id] = nil
                switch method {
                case "ALLOCATE": s.allocated = true
                case "BINDING": s.bindings += 1
                case "CHANNEL_BIND":
                    if let peer = lastPeer[id], !s.channels.contains(peer) { s.channels.append(peer) }
                default: break
                }
                return .read
            }
            let digits = outcome.dropFirst(6).prefix { $0.isASCIIDigit }
            let after = outcome.dropFirst(6 + digits.count).first
            guard outcome.startsWithBytes("error "), let code = Int(digits), (100...699).contains(code),
                after == nil || after == ":"
            else {
                return .malformed
            }
            var text = ""
            if let colon = outcome.firstIndex(of: ":") {
                text = String(outcome[outcome.index(after: colon)...].drop { $0 == " " })
            }
            // coturn logs a method's error again as `message`: the same error once.
            if method == "message", let last = lastError[id], last.code == code, last.method != "message" {
                lastError[id] = nil
                return .read
            }
            lastError[id] = (method, code)
            if code == 401 {
                s.challenges += 1
            } else {
                s.errors.append(TurnRequestError(method: method, code: code, text: String(text.prefix(256))))
            }
            return .read
        }
        if body.startsWithBytes("closed (1st stage)") {
            // RFC 8016 mobility: the session is suspended, not ended.
            s.notes.append("suspended (mobility): " + String(body.prefix(200)))
            return .read
        }
        if body.startsWithBytes("closed (") {
            s.closed = at
            setUser(&s, realm: fields["realm"], username: fields["user"])
            if let reason = body.bytesRange(of: "reason: ") {
                s.closeReason = String(body[reason.upperBound...].prefix(256))
            }
            if let local = Self.value(of: "local", in: body, separator: " ") { s.listener = local }
            if let remote = Self.value(of: "remote", in: body, separator: " ") { s.clientAddress = remote }
            return .read
        }
        if body.containsBytes("check_stun_auth") || body.startsWithBytes("A peer IP") {
            s.notes.append(String(body.prefix(256)))
            return .read
        }
        // Socket events and other lines of the session: it exists, nothing more to take.
        return .read
    }

    /// Sets realm and user from a line that names them (a REST username `expiry:user` split).
    private func setUser(_ s: inout TurnSession, realm: String?, username: String?) {
        if let realm, !realm.isEmpty { s.realm = realm }
        guard let username, !username.isEmpty else { return }
        s.username = username
        let parts = username.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 1, let expiry = Int64(username), username.utf8.allSatisfy(ASCII.isDigit) {
            s.expiry = expiry  // a bare TURN REST timestamp: no user part
            s.user = nil
            return
        }
        if parts.count == 2, !parts[0].isEmpty, parts[0].allSatisfy(\.isASCIIDigit), let expiry = Int64(parts[0]) {
            s.expiry = expiry
            s.user = String(parts[1])
        } else if parts.count == 2, let expiry = Int64(parts[1]), parts[1].allSatisfy(\.isASCIIDigit) {
            s.expiry = expiry
            s.user = String(parts[0])
        } else {
            s.user = username
        }
    }

    /// The first `YYYY-MM-DD` (or `YYYYMMDD`) date in `text` (a log file's name), as `YYYY-MM-DD`.
    static func day(in text: String) -> String? {
        let b = Array(text.utf8)
        func digits(_ i: Int, _ n: Int) -> Int? {
            guard i + n <= b.count, b[i..<i + n].allSatisfy(ASCII.isDigit) else { return nil }
            return Int(String(decoding: b[i..<i + n], as: UTF8.self))
        }
        var i = 0
        while i + 8 <= b.count {
            let before = i == 0 || !ASCII.isDigit(b[i - 1])
            if before, let y = digits(i, 4), (1970...2100).contains(y) {
                var m: Int?
                var d: Int?
                var end = i + 8
                if i + 10 <= b.count, b[i + 4] == 0x2D, b[i + 7] == 0x2D {
                    m = digits(i + 5, 2)
                    d = digits(i + 8, 2)
                    end = i + 10
                } else {
                    m = digits(i + 4, 2)
                    d = digits(i + 6, 2)
                }
                if let m, let d, (1...12).contains(m), (1...31).contains(d), end == b.count || !ASCII.isDigit(b[end]) {
                    return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
                }
            }
            i += 1
        }
        return nil
    }

    /// `n` with leading zeros to `width` digits.
    private static func pad(_ n: Int, _ width: Int) -> String {
        let text = String(n)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    /// The `<...>` values of a line by the word before them (`realm <r>`, `realm=<r>`, `user <u>`), read in UTF-8
    /// bytes.
    static func angled(_ body: Substring) -> [String: String] {
        var out: [String: String] = [:]
        let u = body.utf8
        var i = u.startIndex
        while let open = u[i...].firstIndex(of: 0x3C) {
            guard let close = u[open...].firstIndex(of: 0x3E) else { break }
            var k = open
            while k > u.startIndex, u[u.index(before: k)] == 0x20 || u[u.index(before: k)] == 0x3D {
                k = u.index(before: k)
            }
            var w = k
            while w > u.startIndex, (ASCII.lower(u[u.index(before: w)]) &- 0x61) < 26 { w = u.index(before: w) }
            let name = String(Substring(u[w..<k]))
            if out[name] == nil {
                let value = u[u.index(after: open)..<close]
                out[name] = String(Substring(value.prefix(256)))
            }
            i = u.index(after: close)
        }
        return out
    }

    /// The value after `name=` (or `name ` with `separator` " "), up to the next comma or blank.
    static func value(of name: String, in body: Substring, separator: String = "=") -> String? {
        guard let range = body.bytesRange(of: " " + name + separator) ?? body.bytesRange(of: "," + name + separator)
        else {
            return nil
        }
        let value = body.utf8[range.upperBound...].prefix { $0 != 0x2C && $0 != 0x20 }
        return value.isEmpty ? nil : String(Substring(value))
    }

    /// The IP address of `address` without its port (`1.2.3.4:5` -> `1.2.3.4`, `[::1]:5` -> `::1`).
    static func host(of address: String) -> String {
        if address.hasPrefix("["), let close = address.firstIndex(of: "]") {
            return String(address[address.index(after: address.startIndex)..<close])
        }
        if address.filter({ $0 == ":" }).count == 1, let colon = address.firstIndex(of: ":") {
            return String(address[..<colon])
        }
        return address
    }

    /// Whether two moments are within `ms` of each other (by time, else by uptime); unknown: yes.
    static func within(_ a: TurnMoment, _ b: TurnMoment, ms: Int64) -> Bool {
        if let x = a.timeMs, let y = b.timeMs { return abs(x - y) <= ms }
        if let x = a.uptimeS, let y = b.uptimeS { return abs(x - y) * 1000 <= ms }
        return true
    }

    /// Whether `text` is an IPv4 or IPv6 address, with an optional port (`1.2.3.4`, `1.2.3.4:5`, `[::1]:5`, `::1`).
    static func isAddress(_ text: String) -> Bool {
        var host = Substring(text)
        if host.startsWithBytes("["), let close = host.firstIndex(of: "]") {
            let port = host[host.index(after: close)...]
            guard
                port.isEmpty
                    || (port.startsWithBytes(":") && Int(port.dropFirst()).map { (0...65535).contains($0) } == true)
            else { return false }
            host = host[host.index(after: host.startIndex)..<close]
            return isIPv6(host)
        }
        if host.filter({ $0 == ":" }).count == 1 {
            let parts = host.split(separator: ":")
            guard parts.count == 2, let port = Int(parts[1]), (0...65535).contains(port) else { return false }
            host = parts[0]
        }
        return isIPv4(host) || isIPv6(host)
    }

    static func isIPv4(_ s: Substring) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { p in !p.isEmpty && p.count <= 3 && p.allSatisfy(\.isASCIIDigit) && Int(p)! <= 255 }
    }

    static func isIPv6(_ s: Substring) -> Bool {
        guard s.contains(":"), s.count <= 45 else { return false }
        return s.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { asciiValue.map(ASCII.isDigit) ?? false }
}

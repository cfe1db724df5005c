/// Reads coturn messages (a `CoturnLine`'s message, in place) into `TurnSession`s, one input at a time: sessions
/// by id, the relay address announced before a `new` line, usage deltas summed, the doubled error line counted once,
/// and the server's errors that name no session kept apart. Message texts: docs/research/coturn-log-facts.md.
///
/// Only open sessions are held: a session closed ten minutes ago (by the log's clock), and every session of a run
/// the server restarted from, is handed out through `takeFinished`, so a day of a busy server's log does not grow
/// the book.
struct TurnSessionBook {
    /// What a line was to the book.
    enum Verdict {
        case read, unknown, malformed
    }

    /// A session id within one run of the server: ids restart with the server.
    struct Key: Hashable {
        var run: Int
        var id: UInt64
    }

    /// A session being read, with what reading its next lines needs.
    struct Open {
        var key: Key
        var session: TurnSession
        /// Its place among the input's sessions, by first line.
        var sequence: Int
        /// The last error's code, and whether it was logged as `message` (coturn logs a method's error again as
        /// `message`: counted once).
        var lastError: (code: Int, asMessage: Bool)?
        /// The last peer given a permission (a channel bind's peer).
        var lastPeer: String?
        /// The log's clock (seconds: time, else uptime) at its close line.
        var closedClock: Int64?
        /// Its first line here did not open it (`Done.continued`).
        var continued = false
        /// A channel bind came before any permission here (`Done.channelToEarlierPeer`).
        var channelToEarlierPeer = false

        var done: Done {
            Done(
                sequence: sequence, session: session, continued: continued, lastPeer: lastPeer,
                channelToEarlierPeer: channelToEarlierPeer)
        }
    }

    /// How long a closed session is kept for lines that still name it (`delete`, `peer ... deleted`), in seconds of
    /// the log's clock.
    static let closedGraceS: Int64 = 600

    let server: String
    /// The sessions held, and where each is in `slots`.
    private var slots: [Open] = []
    private var slotOf: [Key: Int] = [:]
    /// Sessions closed and still held, in the order they closed.
    private var closedKeys: [Key] = []
    private var nextSequence = 0
    /// A session the book is done with.
    struct Done {
        /// Its place among the input's sessions, by first line.
        var sequence: Int
        var session: TurnSession
        /// Its first line in this input was not one that opens a session: it may go on from the previous file of a
        /// rotated log (`FinishedTurnSessions` joins the two).
        var continued = false
        /// Still open at the end of the input: it may go on in the next file of a rotated log.
        var carried = false
        /// The last peer given a permission (a channel bind in the next file may be to it).
        var lastPeer: String?
        /// A channel was bound here before any permission: to the previous file's last peer.
        var channelToEarlierPeer = false
    }

    /// Sessions done with, in the order they were handed out.
    private var finished: [Done] = []
    /// The input is one file of a log coturn rotates (its name holds a date): sessions may span its ends.
    var rotates = false
    /// A `Coturn Version` line came before any session: the server started in this file, nothing goes on from before.
    private var startedHere = false
    /// The server's ERROR lines that name no session, with their moments: the first `keptServerErrors` of them
    /// (a server can log one a second all day); `unattributedCount` counts them all.
    private(set) var unattributed: [(text: String, at: TurnMoment)] = []
    private(set) var unattributedCount = 0
    static let keptServerErrors = 1_000
    /// A session keeps at most this many permissions, channels and request errors (a day-long session retrying, or
    /// sending to thousands of peers, must not grow without end), and at most `keptNotes` notes.
    static let keptPerSession = 256
    static let keptNotes = 32
    private var run = 1
    /// The relay address of the next `new` line, by thread (0 when the prefix has none), with when it was logged.
    private var pendingRelay: [Int64: (address: String, at: TurnMoment)] = [:]
    /// The highest session counter handed out closed, by the id's server part (`id / 10^15`), in this run: coturn
    /// counts each relay thread's sessions up, so a new allocation at or below it means the server restarted.
    private var highestFinished: [UInt64: UInt64] = [:]
    /// Lines read since the last sweep of closed sessions.
    private var sinceSweep = 0
    /// The log's clock at the last line (seconds: time, else uptime).
    private var clock: Int64 = 0

    init(server: String) {
        self.server = server
    }

    /// The day of uptime-only lines (`YYYY-MM-DD`), from the input's name or a `log file opened` line.
    var day: String?

    /// The last uptime read: one going back by more than a minute is a restart (ids restart with the server).
    private var lastUptime: Int64?
    /// The run the last uptime jump started (a `Coturn Version` line right after it is the same restart).
    private var runStartedByUptime: Int?

    /// Sessions held now (open, or closed within the grace).
    var heldCount: Int { slots.count }

    /// Sessions done with since the last call, each with its place among the input's sessions.
    mutating func takeFinished() -> [Done] {
        defer { finished.removeAll(keepingCapacity: true) }
        return finished
    }

    /// Ends the input: every session still held is done with, in first-line order.
    mutating func finish() {
        for o in slots.sorted(by: { $0.sequence < $1.sequence }) {
            var done = o.done
            done.carried = rotates && o.closedClock == nil
            finished.append(done)
        }
        slots.removeAll()
        slotOf.removeAll()
        closedKeys.removeAll()
    }

    mutating func read(_ m: MessageBytes, line: CoturnLine) -> Verdict {
        if let uptime = line.uptimeS {
            if let last = lastUptime, uptime < last - 60, nextSequence > 0 {
                newRun()
                runStartedByUptime = run
            } else if uptime > 60 {
                runStartedByUptime = nil
            }
            lastUptime = uptime
        }
        if let ms = line.timeMs { clock = ms / 1000 } else if let uptime = line.uptimeS { clock = uptime }
        sinceSweep += 1
        if sinceSweep >= 1024 { sweep() }
        if m.starts(with: "session ") {
            // `session <18 digits>: body`.
            guard m.count >= 29, m[26] == 0x3A, m[27] == 0x20, let id = m.number(8..<26).map(UInt64.init) else {
                return .unknown
            }
            let body = 28
            return session(
                id, idText: 8..<26, MessageBytes(UnsafeRawBufferPointer(rebasing: m.bytes[body...])), m, line)
        }
        if m.starts(with: "Coturn Version") {
            if nextSequence == 0 { startedHere = true }
            if nextSequence > 0, !(runStartedByUptime == run && line.uptimeS != nil) { newRun() }
            return .read
        }
        if let opened = m.find("log file opened: ") {
            if let found = Self.day(in: m.string(opened + 17..<m.count)) { day = found }
            return .read
        }
        if m.contains("Local relay addr (RTCP)") { return .read }
        if let at = m.find("Local relay addr: ") {
            let start = at + 18
            let address = start..<m.end(from: start, at: 0x20)
            guard m.isAddress(address) else { return .malformed }
            pendingRelay[line.thread ?? 0] = (m.string(address), moment(line))
            return .read
        }
        if m.starts(with: "Session "), m.contains("forcefully canceled") { return .read }
        if line.level == .error || m.starts(with: "ERROR: ") {
            unattributedCount += 1
            if unattributed.count < Self.keptServerErrors {
                unattributed.append((m.text(0..<min(m.count, 512)), moment(line)))
            }
            return .read
        }
        for known: StaticString in [
            "Listener address", "Relay address", "New UDP endpoint", "tcp or tls connected", "RFC 5766", "RFC 5780",
            "RFC 3489", "Max number of open files", "IO method", "Total auth threads", "rate-limit exceeded",
            "timer_event_handler", "stateless-nonce",
        ]
        where m.contains(known) {
            return .read
        }
        return .unknown
    }

    /// The line's moment: its time, else its uptime on the input's day.
    private func moment(_ line: CoturnLine) -> TurnMoment { Self.moment(line, day: day) }

    static func moment(_ line: CoturnLine, day: String?) -> TurnMoment {
        TurnMoment(timeMs: line.timeMs, uptimeS: line.uptimeS, day: line.timeMs == nil ? day : nil)
    }

    /// The server restarted: no later line can name a session of the old run (ids restart), so every one held is
    /// done with, closed or not.
    private mutating func newRun() {
        run += 1
        highestFinished.removeAll()
        for o in slots.sorted(by: { $0.sequence < $1.sequence }) { finished.append(o.done) }
        slots.removeAll(keepingCapacity: true)
        slotOf.removeAll(keepingCapacity: true)
        closedKeys.removeAll()
    }

    /// Hands out the sessions closed more than `closedGraceS` ago.
    private mutating func sweep() {
        sinceSweep = 0
        var kept: [Key] = []
        for key in closedKeys {
            guard let slot = slotOf[key] else { continue }
            let o = slots[slot]
            guard let closed = o.closedClock, clock - closed > Self.closedGraceS else {
                kept.append(key)
                continue
            }
            handOut(slot)
        }
        closedKeys = kept
    }

    /// Hands out the closed session in `slot`.
    private mutating func handOut(_ slot: Int) {
        let o = slots[slot]
        remove(slot)
        finished.append(o.done)
        let part = o.key.id / 1_000_000_000_000_000
        highestFinished[part] = max(highestFinished[part] ?? 0, o.key.id)
    }

    /// Drops the session in `slot` (the last one takes its place).
    private mutating func remove(_ slot: Int) {
        slotOf[slots[slot].key] = nil
        let last = slots.count - 1
        if slot != last {
            slots.swapAt(slot, last)
            slotOf[slots[slot].key] = slot
        }
        slots.removeLast()
    }

    private mutating func session(
        _ id: UInt64, idText: Range<Int>, _ body: MessageBytes, _ whole: MessageBytes, _ line: CoturnLine
    ) -> Verdict {
        let isNew = body.starts(with: "new,")
        if isNew {
            // A new allocation on a closed session's id, or below the ids already done with: the server restarted
            // without saying so.
            let held = slotOf[Key(run: run, id: id)].map { slots[$0] }
            if let held, held.session.allocated, held.session.closed != nil {
                newRun()
            } else if held == nil,
                let highest = highestFinished[id / 1_000_000_000_000_000], id <= highest
            {
                newRun()
            }
        }
        let key = Key(run: run, id: id)
        // A line naming a session closed more than the grace ago is another record of that id.
        if let held = slotOf[key], let closed = slots[held].closedClock, clock - closed > Self.closedGraceS {
            handOut(held)
        }
        let slot: Int
        let created: Bool
        if let held = slotOf[key] {
            slot = held
            created = false
        } else {
            created = true
            var new = TurnSession(session: whole.string(idText), server: server, run: run)
            new.opened = moment(line)
            slot = slots.count
            var open = Open(key: key, session: new, sequence: nextSequence)
            open.continued = rotates && run == 1 && !startedHere && !Self.opens(body)
            slots.append(open)
            slotOf[key] = slot
            nextSequence += 1
        }
        let at = Reading(line: line, day: day, clock: clock)
        let wasClosed = slots[slot].closedClock != nil
        let verdict = Self.read(body, into: &slots[slot], isNew: isNew, at: at, pendingRelay: &pendingRelay)
        if verdict == .malformed, created {
            // A malformed line makes no session of its own.
            remove(slot)
            nextSequence -= 1
            return verdict
        }
        if !wasClosed, slots[slot].closedClock != nil { closedKeys.append(key) }
        return verdict
    }

    /// Whether a session's line is one that opens a session: the 401 challenge of its first request, its allocation
    /// (`new`: coturn logs `ALLOCATE processed, success` after it), or a binding (a STUN-only session).
    static func opens(_ body: MessageBytes) -> Bool {
        if body.starts(with: "new,") { return true }
        guard let packet = body.find("incoming packet ") else { return false }
        return body.starts(with: "BINDING ", at: packet + 16) || body.find("error 401", from: packet) != nil
    }

    /// Where a session line is in the log.
    private struct Reading {
        var line: CoturnLine
        var day: String?
        var clock: Int64
        var moment: TurnMoment { TurnSessionBook.moment(line, day: day) }
    }

    private static func read(
        _ m: MessageBytes, into o: inout Open, isNew: Bool, at: Reading,
        pendingRelay: inout [Int64: (address: String, at: TurnMoment)]
    ) -> Verdict {
        let line = at.line
        if isNew || m.starts(with: "refreshed,") {
            let names = Self.angled(m)
            guard let lifetime = m.value("lifetime=", from: names.end).flatMap(m.number) else { return .malformed }
            Self.setUser(&o.session, m, realm: names.realm, username: names.username)
            if lifetime > 0 { o.session.lifetimeS = lifetime }  // a lifetime of 0 deallocates: the last one stays
            if isNew {
                o.session.allocated = true
                // The relay line comes right before its `new` line: one logged more than a second earlier is another's.
                if let relay = pendingRelay.removeValue(forKey: line.thread ?? 0),
                    Self.within(relay.at, at.moment, ms: 1_000)
                {
                    o.session.relayAddress = relay.address
                }
            } else if lifetime == 0 {
                o.session.deallocated = true
            } else {
                o.session.refreshes += 1
            }
            return .read
        }
        let isUsage = m.starts(with: "usage:")
        if isUsage || m.starts(with: "peer usage:") {
            let names = Self.angled(m)
            // Each count is looked for after the previous one (coturn writes them in this order).
            var from = names.end
            func count(_ name: StaticString) -> Int64? {
                guard let r = m.value(name, from: from) ?? m.value(name, from: names.end) else { return nil }
                from = r.upperBound
                return m.number(r)
            }
            guard let rp = count("rp="), let rb = count("rb="), let sp = count("sp="), let sb = count("sb=") else {
                return .malformed
            }
            let usage = TurnUsage(rp: rp, rb: rb, sp: sp, sb: sb)
            Self.setUser(&o.session, m, realm: names.realm, username: names.username)
            if isUsage { o.session.usage.add(usage) } else { o.session.peerUsage.add(usage) }
            return .read
        }
        if m.starts(with: "delete:") {
            return .read  // coturn frees every allocation so, whatever ended it: not the client's deallocation
        }
        if m.starts(with: "peer ") {
            let address = 5..<m.end(from: 5, at: 0x20)
            guard m.isAddress(address) else { return .malformed }
            if m.find("lifetime updated", from: address.upperBound) != nil {
                // A permission is for an IP address: a port written with it changes nothing.
                let ip = m.host(address)
                if let known = o.session.permissions.first(where: { m.equals(ip, $0) }) {
                    o.lastPeer = known
                } else {
                    let text = m.string(ip)
                    if o.session.permissions.count < Self.keptPerSession { o.session.permissions.append(text) }
                    o.lastPeer = text
                }
            }
            return .read
        }
        if let packet = m.find("incoming packet ") {
            let names = Self.angled(m)
            Self.setUser(&o.session, m, realm: names.realm, username: names.user)
            let methodStart = packet + 16
            guard let processed = m.find(" processed, ", from: methodStart) else { return .malformed }
            let method = methodStart..<processed
            let outcome = processed + 12
            if m.starts(with: "success", at: outcome) {
                o.lastError = nil
                if m.starts(with: "ALLOCATE ", at: method.lowerBound) {
                    o.session.allocated = true
                } else if m.starts(with: "BINDING ", at: method.lowerBound) {
                    o.session.bindings += 1
                } else if m.starts(with: "CHANNEL_BIND ", at: method.lowerBound) {
                    if let peer = o.lastPeer, !o.session.channels.contains(peer),
                        o.session.channels.count < Self.keptPerSession
                    {
                        o.session.channels.append(peer)
                    } else if o.lastPeer == nil, o.continued {
                        o.channelToEarlierPeer = true
                    }
                }
                return .read
            }
            guard m.starts(with: "error ", at: outcome) else { return .malformed }
            let digits = outcome + 6..<m.end(from: outcome + 6, at: 0x3A)
            guard let code = m.number(digits).map(Int.init), (100...699).contains(code) else { return .malformed }
            var text = min(digits.upperBound + 1, m.count)
            while text < m.count, m[text] == 0x20 { text += 1 }
            let asMessage = m.starts(with: "message ", at: method.lowerBound)
            // coturn logs a method's error again as `message`: the same error once.
            if asMessage, let last = o.lastError, last.code == code, !last.asMessage {
                o.lastError = nil
                return .read
            }
            o.lastError = (code, asMessage)
            if code == 401 {
                o.session.challenges += 1
            } else if o.session.errors.count < Self.keptPerSession {
                o.session.errors.append(
                    TurnRequestError(
                        method: m.string(method), code: code, text: m.text(text..<min(m.count, text + 256))))
            }
            return .read
        }
        if m.starts(with: "closed (1st stage)") {
            // RFC 8016 mobility: the session is suspended, not ended.
            if o.session.notes.count < Self.keptNotes {
                o.session.notes.append("suspended (mobility): " + m.text(0..<min(m.count, 200)))
            }
            return .read
        }
        if m.starts(with: "closed (") {
            o.session.closed = at.moment
            o.closedClock = at.clock
            let names = Self.angled(m, groups: 3)  // user, realm, origin
            Self.setUser(&o.session, m, realm: names.realm, username: names.user)
            if let reason = m.find("reason: ", from: names.end) {
                o.session.closeReason = m.text(reason + 8..<min(m.count, reason + 8 + 256))
            }
            if let local = m.value("local ", from: names.end) { o.session.listener = m.string(local) }
            if let remote = m.value("remote ", from: names.end) { o.session.clientAddress = m.string(remote) }
            return .read
        }
        if m.contains("check_stun_auth") || m.starts(with: "A peer IP") {
            if o.session.notes.count < Self.keptNotes { o.session.notes.append(m.text(0..<min(m.count, 256))) }
            return .read
        }
        // Socket events and other lines of the session: it exists, nothing more to take.
        return .read
    }

    /// Sets realm and user from a line that names them (a REST username `expiry:user` split); nothing is made when
    /// they are the ones already kept.
    private static func setUser(_ s: inout TurnSession, _ m: MessageBytes, realm: Range<Int>?, username: Range<Int>?) {
        if let realm, !realm.isEmpty, !m.equals(realm, s.realm) { s.realm = m.string(realm) }
        guard let username, !username.isEmpty, !m.equals(username, s.username) else { return }
        let name = m.string(username)
        s.username = name
        let parts = name.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 1, let expiry = Int64(name), name.utf8.allSatisfy(ASCII.isDigit) {
            s.expiry = expiry  // a bare TURN REST timestamp: no user part
            s.user = nil
            return
        }
        if parts.count == 2, !parts[0].isEmpty, parts[0].utf8.allSatisfy(ASCII.isDigit), let expiry = Int64(parts[0]) {
            s.expiry = expiry
            s.user = String(parts[1])
        } else if parts.count == 2, let expiry = Int64(parts[1]), parts[1].utf8.allSatisfy(ASCII.isDigit) {
            s.expiry = expiry
            s.user = String(parts[0])
        } else {
            s.user = name
        }
    }

    /// The `<...>` values a message names `realm`, `username` and `user` (`realm <r>`, `realm=<r>`; the first of
    /// each), and where the last `<...>` ends (the fields after it cannot be inside a value).
    struct Angled {
        var realm: Range<Int>?
        var username: Range<Int>?
        var user: Range<Int>?
        var end = 0
    }

    /// `groups`: how many `<...>` the message's kind writes before its other fields (a later one is in a value, such
    /// as a close reason).
    static func angled(_ m: MessageBytes, groups: Int = 2) -> Angled {
        var out = Angled()
        var i = 0
        var seen = 0
        while i < m.count, seen < groups {
            seen += 1
            let open = m.end(from: i, at: 0x3C)
            guard open < m.count else { break }
            let close = m.end(from: open + 1, at: 0x3E)
            guard close < m.count else { break }
            var k = open
            while k > 0, m[k - 1] == 0x20 || m[k - 1] == 0x3D { k -= 1 }
            var w = k
            while w > 0, (ASCII.lower(m[w - 1]) &- 0x61) < 26 { w -= 1 }
            let value = open + 1..<min(close, open + 1 + 256)
            switch k - w {
            case 5 where out.realm == nil && m.starts(with: "realm", at: w): out.realm = value
            case 8 where out.username == nil && m.starts(with: "username", at: w): out.username = value
            case 4 where out.user == nil && m.starts(with: "user", at: w): out.user = value
            default: break
            }
            i = close + 1
            out.end = i
        }
        return out
    }

    /// The first `YYYY-MM-DD` (or `YYYYMMDD`) date in `text` (a log file's name), as `YYYY-MM-DD`.
    static func day(in text: String) -> String? { date(in: text)?.day }

    /// The file of a rotated log: coturn writes a file a day (`turn_4242_2026-03-05.log`, maybe gzipped later). Its
    /// key is the path with that date (and `.gz`) taken out, the same for every file of one server's log; its day
    /// orders them.
    struct Rotation: Hashable, Sendable {
        var key: String
        var day: String
    }

    /// The rotation of the input named `path`, when its file name holds a date.
    static func rotation(of path: String) -> Rotation? {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        var name = String(path[slash...])
        if name.hasSuffix(".gz") { name.removeLast(3) }
        guard let found = date(in: name) else { return nil }
        var bytes = Array(name.utf8)
        bytes.replaceSubrange(found.range, with: Array("#".utf8))
        return Rotation(key: String(path[..<slash]) + String(decoding: bytes, as: UTF8.self), day: found.day)
    }

    /// The first date in `text` as `YYYY-MM-DD`, and where it is (UTF-8 offsets).
    private static func date(in text: String) -> (day: String, range: Range<Int>)? {
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
                    return (pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2), i..<end)
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

    /// Whether two moments are within `ms` of each other (by time, else by uptime); unknown: yes.
    static func within(_ a: TurnMoment, _ b: TurnMoment, ms: Int64) -> Bool {
        if let x = a.timeMs, let y = b.timeMs { return abs(x - y) <= ms }
        if let x = a.uptimeS, let y = b.uptimeS { return abs(x - y) * 1000 <= ms }
        return true
    }

}

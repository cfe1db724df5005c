/// Packets and bytes through a TURN session, as coturn counts them: `rp`/`rb` received and `sp`/`sb` sent (from and
/// to the client for `usage`, from and to the peers for `peer usage`). coturn logs deltas since its last report;
/// these are their sums.
public struct TurnUsage: Sendable, Equatable, Codable {
    public var rp: Int64 = 0
    public var rb: Int64 = 0
    public var sp: Int64 = 0
    public var sb: Int64 = 0

    /// No traffic yet.
    public init() {}

    /// Given counts.
    public init(rp: Int64, rb: Int64, sp: Int64, sb: Int64) {
        self.rp = rp
        self.rb = rb
        self.sp = sp
        self.sb = sb
    }

    /// Adds one report's deltas; a sum past `Int64.max` stays there (never wraps to a negative count).
    public mutating func add(_ other: TurnUsage) {
        func sum(_ a: Int64, _ b: Int64) -> Int64 {
            let (s, overflow) = a.addingReportingOverflow(b)
            return overflow ? Int64.max : s
        }
        rp = sum(rp, other.rp)
        rb = sum(rb, other.rb)
        sp = sum(sp, other.sp)
        sb = sum(sb, other.sb)
    }
}

/// A moment in a coturn log: the wall-clock time when the line carries one, and the server's uptime when its prefix
/// is one (uptime-only lines keep their order and uptime).
public struct TurnMoment: Sendable, Equatable, Codable {
    public var timeMs: Int64?
    public var uptimeS: Int64?
    /// The day (`YYYY-MM-DD`) an uptime-only line belongs to, when the log's file name (or its `log file opened`
    /// line) gives one: the anchor of lines that carry no date.
    public var day: String?

    public init(timeMs: Int64?, uptimeS: Int64?, day: String? = nil) {
        self.timeMs = timeMs
        self.uptimeS = uptimeS
        self.day = day
    }
}

/// An error a TURN request got (`incoming packet ALLOCATE processed, error 437: Allocation Mismatch`).
public struct TurnRequestError: Sendable, Equatable, Codable {
    /// The request's method (`ALLOCATE`, `CREATE_PERMISSION`, ... or `message` for errors coturn logs after the
    /// method's own line, such as authentication).
    public var method: String
    public var code: Int
    public var text: String
}

/// One TURN session of a coturn server, from its log lines (`icelens sessions`): who opened it, whether it allocated
/// a relay and where, its permissions, channels and traffic, its errors and why it closed. A session id is unique
/// only within one run of the server, so a session is keyed by input, run and id.
public struct TurnSession: Sendable, Equatable, Codable {
    /// The 18-digit session id.
    public var session: String
    /// The input (server log) it was read from.
    public var server: String
    /// The server run within the input (a `Coturn Version` line starts a new one), from 1.
    public var run: Int
    public var realm: String?
    /// The TURN username as logged (`expiry:user` for the TURN REST API).
    public var username: String?
    /// The user part of a TURN REST username, else the username.
    public var user: String?
    /// The expiry (Unix seconds) of a TURN REST username.
    public var expiry: Int64?
    /// `ALLOCATE processed, success` (or a `new` line) was seen.
    public var allocated = false
    /// The relay address coturn allocated (`Local relay addr` just before the `new` line).
    public var relayAddress: String?
    /// The client's address (`remote` of the close line).
    public var clientAddress: String?
    /// The server's listener address the client reached (`local` of the close line).
    public var listener: String?
    /// The allocation's lifetime as last granted (above 0), in seconds.
    public var lifetimeS: Int64?
    /// `refreshed` lines with a lifetime above 0.
    public var refreshes = 0
    /// A `refreshed` with lifetime 0: the client deallocated.
    public var deallocated = false
    /// Peer addresses given permissions, in order.
    public var permissions: [String] = []
    /// Peer addresses of channel binds, in order.
    public var channels: [String] = []
    /// `BINDING processed, success` lines.
    public var bindings = 0
    /// Sums of the `usage` deltas.
    public var usage = TurnUsage()
    /// Sums of the `peer usage` deltas.
    public var peerUsage = TurnUsage()
    /// Request errors, the long-term-credential challenges (401) aside, each once (coturn logs a method's error
    /// again as `message`).
    public var errors: [TurnRequestError] = []
    /// 401 challenges: the normal first step of long-term credentials, never a failure.
    public var challenges = 0
    /// Errors coturn logged for the session that are no request's (`check_stun_auth: ...`, a denied peer IP).
    public var notes: [String] = []
    /// Why it closed, as coturn says (`allocation timeout`, `TCP connection closed by client (callback)`, ...).
    public var closeReason: String?
    /// Its first line.
    public var opened: TurnMoment?
    /// Its close line.
    public var closed: TurnMoment?

    /// A session seen for the first time.
    public init(session: String, server: String, run: Int) {
        self.session = session
        self.server = server
        self.run = run
    }

    /// A STUN-only session: it never allocated a relay (binding requests, or a 5-tuple that never authenticated).
    public var stunOnly: Bool { !allocated }
    /// Why a session that never allocated failed to: its errors on ALLOCATE or on authentication (`message`), 401
    /// challenges and 438 stale nonces (the normal retries) aside. Empty once it allocated: a later error (a second
    /// ALLOCATE's 437) failed no allocation.
    public var allocateErrors: [TurnRequestError] {
        allocated ? [] : errors.filter { ($0.method == "ALLOCATE" || $0.method == "message") && $0.code != 438 }
    }
}

/// An ERROR line of a TURN server that names no session (`A peer IP ... denied`, `Cannot open log file`): kept with
/// its text, since no session can carry it.
public struct TurnServerError: Sendable, Equatable, Codable {
    /// The input (server log) it was read from.
    public var server: String
    /// The message, as logged (at most 512 bytes).
    public var text: String
    public var at: TurnMoment

    public init(server: String, text: String, at: TurnMoment) {
        self.server = server
        self.text = text
        self.at = at
    }
}

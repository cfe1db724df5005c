import Testing

@testable import IcelensCore

@Suite struct TurnURITests {
    @Test(arguments: [
        ("turn:fr-turn8.xirsys.com:80?transport=udp", "fr-turn8.xirsys.com"),
        ("turns:fr-turn8.xirsys.com:443?transport=tcp", "fr-turn8.xirsys.com"),
        ("TURN:FR-TURN7.Xirsys.com", "fr-turn7.xirsys.com"),
        ("turn:[2001:db8::1]:3478", "[2001:db8::1]"),
        ("turn:user:secret@fr-turn1.xirsys.com:80", "fr-turn1.xirsys.com"),
    ])
    func hostOfURI(uri: String, host: String) {
        #expect(TurnURI.host(of: uri) == host)
    }

    @Test func notTurn() {
        #expect(TurnURI.host(of: "stun:fr-turn8.xirsys.com") == nil)
        #expect(TurnURI.host(of: "turn:") == nil)
        #expect(TurnURI.host(of: "returned: x") == nil)
    }

    @Test func hostsInFreeText() {
        let text = "Fetched: turn:fr-turn8.xirsys.com:80?transport=udp, turns:fr-turn8.xirsys.com:443, turn:b.example."
        let hosts = Array(text.utf8).withUnsafeBytes { TurnURI.hosts(in: $0) }
        #expect(hosts == ["fr-turn8.xirsys.com", "b.example"])
    }

    /// A host named `turn` is not the scheme of a second URI (`turn:turn:3478` names one host, `turn`).
    @Test func hostNamedTurnIsNotASecondURI() {
        let hosts = Array("turn:turn:3478 turns:TURN:5349".utf8).withUnsafeBytes { TurnURI.hosts(in: $0) }
        #expect(hosts == ["turn"])
    }

    /// Past the first eight hosts (remembered by byte range) repeats are still dropped, in order of appearance.
    @Test func manyHostsKeepOrderWithoutRepeats() {
        let names = (1...12).map { "fr-turn\($0).xirsys.com" }
        let text = (names + names.reversed()).map { "turn:\($0.uppercased()):80" }.joined(separator: ", ")
        let hosts = Array(text.utf8).withUnsafeBytes { TurnURI.hosts(in: $0) }
        #expect(hosts == names)
    }

    /// The colon-driven scan finds exactly what trying every byte position finds, on hostile mixes of URI pieces.
    @Test func colonScanEqualsBytewiseScan() {
        let pieces = [
            "turn:", "turns:", "TURN:", "tUrNs:", "stun:", "returned:", "turn://", "user:pw@", "@", "a.b",
            "fr-turn8.xirsys.com", "FR-TURN8.XIRSYS.COM", ":80", "?transport=udp", "[2001:db8::1]", "[", "]", "turn",
            "s", ":", " ", ",", ".", "\"", "x", "-", "turn:turn", "é",
        ]
        for text in Self.mixes(of: pieces, seed: 0x9E37_79B9_7F4A_7C15) {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBytes { TurnURI.hosts(in: $0) }
            let slow = bytes.withUnsafeBytes { raw in
                var hosts: [String] = []
                for (_, start, end) in Self.bytewiseURIs(in: raw) {
                    let host = String(decoding: raw[start..<end].map(ASCII.lower), as: UTF8.self)
                    if !hosts.contains(host) { hosts.append(host) }
                }
                return hosts
            }
            #expect(fast == slow, "\(text)")
        }
    }

    /// `firstURI` keeps scheme, host, port and the transport parameter only; it must equal the reference below,
    /// written with whole-array operations.
    @Test func firstURIKeepsOnlyHostPortAndTransport() {
        let pieces = [
            "turn:", "turns:", "TURN:", "user:pw@", "fr-turn8.xirsys.com", "FR-Turn7.Xirsys.com", ":80", ":",
            "?transport=udp", "&x=1", ".", " ", "[2001:db8::1]", "a", String(repeating: "b", count: 120), "é",
            "?credential=S3CRET", "&password=pw", "&TRANSPORT=TCP", "?", "=", "123456",
        ]
        for text in Self.mixes(of: pieces, seed: 0x2545_F491_4F6C_DD1D) {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBytes { TurnURI.firstURI(in: $0) }
            let slow = bytes.withUnsafeBytes { Self.appendedFirstURI(in: $0) }
            #expect(fast == slow, "\(text)")
        }
    }

    /// Regression: `icelens events` printed `url` with its query as logged, credentials included
    /// (`?transport=udp&credential=…`).
    @Test func credentialInAURLQueryNeverReachesTheURL() {
        for text in [
            "turn:fr-turn8.xirsys.com:3478?transport=udp&credential=QSECRET&username=QUSER",
            "turns:u:p@fr-turn8.xirsys.com:443?password=QSECRET&transport=tcp",
            "relay via turn:fr-turn8.xirsys.com:80?secret=QSECRET",
        ] {
            let uri = Array(text.utf8).withUnsafeBytes { TurnURI.firstURI(in: $0) } ?? ""
            #expect(uri.hasPrefix("turn") && uri.contains("fr-turn8.xirsys.com"))
            #expect(!uri.contains("QSECRET") && !uri.contains("QUSER") && !uri.contains("u:p"), "\(uri)")
        }
        #expect(
            Array("turn:fr-turn8.xirsys.com:3478?transport=udp&credential=x".utf8).withUnsafeBytes {
                TurnURI.firstURI(in: $0)
            } == "turn:fr-turn8.xirsys.com:3478?transport=udp")
    }

    /// `count` texts of 1-16 pieces each, drawn by a fixed-seed generator.
    static func mixes(of pieces: [String], seed: UInt64, count: Int = 3_000) -> [String] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        return (0..<count).map { _ in
            (0..<(Int(next() >> 60) + 1)).map { _ in pieces[Int(next() >> 33) % pieces.count] }.joined()
        }
    }

    /// The reference scan: try a URI at every byte position, left to right, resuming after each host; the scheme's
    /// start and the host's range of each.
    static func bytewiseURIs(in bytes: UnsafeRawBufferPointer) -> [(scheme: Int, start: Int, end: Int)] {
        var found: [(scheme: Int, start: Int, end: Int)] = []
        var i = 0
        var run = TurnURI.AuthorityRun()
        while i + 5 <= bytes.count {
            let previous = i == 0 ? UInt8(0x20) : ASCII.lower(bytes[i - 1])
            let schemeByte =
                ASCII.isDigit(previous) || (previous &- 0x61) < 26 || previous == 0x2D || previous == 0x2B
            if !schemeByte, let (start, end) = TurnURI.hostRange(in: bytes, at: i, run: &run) {
                found.append((i, start, end))
                i = end
                continue
            }
            i += 1
        }
        return found
    }

    /// The reference `firstURI`: the first URI of the reference scan, appended byte by byte.
    static func appendedFirstURI(in bytes: UnsafeRawBufferPointer) -> String? {
        guard let (i, start, end) = bytewiseURIs(in: bytes).first else { return nil }
        var out = Array((ASCII.lower(bytes[i + 4]) == 0x73 ? "turns:" : "turn:").utf8)
        out += bytes[start..<end].map(ASCII.lower)
        var rest = ArraySlice(bytes[end...])
        if rest.first == 0x3A {
            let digits = rest.dropFirst().prefix(5).prefix(while: ASCII.isDigit)
            if !digits.isEmpty {
                out += [0x3A] + digits
                rest = rest.dropFirst(1 + digits.count)
            }
        }
        if rest.first == 0x3F {
            let allowed = Set(Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=&.-_%+/".utf8))
            let query = rest.dropFirst().prefix(255).prefix(while: { allowed.contains($0) })
            for param in query.split(separator: 0x26, omittingEmptySubsequences: false) {
                let lower = param.map(ASCII.lower)
                let key = Array("transport=".utf8)
                let value = lower.dropFirst(key.count)
                if lower.starts(with: key), !value.isEmpty, value.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) {
                    out += Array("?transport=".utf8) + value
                    break
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

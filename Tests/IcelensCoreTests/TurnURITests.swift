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
}

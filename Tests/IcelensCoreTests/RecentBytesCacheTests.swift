import Testing

@testable import IcelensCore

/// The cache of recent byte strings must give what its function gives (the rules' verdict, the TURN hosts of a
/// server list), for repeats, evictions, near misses (one byte changed anywhere, one byte longer) and the length
/// limits.
@Suite struct RecentBytesCacheTests {
    static let sentences = [
        "iceConnectionState changed: checking", "iceConnectionState changed: connected",
        "iceConnectionState changed: failed", "ICE connection state changed to checking",
        "Applying ICE servers: turn:fr-turn9.xirsys.com:80?transport=udp, turns:fr-turn9.xirsys.com:443",
        "Fetched ICE servers from API: turn:fr-turn8.xirsys.com:80?transport=udp",
        "Using cached ICE servers (age 12s)", "Selected candidate pair: relay via turn:fr-turn7.xirsys.com:3478",
        "peer joined", "peer left", "nothing to see here", "", "x",
    ]

    @Test func cachedVerdictsAreTheRulesVerdicts() {
        let rules = RuleSet.standard
        let cache = RecentBytesCache<RuleSet.Match?>()
        var rng = SplitMix64(seed: 9)
        for round in 0..<20_000 {
            var bytes = Array(Self.sentences.randomElement(using: &rng)!.utf8)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0 where !bytes.isEmpty:  // one byte changed anywhere
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0x20...0x7E, using: &rng)
            case 1:  // one byte longer
                bytes.append(0x21)
            case 2:  // around the length limit
                bytes =
                    [UInt8](repeating: 0x61, count: RecentBytesCache<RuleSet.Match?>.maxBytes - 40)
                    + Array("peer left".utf8)
                bytes += [UInt8](repeating: 0x62, count: Int.random(in: 28...34, using: &rng))
            default:
                break
            }
            if round % 97 == 0 {  // many distinct messages: evictions
                bytes += Array("\(round)".utf8)
            }
            let expected = bytes.withUnsafeBytes { rules.classify($0) }
            let got = bytes.withUnsafeBytes { cache.value(for: $0, make: rules.classify) }
            #expect(got == expected, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test func cachedHostsAreTheScannedHosts() {
        let cache = RecentBytesCache<[String]>()
        var rng = SplitMix64(seed: 4)
        let lists = [
            "turn:fr-turn9.xirsys.com:80?transport=udp, turns:fr-turn9.xirsys.com:443?transport=tcp",
            "turn:fr-turn8.xirsys.com:80?transport=udp, turns:fr-turn7.xirsys.com:443?transport=tcp",
            "[\"turn:a.example:3478\",\"stun:b.example\"]", "no servers here", "turn:x",
        ]
        for round in 0..<5_000 {
            var bytes = Array(lists.randomElement(using: &rng)!.utf8)
            if Bool.random(using: &rng), !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0x20...0x7E, using: &rng)
            }
            if round % 13 == 0 { bytes += Array(", turn:h\(round).example:3478".utf8) }
            let expected = bytes.withUnsafeBytes { TurnURI.hosts(in: $0) }
            #expect(bytes.withUnsafeBytes { cache.value(for: $0, make: TurnURI.hosts) } == expected)
        }
    }

    /// A classifier that has seen a sentence before (its verdict and ICE state word come from its cache) says what a
    /// fresh classifier says, line after line, repeats and near repeats mixed.
    @Test func aClassifierWithACacheSaysWhatAFreshOneSays() {
        let messages = [
            "iceConnectionState changed: checking", "iceConnectionState changed: connected",
            "iceConnectionState changed: failed", "ICE connection state changed to disconnected",
            "iceConnectionState changed: checking -> connected", "iceConnectionState changed: nothing",
            "Applying ICE servers: turn:fr-turn9.xirsys.com:80?transport=udp", "Using cached ICE servers",
            "Selected candidate pair: relay via turn:fr-turn7.xirsys.com:3478", "peer joined",
        ]
        var kept = LineClassifier()
        var rng = SplitMix64(seed: 17)
        for n in 0..<3_000 {
            let text =
                "2026-03-02T10:00:\(String(n % 50 + 10))Z [attendee] [tour:t-\(n % 7)] [peer:a-\(n % 5)] "
                + messages.randomElement(using: &rng)!
            let line = Array(text.utf8)
            let source = SourceLocation(input: 0, line: n + 1)
            var fresh = LineClassifier()
            let expected = line.withUnsafeBytes { fresh.classify($0, source: source, serverInput: false) }
            let got = line.withUnsafeBytes { kept.classify($0, source: source, serverInput: false) }
            #expect(got == expected, "\(text)")
        }
    }

    @Test func aCopiedClassifierClassifiesAlike() {
        var one = LineClassifier()
        let line = Array(
            "2026-03-02T10:00:00Z [attendee] [tour:t-1] [peer:a-1] iceConnectionState changed: checking".utf8)
        let first = line.withUnsafeBytes {
            one.classify($0, source: SourceLocation(input: 0, line: 1), serverInput: false)
        }
        var two = one
        let again = line.withUnsafeBytes {
            two.classify($0, source: SourceLocation(input: 0, line: 1), serverInput: false)
        }
        let third = line.withUnsafeBytes {
            one.classify($0, source: SourceLocation(input: 0, line: 1), serverInput: false)
        }
        #expect(first == again)
        #expect(first == third)
        guard case .event(let event) = first else {
            Issue.record("not an event: \(first)")
            return
        }
        #expect(event.kind == .iceState)
        #expect(event.state == .checking)
    }
}

import Testing

@testable import IcelensCore

/// Field names map to slots (SPEC aliases, any case): every alias must be found, and a name differing from one in
/// a single byte must not be (a faster lookup must keep both; a switch on length and two bytes was tried and was
/// slower than the length switch with comparisons).
@Suite struct FieldSlotTests {
    static let aliases: [(String, FieldSlot)] = [
        ("ts", .time), ("time", .time), ("date", .time), ("timestamp", .time), ("@timestamp", .time),
        ("tour", .tour), ("room", .tour), ("tourid", .tour), ("roomid", .tour), ("tour_id", .tour), ("room_id", .tour),
        ("role", .role),
        ("peer", .peer), ("peerid", .peer), ("userid", .peer), ("peer_id", .peer), ("user_id", .peer),
        ("clientid", .peer), ("participantid", .peer),
        ("remote", .remote), ("target", .remote), ("remotepeer", .remote), ("remote_peer", .remote),
        ("event", .event), ("evt", .event), ("type", .event),
        ("msg", .message), ("message", .message),
        ("state", .state), ("iceconnectionstate", .state),
        ("cache", .cache),
        ("servers", .servers), ("iceservers", .servers), ("ice_servers", .servers),
        ("instance", .instance),
        ("candidatetype", .candidateType), ("candidate_type", .candidateType),
        ("url", .url), ("from", .from), ("to", .to), ("hostname", .hostname), ("pid", .pid),
    ]

    func lookup(_ name: String, labelKey: [UInt8]? = nil) -> FieldSlot? {
        Array(name.utf8).withUnsafeBytes { FieldSlot.lookup($0, labelKey: labelKey) }
    }

    @Test func everyAliasInAnyCase() {
        for (name, slot) in Self.aliases {
            #expect(lookup(name) == slot, "\(name)")
            #expect(lookup(name.uppercased()) == slot, "\(name)")
            let mixed = String(
                name.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element })
            #expect(lookup(mixed) == slot, "\(mixed)")
        }
    }

    /// Changing any one byte, dropping the last or adding one gives no slot (unless that is another alias).
    @Test func nearMissesAreNotFields() {
        let names = Set(Self.aliases.map(\.0))
        for (name, _) in Self.aliases {
            var variants = [String(name.dropLast()), name + "s", name + "_", "x" + name]
            for i in 0..<name.count {
                var bytes = Array(name.utf8)
                bytes[i] = bytes[i] == 0x7A ? 0x79 : bytes[i] + 1
                variants.append(String(decoding: bytes, as: UTF8.self))
            }
            for v in variants where !names.contains(v.lowercased()) {
                #expect(lookup(v) == nil, "\(v)")
            }
        }
        #expect(lookup("") == nil)
        #expect(lookup("t") == nil)
        #expect(lookup(String(repeating: "x", count: 40)) == nil)
    }

    /// The split-by field wins over an alias of the same name.
    @Test func labelKeyFirst() {
        #expect(lookup("appVersion", labelKey: Array("appversion".utf8)) == .label)
        #expect(lookup("tour", labelKey: Array("tour".utf8)) == .label)
        #expect(lookup("tour", labelKey: Array("room".utf8)) == .tour)
    }
}

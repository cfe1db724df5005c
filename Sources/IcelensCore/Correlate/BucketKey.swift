/// Who wrote a group of stored events: the effective role (0 none, 1 guide, 2 attendee, 3 server), the writing
/// peer and the remote peer it names (`StringTable` indices, 0 = none).
struct BucketKey: Hashable, Sendable {
    /// 0 none, 1 guide, 2 attendee, 3 server.
    var role: UInt8
    /// The writing peer (for server lines: the caller; for `turn.config.relayed`: `from`).
    var peer: UInt32
    /// The remote peer (for `turn.config.relayed`: `to`).
    var remote: UInt32

    /// One word into the hasher instead of three (a lookup per event): the hash need not be injective, only equal
    /// for equal keys.
    @inline(__always) func hash(into hasher: inout Hasher) {
        hasher.combine(UInt64(peer) | UInt64(remote) << 32 ^ UInt64(role) << 29)
    }

    /// The role code of `role`.
    static func code(_ role: Role?) -> UInt8 {
        switch role {
        case nil: return 0
        case .guide: return 1
        case .attendee: return 2
        case .server: return 3
        }
    }
}

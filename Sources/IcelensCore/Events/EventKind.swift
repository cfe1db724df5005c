/// The vocabulary of connectivity events that SPEC.md defines; one recognised line becomes at most one of these.
public enum EventKind: String, CaseIterable, Sendable, Codable, Hashable {
    case turnFetch = "turn.fetch"
    case turnConfigSent = "turn.config.sent"
    case turnConfigRelayed = "turn.config.relayed"
    case turnConfigStored = "turn.config.stored"
    case turnConfigPolled = "turn.config.polled"
    case turnConfigReceived = "turn.config.received"
    case turnFallback = "turn.fallback"
    case iceServers = "ice.servers"
    case iceState = "ice.state"
    case iceTimeout = "ice.timeout"
    case iceRestart = "ice.restart"
    case iceSelected = "ice.selected"
    case peerJoin = "peer.join"
    case peerLeave = "peer.leave"

    /// Looks an event name up case-insensitively from raw bytes (`ice.state`, `ICE.STATE`), without making a String:
    /// by length, then one or two comparisons (a walk over every name with its byte array cost a retain and a
    /// release a name, ~260 instructions a line). `EventKindTests` checks every name and near misses.
    public init?(bytes: UnsafeRawBufferPointer) {
        switch bytes.count {
        case 9:
            if ASCII.equalsLower(bytes, "ice.state") { self = .iceState; return }
            if ASCII.equalsLower(bytes, "peer.join") { self = .peerJoin; return }
        case 10:
            if ASCII.equalsLower(bytes, "turn.fetch") { self = .turnFetch; return }
            if ASCII.equalsLower(bytes, "peer.leave") { self = .peerLeave; return }
        case 11:
            if ASCII.equalsLower(bytes, "ice.servers") { self = .iceServers; return }
            if ASCII.equalsLower(bytes, "ice.timeout") { self = .iceTimeout; return }
            if ASCII.equalsLower(bytes, "ice.restart") { self = .iceRestart; return }
        case 12:
            if ASCII.equalsLower(bytes, "ice.selected") { self = .iceSelected; return }
        case 13:
            if ASCII.equalsLower(bytes, "turn.fallback") { self = .turnFallback; return }
        case 16:
            if ASCII.equalsLower(bytes, "turn.config.sent") { self = .turnConfigSent; return }
        case 18:
            if ASCII.equalsLower(bytes, "turn.config.stored") { self = .turnConfigStored; return }
            if ASCII.equalsLower(bytes, "turn.config.polled") { self = .turnConfigPolled; return }
        case 19:
            if ASCII.equalsLower(bytes, "turn.config.relayed") { self = .turnConfigRelayed; return }
        case 20:
            if ASCII.equalsLower(bytes, "turn.config.received") { self = .turnConfigReceived; return }
        default:
            break
        }
        return nil
    }
}

/// Which side of a tour wrote a line.
public enum Role: String, Sendable, Codable, Hashable, CaseIterable {
    case guide, attendee, server

    /// Maps the SPEC's role words and aliases (`host`, `presenter`, `viewer`, ...) case-insensitively.
    public init?(word: UnsafeRawBufferPointer) {
        switch word.count {
        case 4 where ASCII.equalsLower(word, "host"): self = .guide
        case 5 where ASCII.equalsLower(word, "guide"): self = .guide
        case 6 where ASCII.equalsLower(word, "server"): self = .server
        case 6 where ASCII.equalsLower(word, "viewer"): self = .attendee
        case 8 where ASCII.equalsLower(word, "attendee"): self = .attendee
        case 8 where ASCII.equalsLower(word, "listener"): self = .attendee
        case 9 where ASCII.equalsLower(word, "presenter"): self = .guide
        case 11 where ASCII.equalsLower(word, "participant"): self = .attendee
        default: return nil
        }
    }
}

/// Whether a line was written by a browser or by a server process (SPEC "Origin of a line").
public enum Origin: String, Sendable, Codable, Hashable {
    case browser, server
}

/// An `iceConnectionState` value.
public enum IceState: String, Sendable, Codable, Hashable, CaseIterable {
    case new, checking, connected, completed, failed, disconnected, closed

    /// Finds the state word case-insensitively in raw bytes.
    public init?(word: UnsafeRawBufferPointer) {
        switch word.count {
        case 3 where ASCII.equalsLower(word, "new"): self = .new
        case 6 where ASCII.equalsLower(word, "failed"): self = .failed
        case 6 where ASCII.equalsLower(word, "closed"): self = .closed
        case 8 where ASCII.equalsLower(word, "checking"): self = .checking
        case 9 where ASCII.equalsLower(word, "connected"): self = .connected
        case 9 where ASCII.equalsLower(word, "completed"): self = .completed
        case 12 where ASCII.equalsLower(word, "disconnected"): self = .disconnected
        default: return nil
        }
    }
}

/// Whether a `turn.fetch` reached the Xirsys API (`miss`) or was served from a cache (`hit`).
public enum CacheResult: String, Sendable, Codable, Hashable {
    case hit, miss
}

/// The candidate type of a selected ICE candidate pair.
public enum CandidateType: String, Sendable, Codable, Hashable, CaseIterable {
    case relay, srflx, prflx, host
}

/// The fields icelens reads from a line, whatever the format; each SPEC alias maps to one slot.
public enum FieldSlot: Int, CaseIterable, Sendable {
    case time, tour, role, peer, remote, event, message, state, cache, servers, instance, candidateType, url
    case from, to, hostname, pid, label, origin

    /// Number of slots.
    public static let count = FieldSlot.allCases.count

    /// Maps a field name (case-insensitive, SPEC aliases) to its slot; nil for names icelens ignores.
    /// `labelKey` is the lower-cased name of the run's split-by field, if any.
    @inline(__always)
    public static func lookup(_ key: UnsafeRawBufferPointer, labelKey: [UInt8]? = nil) -> FieldSlot? {
        if let labelKey, key.count == labelKey.count, ASCII.equalsLower(key, labelKey) { return .label }
        switch key.count {
        case 2:
            if ASCII.equalsLower(key, "ts") { return .time }
            if ASCII.equalsLower(key, "to") { return .to }
        case 3:
            if ASCII.equalsLower(key, "msg") { return .message }
            if ASCII.equalsLower(key, "evt") { return .event }
            if ASCII.equalsLower(key, "pid") { return .pid }
            if ASCII.equalsLower(key, "url") { return .url }
        case 4:
            switch ASCII.lower(key[0]) {
            case 0x74 /* t */:
                if ASCII.equalsLower(key, "time") { return .time }
                if ASCII.equalsLower(key, "tour") { return .tour }
                if ASCII.equalsLower(key, "type") { return .event }
            case 0x64: if ASCII.equalsLower(key, "date") { return .time }
            case 0x72:
                if ASCII.equalsLower(key, "role") { return .role }
                if ASCII.equalsLower(key, "room") { return .tour }
            case 0x70: if ASCII.equalsLower(key, "peer") { return .peer }
            case 0x66: if ASCII.equalsLower(key, "from") { return .from }
            default: break
            }
        case 5:
            if ASCII.equalsLower(key, "event") { return .event }
            if ASCII.equalsLower(key, "state") { return .state }
            if ASCII.equalsLower(key, "cache") { return .cache }
        case 6:
            if ASCII.equalsLower(key, "tourid") { return .tour }
            if ASCII.equalsLower(key, "roomid") { return .tour }
            if ASCII.equalsLower(key, "peerid") { return .peer }
            if ASCII.equalsLower(key, "userid") { return .peer }
            if ASCII.equalsLower(key, "remote") { return .remote }
            if ASCII.equalsLower(key, "target") { return .remote }
            if ASCII.equalsLower(key, "origin") { return .origin }
        case 7:
            if ASCII.equalsLower(key, "message") { return .message }
            if ASCII.equalsLower(key, "tour_id") { return .tour }
            if ASCII.equalsLower(key, "room_id") { return .tour }
            if ASCII.equalsLower(key, "peer_id") { return .peer }
            if ASCII.equalsLower(key, "user_id") { return .peer }
            if ASCII.equalsLower(key, "servers") { return .servers }
        case 8:
            if ASCII.equalsLower(key, "clientid") { return .peer }
            if ASCII.equalsLower(key, "instance") { return .instance }
            if ASCII.equalsLower(key, "hostname") { return .hostname }
        case 9:
            if ASCII.equalsLower(key, "timestamp") { return .time }
        case 10:
            if ASCII.equalsLower(key, "@timestamp") { return .time }
            if ASCII.equalsLower(key, "remotepeer") { return .remote }
            if ASCII.equalsLower(key, "iceservers") { return .servers }
        case 11:
            if ASCII.equalsLower(key, "remote_peer") { return .remote }
            if ASCII.equalsLower(key, "ice_servers") { return .servers }
        case 13:
            if ASCII.equalsLower(key, "participantid") { return .peer }
            if ASCII.equalsLower(key, "candidatetype") { return .candidateType }
        case 14:
            if ASCII.equalsLower(key, "candidate_type") { return .candidateType }
        case 18:
            if ASCII.equalsLower(key, "iceconnectionstate") { return .state }
        default: break
        }
        return nil
    }

    /// True for the names of objects whose fields count as the line's own (SPEC: one level of nesting).
    @inline(__always)
    public static func isContainer(_ key: UnsafeRawBufferPointer) -> Bool {
        switch key.count {
        case 4: return ASCII.equalsLower(key, "meta")
        case 6: return ASCII.equalsLower(key, "fields") || ASCII.equalsLower(key, "labels")
        case 7: return ASCII.equalsLower(key, "context")
        case 10: return ASCII.equalsLower(key, "attributes")
        default: return false
        }
    }
}

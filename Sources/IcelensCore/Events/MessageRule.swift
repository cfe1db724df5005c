/// One free-text classification rule: a line's message names `kind` when, for every group, it contains at least
/// one of the group's phrases, and it contains none of the excluded phrases. Case-insensitive; `-` and `_` match
/// a space.
public struct MessageRule: Sendable, Equatable {
    /// The event the rule recognises.
    public var kind: EventKind
    /// For `turn.fetch`: what the rule says about the cache (`Using cached ICE servers` is a hit).
    public var cache: CacheResult?
    /// Phrase groups; each must match (any phrase of it).
    public var groups: [[String]]
    /// Phrases that must not occur.
    public var excluded: [String]
    /// The origin the wording itself proves, whatever the input: the server's `xirsys api call` line is written
    /// by the server even when it arrives through a pipe with browser logs.
    public var origin: Origin?

    /// Makes a rule.
    public init(
        _ kind: EventKind, cache: CacheResult? = nil, origin: Origin? = nil, _ groups: [[String]],
        not excluded: [String] = []
    ) {
        self.kind = kind
        self.cache = cache
        self.origin = origin
        self.groups = groups
        self.excluded = excluded
    }
}

/// An error in a user's rules file, with the line that caused it and how to fix it.
public struct RulesFileError: Error, CustomStringConvertible, Equatable {
    /// 1-based line of the rules file.
    public var line: Int
    /// What is wrong.
    public var problem: String
    /// The rules file's path, when the rules came from a file.
    public var file: String?

    /// Makes an error for `line` of the rules (of `file`, when known).
    public init(line: Int, problem: String, file: String? = nil) {
        self.line = line
        self.problem = problem
        self.file = file
    }

    public var description: String {
        let at = line > 0 ? " line \(line)" : ""
        return "rules file\(file.map { " '\(UntrustedText.forTerminal($0))'" } ?? "")\(at): \(problem)"
    }
}

extension MessageRule {
    /// The built-in rules, in the order they are tried. They recognise every specimen line of SPEC.md and common
    /// rewordings; see docs/formats.md.
    public static let defaults: [MessageRule] = [
        // A browser's ICE candidate error names the STUN/TURN server that side tried, as does a client library's
        // "Sending TURN allocate request to ICE server turn:HOST": read as the server list that side used.
        MessageRule(
            .iceServers,
            [["icecandidateerror", "candidate error", "allocate request to ice server", "sending turn allocate"]]),
        MessageRule(.turnConfigPolled, [["ice server", "iceserver", "server config"], ["poll"]]),
        MessageRule(.turnFallback, [["falling back", "fall back", "fallback", "fell back"]]),
        MessageRule(
            .iceTimeout, [["timeout", "timed out", "time out"], ["ice", "connection", "webrtc", "peer"]],
            not: ["xirsys", "api", "fetch"]),
        MessageRule(.iceRestart, [["restart"], ["ice"]]),
        MessageRule(
            .iceSelected,
            [
                [
                    "selected candidate", "candidate pair selected", "selected pair", "selected local candidate",
                    "nominated pair", "nominated candidate",
                ]
            ]),
        MessageRule(
            .iceState,
            [
                [
                    "iceconnectionstate", "ice connection state", "ice state", "iceconnection state",
                    "ice connectionstate", "ice failed",
                ]
            ]),
        MessageRule(
            .turnConfigRelayed,
            [
                ["ice server config", "iceserverconfig", "ice config", "server config"],
                ["relayed", "relaying", "forwarded", "forwarding", "routed", "routing"],
            ]),
        MessageRule(
            .turnConfigReceived,
            [
                ["ice server config", "iceserverconfig", "ice config", "server config"],
                ["received", "receiving", "got ", "arrived"],
            ]),
        MessageRule(
            .turnConfigSent,
            [
                ["ice server config", "iceserverconfig", "ice config", "server config"],
                ["sent", "sending", "send ", "broadcast", "shared", "sharing"],
            ]),
        MessageRule(.turnConfigStored, [["ice servers:"], ["set", "stor", "sav", "writ", "put"]]),
        MessageRule(
            .turnFetch, cache: .hit,
            [["cached ice servers", "ice servers from cache", "cached turn", "cached xirsys", "cache hit"]]),
        // The server's record of a Xirsys API call (SPEC's server specimen): server-side wherever it is read from.
        MessageRule(.turnFetch, cache: .miss, origin: .server, [["xirsys api call", "xirsys api request"]]),
        MessageRule(
            .turnFetch, cache: .miss,
            [
                [
                    "fetched ice servers", "fetching ice servers", "fetch ice servers", "ice servers from api",
                    "ice servers from xirsys", "requested ice servers", "got ice servers",
                ]
            ]),
        MessageRule(
            .iceServers,
            [
                [
                    "applying ice servers", "applied ice servers", "apply ice servers", "setting ice servers",
                    "set ice servers", "using ice servers", "configuring ice servers", "iceservers:",
                ]
            ]),
        MessageRule(.peerJoin, [["joined", "joining", "join"], ["tour", "room"]], not: ["left", "leav"]),
        MessageRule(.peerLeave, [["left", "leaving", "leave"], ["tour", "room"]]),
    ]

    /// Parses a rules file. Each non-blank line not starting with `#` is
    /// `EVENT[:hit|:miss][@server]  phrase|phrase & phrase & !excluded|excluded`: every `&`-separated group
    /// must match one of its `|`-separated phrases, and a group starting with `!` lists phrases that must not occur;
    /// `@server` marks lines of that wording as written by a server wherever they are read from.
    public static func parseRules(_ text: String) throws -> [MessageRule] {
        var rules: [MessageRule] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let number = offset + 1
            let head = line.prefix { $0 != " " && $0 != "\t" }
            let body = line.dropFirst(head.count).trimmingCharacters(in: " \t")
            var origin: Origin?
            var name = Substring(head)
            if let at = name.firstIndex(of: "@") {
                guard let o = Origin(rawValue: name[name.index(after: at)...].lowercased()), o == .server else {
                    throw RulesFileError(
                        line: number, problem: "after '@' only 'server' may follow (lines worded so are server-side)")
                }
                origin = o
                name = name[..<at]
            }
            let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
            guard let kind = EventKind(rawValue: parts[0].lowercased()) else {
                let known = EventKind.allCases.map(\.rawValue).joined(separator: ", ")
                throw RulesFileError(line: number, problem: "unknown event '\(parts[0])'; use one of \(known)")
            }
            var cache: CacheResult?
            if parts.count == 2 {
                guard kind == .turnFetch, let c = CacheResult(rawValue: parts[1].lowercased()) else {
                    throw RulesFileError(line: number, problem: "only turn.fetch takes :hit or :miss")
                }
                cache = c
            }
            var groups: [[String]] = []
            var excluded: [String] = []
            for group in body.split(separator: "&") {
                var g = group.trimmingCharacters(in: " \t")
                let negated = g.hasPrefix("!")
                if negated { g = String(g.dropFirst()) }
                let phrases = g.split(separator: "|").map { $0.trimmingCharacters(in: " \t") }.filter { !$0.isEmpty }
                guard !phrases.isEmpty else { throw RulesFileError(line: number, problem: "empty phrase group") }
                if negated { excluded += phrases } else { groups.append(phrases) }
            }
            guard !groups.isEmpty else {
                throw RulesFileError(
                    line: number, problem: "a rule needs at least one phrase, e.g. 'ice.restart restart & ice'")
            }
            rules.append(MessageRule(kind, cache: cache, origin: origin, groups, not: excluded))
        }
        return rules
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let chars = Set(set)
        var s = self[...]
        while let f = s.first, chars.contains(f) { s = s.dropFirst() }
        while let l = s.last, chars.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String { self[...].trimmingCharacters(in: set) }
}

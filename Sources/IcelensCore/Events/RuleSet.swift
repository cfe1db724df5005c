/// The compiled free-text rules of a run: user rules first (so they override), then the defaults, matched with
/// one `PhraseMatcher` pass over the message.
public struct RuleSet: Sendable {
    struct Compiled: Sendable {
        var kind: EventKind
        var cache: CacheResult?
        var origin: Origin?
        var groups: [PhraseMatcher.PhraseSet]
        var excluded: PhraseMatcher.PhraseSet
    }

    /// The compiled parts, behind one reference: a RuleSet is copied wherever a classifier or a closure holds it,
    /// and a copy of five arrays and tables was five retains and five releases (~450 instructions a message).
    private final class Parts: Sendable {
        let matcher: PhraseMatcher
        let compiled: [Compiled]
        let rules: [MessageRule]

        init(matcher: PhraseMatcher, compiled: [Compiled], rules: [MessageRule]) {
            self.matcher = matcher
            self.compiled = compiled
            self.rules = rules
        }
    }

    private let parts: Parts
    var matcher: PhraseMatcher { parts.matcher }
    var compiled: [Compiled] { parts.compiled }
    /// The rules, in the order they are tried.
    public var rules: [MessageRule] { parts.rules }

    /// The built-in rules only.
    public static let standard = try! RuleSet(userRules: [])

    /// Compiles `userRules` ahead of the defaults. Throws when the phrases exceed the matcher's capacity.
    public init(userRules: [MessageRule]) throws {
        let rules = userRules + MessageRule.defaults
        var phrases: [String] = []
        var index: [String: Int] = [:]
        func id(_ p: String) -> Int {
            let key = String(decoding: Array(p.utf8).map(PhraseMatcher.fold), as: UTF8.self)
            if let i = index[key] { return i }
            phrases.append(key)
            index[key] = phrases.count - 1
            return phrases.count - 1
        }
        var compiled: [Compiled] = []
        for rule in rules {
            var groups: [PhraseMatcher.PhraseSet] = []
            for group in rule.groups {
                var set = PhraseMatcher.PhraseSet()
                for p in group { set.insert(id(p)) }
                groups.append(set)
            }
            var excluded = PhraseMatcher.PhraseSet()
            for p in rule.excluded { excluded.insert(id(p)) }
            compiled.append(
                Compiled(kind: rule.kind, cache: rule.cache, origin: rule.origin, groups: groups, excluded: excluded))
        }
        guard phrases.count <= PhraseMatcher.capacity else {
            throw RulesFileError(
                line: 0,
                problem: "rules use \(phrases.count) distinct phrases; at most \(PhraseMatcher.capacity) fit")
        }
        self.parts = Parts(matcher: PhraseMatcher(phrases: phrases), compiled: compiled, rules: rules)
    }

    /// What the first rule matching `message` says, or nil.
    public struct Match: Sendable, Equatable {
        /// The event.
        public var kind: EventKind
        /// For `turn.fetch`: the cache result the wording says.
        public var cache: CacheResult?
        /// The origin the wording proves, if any.
        public var origin: Origin?
    }

    /// The first rule matching `message`, or nil.
    @inline(__always)
    public func classify(_ message: UnsafeRawBufferPointer) -> Match? {
        let parts = self.parts
        let found = parts.matcher.matches(in: message)
        if found.isEmpty { return nil }
        for rule in parts.compiled where !found.intersects(rule.excluded) {
            var all = true
            for g in rule.groups where !found.intersects(g) {
                all = false
                break
            }
            if all { return Match(kind: rule.kind, cache: rule.cache, origin: rule.origin) }
        }
        return nil
    }
}

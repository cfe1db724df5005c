import Testing

@testable import IcelensCore

@Suite struct PhraseMatcherTests {
    /// The obvious slow version: fold both sides and search each phrase.
    func oracle(_ phrases: [String], _ text: String) -> Set<Int> {
        let t = Array(text.utf8).map(PhraseMatcher.fold)
        var found = Set<Int>()
        for (i, p) in phrases.enumerated() {
            let q = Array(p.utf8).map(PhraseMatcher.fold)
            if q.count <= t.count, (0...(t.count - q.count)).contains(where: { Array(t[$0..<($0 + q.count)]) == q }) {
                found.insert(i)
            }
        }
        return found
    }

    @Test func matchesLikeTheOracle() {
        let phrases = [
            "ice", "ice server", "server config", "he", "she", "hers", "his", "ice-server-config", "a_b",
            "serverconfig ice server config",
        ]
        let matcher = PhraseMatcher(phrases: phrases)
        var rng = SplitMix64(seed: 3)
        let alphabet = Array("iceservrconfighas_- ".utf8)
        for i in 0..<2000 {
            let n = Int(rng.next() % (i % 2 == 0 ? 40 : 400))
            let text = String(
                decoding: (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }, as: UTF8.self)
            let got = Array(text.utf8).withUnsafeBytes { matcher.matches(in: $0) }
            let want = oracle(phrases, text)
            for i in 0..<phrases.count {
                var one = PhraseMatcher.PhraseSet()
                one.insert(i)
                #expect(got.intersects(one) == want.contains(i), "\(phrases[i]) in '\(text)'")
            }
        }
    }

    @Test func caseAndSeparatorsFold() {
        let m = PhraseMatcher(phrases: ["ice server config"])
        for text in ["Sent ICE-Server-Config", "ice_server_config", "ICE SERVER CONFIG!"] {
            #expect(!Array(text.utf8).withUnsafeBytes { m.matches(in: $0) }.isEmpty)
        }
        #expect(Array("iceserverconfig".utf8).withUnsafeBytes { m.matches(in: $0) }.isEmpty)
    }
}

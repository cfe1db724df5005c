import Foundation
import Testing

@testable import IcelensCore

@Suite struct EventJSONWriterTests {
    @Test func fixedKeyOrderAndValues() throws {
        let e = try #require(
            event(
                "2026-03-02T10:15:04.150Z [guide] [tour:t-8f3k2a] [peer:g-1] [remote:a-19] [WebRTC] iceConnectionState changed: connected"
            ))
        let line = EventJSONWriter(inputNames: ["guide.log.gz"]).line(for: e)
        #expect(
            line
                == #"{"ts":"2026-03-02T10:15:04.150Z","tour":"t-8f3k2a","role":"guide","peer":"g-1","remote":"a-19","event":"ice.state","origin":"browser","state":"connected","source":"guide.log.gz:1"}"#
        )
    }

    @Test func hostileValuesStayValidJSON() throws {
        var e = Event(kind: .iceRestart)
        e.tour = "t-\u{1B}[31mred\u{1B}[0m<script>alert(1)</script>\n\"=HYPERLINK(\"x\")\\\u{2028}"
        e.peer = "\u{0}\u{7F}"
        let line = EventJSONWriter(inputNames: ["a\nb"]).line(for: e)
        #expect(!line.contains("\u{1B}"))
        #expect(!line.contains("\n"))
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(object?["tour"] as? String == e.tour)
        #expect(object?["peer"] as? String == e.peer)
    }

    @Test func untrustedTextForTerminalHTMLAndCSV() {
        #expect(UntrustedText.forTerminal("a\u{1B}[2Jb\u{9B}c\u{202E}d") == "a?[2Jb?c?d")
        #expect(UntrustedText.forHTML("<script>&'\"") == "&lt;script&gt;&amp;&#39;&quot;")
        #expect(UntrustedText.forCSV("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(UntrustedText.forCSV("-1") == "'-1")
        #expect(UntrustedText.forCSV("plain") == "plain")
        #expect(UntrustedText.forCSV("  =1+1") == "'  =1+1")
    }
}

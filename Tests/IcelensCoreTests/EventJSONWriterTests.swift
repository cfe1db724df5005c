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

    /// The writer formats the date once a day and the time of day per event: every time, before and after day,
    /// year and epoch boundaries and far outside any log, must read as `UTCTimestamp.format` writes it, in any order.
    @Test func timestampsMatchTheFormatterAcrossDays() throws {
        let writer = EventJSONWriter(inputNames: ["x"])
        let times: [Int64] = [
            1_772_446_504_150, 1_772_446_504_150 + 86_400_000, 1_772_409_599_999, 1_772_409_600_000, 0, -1, -86_400_001,
            1_767_225_599_999, 1_767_225_600_000, 1_772_446_504_150, -62_135_596_800_001, 253_402_300_800_000,
            .min, .max, 951_782_400_000,
        ]
        for t in times {
            var e = Event(kind: .iceRestart)
            e.timeMs = t
            let line = writer.line(for: e)
            #expect(line.hasPrefix("{\"ts\":\"\(UTCTimestamp.format(ms: t))\","), "\(t)")
        }
    }

    @Test func manyServersAndLongValuesFitTheReservedRoom() throws {
        var e = Event(kind: .iceServers)
        e.servers = (0..<300).map { "fr-turn\($0).xirsys.com" }
        e.tour = String(repeating: "\u{1}", count: 5000)
        let line = EventJSONWriter(inputNames: [String(repeating: "\"", count: 3000)]).line(for: e)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect((object?["servers"] as? [String])?.count == 300)
        #expect(object?["tour"] as? String == e.tour)
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

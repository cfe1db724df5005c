import Foundation
import Testing

@testable import IcelensCore

/// `icelens timeline`: one tour's events, both sides, in log-time order whatever the order of the inputs, with each
/// attempt's start and verdict (both instances, the 30 s), clock changes marked; golden text and JSON.
@Suite struct TimelineTests {
    static func timeline(_ inputs: [InputSpec], tour: String = "t-before", peer: String? = nil) throws -> Timeline {
        try Analysis.timeline(LocatedInputs(inputs: inputs), tour: tour, peer: peer, settings: AnalysisSettings())
    }

    @Test func aMismatchedTimedOutTourInTimeOrder() throws {
        let timeline = try Self.timeline(Story.inputs)
        let reversed = try Self.timeline(Story.inputs.reversed())
        // The same entries, read from the inputs in the other order (only the inputs' positions differ).
        var forward = "", backward = ""
        NDJSONRenderer().render(timeline, into: &forward)
        NDJSONRenderer().render(reversed, into: &backward)
        #expect(forward == backward)
        #expect(timeline.entries.count == reversed.entries.count && timeline.entries.count > 10)
        #expect(timeline.connections == reversed.connections)
        let times = timeline.entries.compactMap(\.timeMs)
        #expect(times == times.sorted())
        let ends = timeline.entries.compactMap { entry -> TimelineAttempt? in
            if case .attemptEnd(let a) = entry { return a }
            return nil
        }
        let timedOut = try #require(ends.first { $0.attempt.end == .timedOut })
        #expect(timedOut.attempt.mismatched)
        #expect(timedOut.attempt.guideInstance == "fr-turn8.xirsys.com")
        #expect(timedOut.attempt.attendeeInstance == "fr-turn7.xirsys.com")
        #expect(timedOut.verdict.contains("30 s"))
        #expect(timeline.entries.indices.contains { timeline.clockChanges(at: $0) })
        let text = TextRenderer().string(timeline)
        expectGolden(text, "timeline-story.txt")
        var json = ""
        JSONRenderer().render(timeline, into: &json)
        #expect(parseJSON(json)?["kind"] as? String == "timeline")
        expectGolden(json, "timeline-story.json")
    }

    @Test func aPeerNarrowsToItsConnection() throws {
        let all = try Self.timeline(Story.inputs)
        let one = try Self.timeline(Story.inputs, peer: "a-19")
        #expect(one.connections.map(\.connection.attendee) == ["a-19"])
        #expect(one.entries.count < all.entries.count)
        for entry in one.entries {
            guard case .event(let e) = entry else { continue }
            let event = e.event
            #expect(
                event.peer == "a-19" || event.remote == "a-19" || (event.role == .guide && event.remote == nil),
                "\(event)")
        }
        let none = try Self.timeline(Story.inputs, tour: "t-nowhere")
        #expect(none.entries.isEmpty && none.connections.isEmpty)
        #expect(TextRenderer().string(none).contains("No events of this tour were read."))
    }

    @Test func ndjsonHasOneEntryALine() throws {
        let timeline = try Self.timeline(Story.inputs)
        var ndjson = ""
        NDJSONRenderer().render(timeline, into: &ndjson)
        let lines = ndjson.split(separator: "\n")
        #expect(lines.count == timeline.entries.count)
        let types = try lines.map { try CLI.json(String($0))["type"] as? String }
        #expect(Set(types.compactMap { $0 }) == ["event", "attempt_start", "attempt_end"])
    }
}

extension TextRenderer {
    /// The timeline as a string.
    func string(_ timeline: Timeline) -> String {
        var text = ""
        render(timeline, into: &text)
        return text
    }
}

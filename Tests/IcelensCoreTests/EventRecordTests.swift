import Testing

@testable import IcelensCore

/// Regression test for issue 6 ("a new EventKind left out of EventRecord's hand-kept table silently becomes
/// peer.join"): every kind, state, cache result and candidate type survives the compact record.
@Suite struct EventRecordTests {
    @Test func everyEventKindRoundTrips() {
        let ranks = EventKind.allCases.map(EventRecord.kindRank)
        #expect(Set(ranks).count == EventKind.allCases.count, "two kinds share a rank")
        #expect(ranks.allSatisfy { Int($0) < EventKind.allCases.count })
        for kind in EventKind.allCases {
            let record = EventRecord(event: Event(kind: kind), instance: 0)
            #expect(record.eventKind == kind)
        }
    }

    @Test func everyValueRoundTrips() {
        for state in IceState.allCases {
            var e = Event(kind: .iceState)
            e.state = state
            #expect(EventRecord(event: e, instance: 0).iceState == state)
        }
        for type in CandidateType.allCases {
            var e = Event(kind: .iceSelected)
            e.candidateType = type
            #expect(EventRecord(event: e, instance: 0).candidateType == type)
        }
        for cache in [CacheResult.hit, .miss] {
            var e = Event(kind: .turnFetch)
            e.cache = cache
            #expect(EventRecord(event: e, instance: 0).cacheResult == cache)
        }
    }
}

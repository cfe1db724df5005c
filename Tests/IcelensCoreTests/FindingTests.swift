import Testing

@testable import IcelensCore

@Suite struct FindingTests {
    @Test func incidentReason() throws {
        let finding = try #require(Finding.make(for: Sample.timedOut("a-19"), guide: "g-1"))
        #expect(finding.flags == [.mismatch, .timeout, .failed, .fallback])
        #expect(
            finding.reason
                == "attendee a-19 on fr-turn7.xirsys.com, guide on fr-turn8.xirsys.com; ICE timed out after 30 s; "
                + "never connected; attendee fell back to its own Xirsys fetch")
        #expect(finding.guideInstance == "fr-turn8.xirsys.com")
        #expect(finding.attendeeInstance == "fr-turn7.xirsys.com")
        #expect(finding.outcome == .failed)
        #expect(finding.guide == "g-1")
    }

    @Test func timeoutLengthComesFromTheAttemptTimes() throws {
        var c = Sample.timedOut("a-1", guide: nil, fellBack: false)
        c.attempts[0].endMs = Sample.t0 + 45_500
        let finding = try #require(Finding.make(for: c, guide: nil))
        #expect(finding.flags == [.timeout, .failed])
        #expect(finding.reason == "ICE timed out after 45.5 s; never connected")
    }

    @Test func timeoutLengthFallsBackToTheConfiguredTimeout() throws {
        var c = Sample.timedOut("a-1", guide: nil, fellBack: false)
        c.attempts[0].endMs = nil
        let finding = try #require(
            Finding.make(for: c, guide: nil, parameters: AnalysisParameters(timeoutMs: 20_000)))
        #expect(finding.reason == "ICE timed out after 20 s; never connected")
    }

    @Test func inferredTimeoutSaysSo() throws {
        let c = Sample.timedOut("a-1", guide: nil, inferred: true, fellBack: false)
        let finding = try #require(Finding.make(for: c, guide: nil))
        #expect(finding.reason == "no ICE connection within 30 s (timeout inferred: the log goes on); never connected")
    }

    @Test func slowConnectionOnTheGuideClock() throws {
        let finding = try #require(Finding.make(for: Sample.connected("a-3", ttcMs: 6_250, clock: .guide), guide: nil))
        #expect(finding.flags == [.slow])
        #expect(finding.reason == "connected after 6.25 s (guide clock)")
        #expect(finding.timeToConnectMs == 6_250)
        #expect(finding.timeToConnectClock == .guide)
    }

    @Test func exactlyFiveSecondsIsSlowJustUnderIsNot() {
        #expect(Finding.make(for: Sample.connected("a", ttcMs: 5_000), guide: nil)?.flags == [.slow])
        #expect(Finding.make(for: Sample.connected("a", ttcMs: 4_999), guide: nil) == nil)
    }

    @Test func failedWithoutTimeout() throws {
        var c = Sample.timedOut("a-1", guide: nil, fellBack: false)
        c.attempts[0].end = .failed
        c.attempts.append(
            AttemptResult(
                index: 1, startMs: nil, endMs: nil, clock: .attendee, end: .failed, guideInstance: nil,
                attendeeInstance: nil))
        let finding = try #require(Finding.make(for: c, guide: nil))
        #expect(finding.flags == [.failed])
        #expect(finding.reason == "ICE failed in all 2 attempts")
    }

    @Test func mismatchOnARestartedAttemptThenConnected() throws {
        let c = ConnectionResult(
            tour: "t", attendee: "a-19",
            attempts: [
                AttemptResult(
                    index: 0, startMs: 0, endMs: 30_000, clock: .attendee, end: .timedOut,
                    guideInstance: "fr-turn8.xirsys.com", attendeeInstance: "fr-turn7.xirsys.com"),
                AttemptResult(
                    index: 1, startMs: 33_000, endMs: 35_000, clock: .attendee, end: .connected,
                    guideInstance: "fr-turn8.xirsys.com", attendeeInstance: "fr-turn8.xirsys.com"),
            ], outcome: .connected, timeToConnectMs: 35_000, timeToConnectClock: .attendee, fellBack: false,
            restarts: 1, firstSeenMs: 0)
        let finding = try #require(Finding.make(for: c, guide: "g-1"))
        #expect(finding.flags == [.mismatch, .timeout, .slow])
        #expect(
            finding.reason
                == "attendee a-19 on fr-turn7.xirsys.com, guide on fr-turn8.xirsys.com (attempt 1 of 2); "
                + "ICE timed out after 30 s; connected after 35 s")
    }

    @Test func healthyAndIncompleteConnectionsAreNotFlagged() {
        #expect(Finding.make(for: Sample.connected("a", ttcMs: 1_000), guide: nil) == nil)
        #expect(Finding.make(for: Sample.incomplete("a"), guide: nil) == nil)
        #expect(Finding.make(for: Sample.connected("a", ttcMs: nil), guide: nil) == nil)
    }

    @Test func durationWords() {
        #expect(NumberFormat.durationWords(ms: 30_000) == "30 s")
        #expect(NumberFormat.durationWords(ms: 45_500) == "45.5 s")
        #expect(NumberFormat.durationWords(ms: 6_250) == "6.25 s")
        #expect(NumberFormat.durationWords(ms: 1_234) == "1.23 s")
        #expect(NumberFormat.durationWords(ms: 1_005) == "1.01 s")
        #expect(NumberFormat.durationWords(ms: 0) == "0 s")
        #expect(NumberFormat.durationWords(ms: -1_500) == "-1.5 s")
        #expect(NumberFormat.durationWords(ms: 1_234_500) == "1,234.5 s")
        #expect(NumberFormat.durationWords(ms: .min) == "-9,223,372,036,854,775.81 s")
    }
}

/// Regression test for issue 6 defect 7 ("verdict counts without thousands separators").
@Suite struct WordingTests {
    @Test func verdictCountsHaveThousandsSeparators() {
        var before = Summary()
        before.connections = 12_345
        before.timeouts = 1_234
        var after = Summary()
        after.connections = 23_456
        after.timeouts = 2_345
        after.attempts = 24_000
        let verdict = Wording.verdict(.noTimeouts, before: before, after: after, parameters: AnalysisParameters())
        #expect(verdict.explanation == "after: 2,345 of 23,456 connections timed out (before: 1,234 of 12,345)")
    }
}

extension WordingTests {
    /// An input going back in time is named in the data quality even when nothing was lost to it.
    @Test func timeJumpsAreNamedWithoutLateEvents() {
        var inputs = InputsReport([], timeJumps: [TimeJump(input: "-", count: 4)])
        #expect(Wording.timeJumpsSentence(inputs)?.hasPrefix("- goes back in time 4 times") == true)
        #expect(Wording.lateEventsSentence(inputs) == nil)
        inputs.lateEvents = 3
        #expect(Wording.timeJumpsSentence(inputs) == nil)
        #expect(Wording.lateEventsSentence(inputs)?.contains("goes back in time 4 times") == true)
    }
}

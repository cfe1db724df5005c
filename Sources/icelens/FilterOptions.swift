import ArgumentParser
import IcelensCore

/// The flags that narrow an analysis to what an investigation is about: tours, a peer, a TURN instance, a time
/// window. (`--flagged` is each command's own: connections for `report` and `connections`, tours for `tours`.)
struct FilterOptions: ParsableArguments {
    @Option(
        name: .customLong("tour"),
        help: ArgumentHelp("Only this tour (repeatable: --tour t-1 --tour t-2).", valueName: "id"))
    var tours: [String] = []

    @Option(
        help: ArgumentHelp(
            "Only connections of this peer: an attendee's own, or every connection of the tour it guides.",
            valueName: "id"))
    var peer: String?

    @Option(
        help: ArgumentHelp(
            "Only connections with an ICE attempt on this TURN instance, either side (fr-turn7.xirsys.com).",
            valueName: "host"))
    var instance: String?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Only tours whose first line is at or after this time.",
            discussion: """
                An ISO 8601 time with Z or an offset (2026-03-02T08:00:00Z), a date (2026-03-02, the UTC day's \
                start), today or yesterday (UTC, by the wall clock), epoch seconds or ms, or a time before the \
                newest line read: -2h, -30m, -7d. Windows follow the before/after split's rule (a tour belongs \
                where its first line is), so --until A plus --since A add up to the whole.
                """,
            valueName: "time"))
    var since: TimeBound?

    @Option(
        parsing: .unconditional,
        help: ArgumentHelp(
            "Only tours whose first line is before this time (same forms as --since).", valueName: "time"))
    var until: TimeBound?

    func validate() throws {
        for tour in tours where tour.isEmpty {
            throw ValidationError("--tour needs a tour id, such as --tour t-8f3k2a.")
        }
        if peer?.isEmpty == true { throw ValidationError("--peer needs a peer id, such as --peer a-19.") }
        if let instance, instance.isEmpty || instance.contains(where: { $0 == " " || $0 == "/" }) {
            throw ValidationError(
                "--instance needs a TURN host name, such as fr-turn7.xirsys.com (got '\(instance)').")
        }
    }

    /// The library's filter for these flags, with connection-level `flagged`. An empty window is a usage error
    /// (exit 64), found here rather than in `validate`: ArgumentParser answers a failed validation with the whole
    /// help when an argument such as `-2h` looks like a help flag.
    func filter(flagged: Bool = false, command: String) throws -> TourFilter {
        do { return try filter(flagged: flagged) } catch let error as ValidationError {
            throw ExitStatus.usage(error.message, command: command)
        }
    }

    private func filter(flagged: Bool) throws -> TourFilter {
        if case .at(let start)? = since, case .at(let end)? = until, start >= end {
            throw ValidationError("--since (\(since!)) must be before --until (\(until!)): the window is empty.")
        }
        if case .beforeNow(let start)? = since, case .beforeNow(let end)? = until, start <= end {
            throw ValidationError("--since (\(since!)) must be before --until (\(until!)): the window is empty.")
        }
        return TourFilter(
            tours: tours, peer: peer, instance: instance, flaggedOnly: flagged,
            window: TimeWindow(since: since, until: until))
    }
}

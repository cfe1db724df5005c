#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The exact, mergeable state of one `report` run (`--snapshot FILE`): every counter of the summary, the
/// time-to-connect histograms (so merged percentiles are exact, not averaged), the per-instance rows and matrix,
/// the line accounting, the window and the parameters. A month is the merge of its days' snapshots, without reading a
/// log again (`icelens merge`), and snapshots made on many machines merge the same way. Written and read by
/// `SnapshotCodec`; merged by `Snapshot.merge`.
public struct Snapshot: Sendable {
    /// The icelens version that made it.
    public var madeBy: String
    /// The settings and the filter the run used (the window resolved to ms), and its tours read and kept.
    public var parameters: AnalysisParameters
    /// The summary's counters and time-to-connect histogram.
    var summary: SummaryAccumulator
    /// The per-instance counters and histograms.
    var instances: InstanceAccumulator
    /// The counts per hour.
    var hours = HourlyAccumulator()
    /// The line accounting of the inputs the run read.
    public var inputs: InputsReport
    /// Flagged connections (the findings are not kept, only their number).
    public var flaggedConnections: Int
    /// The runs (snapshot files) merged into this one; empty for a snapshot of one run.
    public var sources: [String] = []
    /// How the logs were read (`--max-line-length`, `--origin`, `--rules`, `--idle-window`): snapshots read
    /// differently do not merge.
    public var reading = ""
    /// The machine that read the logs: the same path on two machines is two inputs.
    public var host = ""
    /// Each input's identity, in the order of `inputs.inputs`: the machine and the resolved path (so a folder reached
    /// through a link or from another working directory is the same input, and the same path on two machines is not).
    public var inputIdentities: [String] = []
    /// The windows covered (a merge of separate days keeps each, so a later day can still join).
    public var windows: [CoveredWindow] = []

    /// The snapshot of a finished report; `reading` says how the logs were read.
    public init(_ report: AnalysisReport, reading: String = "") {
        self.reading = reading
        host = Snapshot.hostName()
        let host = self.host
        let madeMs = TimeBound.wallClockMs()
        inputIdentities = report.inputs.inputs.map { input in
            // Standard input is a stream of its own each run.
            input.input == "-" ? "\(host):stdin@\(madeMs)" : "\(host):" + Snapshot.identity(of: input.input)
        }
        windows = [CoveredWindow(sinceMs: report.parameters.windowSinceMs, untilMs: report.parameters.windowUntilMs)]
        madeBy = IcelensVersion.current
        parameters = report.parameters
        summary = report.summaryState
        instances = report.instanceState
        hours = report.hourState
        inputs = report.inputs
        flaggedConnections = report.flaggedConnections
    }

    init(
        madeBy: String, parameters: AnalysisParameters, summary: SummaryAccumulator, instances: InstanceAccumulator,
        inputs: InputsReport, flaggedConnections: Int
    ) {
        self.madeBy = madeBy
        self.parameters = parameters
        self.summary = summary
        self.instances = instances
        self.inputs = inputs
        self.flaggedConnections = flaggedConnections
    }

    /// The summary (percentiles read off the merged histogram).
    public var summaryResult: Summary { summary.summary() }

    /// The report this snapshot stands for: summary, instances, accounting and parameters, without per-tour rows
    /// or findings (only their count).
    public func report() -> AnalysisReport {
        let finished = FinishedTours()
        finished.seal()
        var report = AnalysisReport(
            parameters: parameters, inputs: inputs, summary: summary, instances: instances, hours: hours,
            finished: finished)
        report.mergedFrom = sources
        report.coveredWindows = windows.count > 1 ? windows : []
        report.mergedFlaggedConnections = flaggedConnections
        return report
    }
}

/// A window `[sinceMs, untilMs)` a snapshot covers (nil: unbounded).
public struct CoveredWindow: Sendable, Equatable {
    /// The start, ms (nil: from the beginning).
    public var sinceMs: Int64?
    /// The end, ms (nil: to the end).
    public var untilMs: Int64?

    /// Makes a window.
    public init(sinceMs: Int64?, untilMs: Int64?) {
        self.sinceMs = sinceMs
        self.untilMs = untilMs
    }

    /// Whether the two windows share a moment.
    public func overlaps(_ other: CoveredWindow) -> Bool {
        (sinceMs ?? .min) < (other.untilMs ?? .max) && (other.sinceMs ?? .min) < (untilMs ?? .max)
    }
}

extension Snapshot {
    /// The machine's name.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An input's resolved path; the name as given when it cannot be resolved (standard input, a vanished file).
    static func identity(of input: String) -> String {
        guard input != "-", let resolved = realpath(input, nil) else { return input }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Why a snapshot could not be read or merged.
public struct SnapshotError: Error, CustomStringConvertible, Equatable {
    /// The message for the user.
    public var description: String
    init(_ description: String) { self.description = description }
}

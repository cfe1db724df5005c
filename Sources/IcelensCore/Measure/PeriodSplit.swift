/// How tours are split into a before and an after period for `compare`.
public enum PeriodSplit: Sendable, Equatable {
    /// By time: a tour whose first line (`firstSeenMs`) is at or after `ms` is after, earlier is before;
    /// a tour without a time is unassigned.
    case cutoff(ms: Int64)
    /// By a field value: a tour whose label is at or after `value` in version order (`VersionOrder`) is after,
    /// a smaller one is before; a tour without a label is unassigned. `field` is the field's name, for display.
    case label(field: String, value: String)
    /// By two sets of inputs: the caller says which tours are before and which after.
    case inputSets(before: [String], after: [String])

    /// The period of `tour` under this split; `.unassigned` for `.inputSets`, where the caller decides.
    public func period(of tour: TourResult) -> Period {
        switch self {
        case .cutoff(let cutoffMs):
            guard let first = tour.firstSeenMs else { return .unassigned }
            return first >= cutoffMs ? .after : .before
        case .label(_, let value):
            guard let label = tour.label else { return .unassigned }
            return VersionOrder.isAtOrAfter(label, value) ? .after : .before
        case .inputSets:
            return .unassigned
        }
    }

    /// The method's name in results: `cutoff`, `label` or `input_sets`.
    public var method: String {
        switch self {
        case .cutoff: return "cutoff"
        case .label: return "label"
        case .inputSets: return "input_sets"
        }
    }

    /// The split in words, e.g. "before: first line before 2026-03-02T10:00:00.000Z; after: at or after it".
    public var description: String {
        switch self {
        case .cutoff(let ms):
            let time = UTCTimestamp.format(ms: ms)
            return "tours whose first line is before \(time) are before, at or after it are after"
        case .label(let field, let value):
            return "tours whose \(field) is below \(value) (version order) are before, \(value) or above are after"
        case .inputSets(let before, let after):
            return "before: \(Self.names(before)); after: \(Self.names(after))"
        }
    }

    /// Up to three input names, else their count and the folder they share ("139 inputs under logs/a/").
    static func names(_ names: [String]) -> String {
        guard names.count > 3 else { return names.joined(separator: ", ") }
        let folder = InputLocator.commonFolder(names)
        return "\(NumberFormat.grouped(names.count)) inputs" + (folder.isEmpty ? "" : " under \(folder)")
    }
}

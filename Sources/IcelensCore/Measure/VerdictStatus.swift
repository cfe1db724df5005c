/// Whether a promised result was met.
public enum VerdictStatus: String, Sendable, Equatable {
    /// The after period shows the promise kept.
    case met
    /// The after period shows the promise broken.
    case notMet = "not_met"
    /// The after period (or the before period, for a change) has nothing to judge by.
    case noData = "no_data"

    /// The status in capitals, as every human format shows it ("MET", "NOT MET", "NO DATA").
    public var words: String {
        switch self {
        case .met: return "MET"
        case .notMet: return "NOT MET"
        case .noData: return "NO DATA"
        }
    }
}

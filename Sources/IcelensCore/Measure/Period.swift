/// Which side of a before/after comparison a tour belongs to.
public enum Period: String, Sendable, Equatable, CaseIterable {
    case before, after
    /// The tour has no time (cutoff split) or no label (field split): counted, but in neither period.
    case unassigned
}

/// Which side of a before/after comparison a tour belongs to.
public enum Period: String, Sendable, Equatable, CaseIterable {
    /// Before the change (earlier than the cutoff, a smaller label, or the first input set).
    case before
    /// After the change (at or after the cutoff, an equal or greater label, or the second input set).
    case after
    /// The tour has no time (cutoff split) or no label (field split): counted, but in neither period.
    case unassigned
}

/// The 2x2 table of instance mismatch against outcome: rows mismatched / same-or-unknown instance, columns
/// connected / failed (incomplete connections are left out), with Fisher's exact p-value and each row's failure
/// rate. The evidence for "mismatches cause the timeouts".
public struct MismatchOutcomeTable: Sendable, Equatable {
    /// Mismatched and connected.
    public var mismatchedConnected: Int
    /// Mismatched and failed.
    public var mismatchedFailed: Int
    /// Same or unknown instance, connected.
    public var otherConnected: Int
    /// Same or unknown instance, failed.
    public var otherFailed: Int

    /// Makes a table from its four cells.
    public init(mismatchedConnected: Int, mismatchedFailed: Int, otherConnected: Int, otherFailed: Int) {
        self.mismatchedConnected = mismatchedConnected
        self.mismatchedFailed = mismatchedFailed
        self.otherConnected = otherConnected
        self.otherFailed = otherFailed
    }

    /// The table of a summary.
    public init(_ summary: Summary) {
        self.init(
            mismatchedConnected: summary.mismatchedConnected, mismatchedFailed: summary.mismatchedFailed,
            otherConnected: summary.notMismatchedConnected, otherFailed: summary.notMismatchedFailed)
    }

    /// The cell-wise sum of two tables.
    public static func + (a: MismatchOutcomeTable, b: MismatchOutcomeTable) -> MismatchOutcomeTable {
        MismatchOutcomeTable(
            mismatchedConnected: a.mismatchedConnected + b.mismatchedConnected,
            mismatchedFailed: a.mismatchedFailed + b.mismatchedFailed,
            otherConnected: a.otherConnected + b.otherConnected, otherFailed: a.otherFailed + b.otherFailed)
    }

    /// Failed / (connected + failed) among mismatched connections; nil when there are none.
    public var mismatchedFailureRate: Double? {
        let n = mismatchedConnected + mismatchedFailed
        return n > 0 ? Double(mismatchedFailed) / Double(n) : nil
    }

    /// Failed / (connected + failed) among same-or-unknown-instance connections; nil when there are none.
    public var otherFailureRate: Double? {
        let n = otherConnected + otherFailed
        return n > 0 ? Double(otherFailed) / Double(n) : nil
    }

    /// Two-sided Fisher exact p-value of the table; nil when it is empty.
    public var fisherPValue: Double? {
        guard mismatchedConnected + mismatchedFailed + otherConnected + otherFailed > 0 else { return nil }
        return Statistics.fisherExact(a: mismatchedFailed, b: mismatchedConnected, c: otherFailed, d: otherConnected)
    }

    /// What the table shows, judged at the 5% level.
    public var evidence: MismatchEvidence { MismatchEvidence(self) }
}

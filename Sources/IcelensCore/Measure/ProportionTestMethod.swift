/// Which test produced a p-value.
public enum ProportionTestMethod: String, Sendable, Equatable {
    /// Pooled two-proportion z-test (every expected cell at least 5).
    case zTest = "two_proportion_z"
    /// Fisher's exact test (some expected cell below 5).
    case fisherExact = "fisher_exact"
}

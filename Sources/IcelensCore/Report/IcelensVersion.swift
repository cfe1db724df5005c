/// The version of icelens, in `--version` and in every JSON document and snapshot, so a stored result says which
/// build made it.
public enum IcelensVersion {
    /// The release number.
    public static let current = "0.3.0"
}

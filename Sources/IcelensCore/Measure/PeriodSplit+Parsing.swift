extension PeriodSplit {
    /// The time of a `--cutoff` value (ISO 8601 or epoch), or nil when it is not one.
    public static func cutoffMs(parsing text: String) -> Int64? {
        Array(text.utf8).withUnsafeBytes { Timestamp.parse($0) }
    }

    /// The field and value of a `--split-by FIELD=VALUE` value, or nil when either is missing.
    public static func label(parsing text: String) -> (field: String, value: String)? {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (parts[0], parts[1])
    }
}

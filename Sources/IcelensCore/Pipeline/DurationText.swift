/// Reads durations as users type them on the command line: `30s`, `30`, `1500ms`, `2.5s`, `15m`, `1h`.
public enum DurationText {
    /// Milliseconds in `text` (a bare number is seconds), or nil when it is not a duration.
    public static func milliseconds(_ text: String) -> Int64? {
        let t = text.lowercased()
        var number = Substring(t)
        var scale = 1000.0
        for (suffix, s) in [("ms", 1.0), ("s", 1000.0), ("m", 60_000.0), ("h", 3_600_000.0)] where t.hasSuffix(suffix) {
            number = t.dropLast(suffix.count)
            scale = s
            break
        }
        guard let value = Double(number), value.isFinite, value >= 0, value * scale < 1e15 else { return nil }
        return Int64((value * scale).rounded())
    }
}

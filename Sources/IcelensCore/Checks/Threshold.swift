/// One `--fail-if` expression, `METRIC OP NUMBER` (`success_rate < 0.95`, `timeouts > 0`): a health rule of a
/// scheduled run. When it holds, the run has failed that check and exits with status 3. Parsed once, before any log
/// is read, so a wrong metric name is a usage error and not a surprise at the end of an hour's run.
public struct Threshold: Sendable, Equatable {
    /// The expression as the user wrote it, with its spacing tidied (`success_rate < 0.95`).
    public var expression: String
    /// The metric's key (`CheckMetric.all`).
    public var metric: String
    /// The comparison.
    public var comparison: ThresholdComparison
    /// The number compared with, in the metric's unit (a rate as 0-1, durations in seconds).
    public var limit: Double

    /// Reads `METRIC OP NUMBER`; spaces are optional. Throws a message naming what is wrong.
    public init(parsing text: String) throws(ThresholdError) {
        let trimmed = text.trimmingASCIISpaces()
        guard
            let opStart = trimmed.firstIndex(where: { "<>=!".contains($0) })
        else {
            throw ThresholdError(
                "'\(text)' has no comparison: write METRIC OP NUMBER with OP one of <, <=, >, >=, ==, != "
                    + "(e.g. 'success_rate < 0.95').")
        }
        var opEnd = trimmed.index(after: opStart)
        if opEnd < trimmed.endIndex, trimmed[opEnd] == "=" { opEnd = trimmed.index(after: opEnd) }
        let name = String(trimmed[..<opStart]).trimmingASCIISpaces()
        let symbol = String(trimmed[opStart..<opEnd])
        let numberText = String(trimmed[opEnd...]).trimmingASCIISpaces()
        guard let comparison = ThresholdComparison(rawValue: symbol) else {
            throw ThresholdError("'\(text)': '\(symbol)' is not a comparison (use <, <=, >, >=, == or !=).")
        }
        guard !name.isEmpty else { throw ThresholdError("'\(text)' names no metric before '\(symbol)'.") }
        guard CheckMetric.named(name) != nil else {
            throw ThresholdError(
                "'\(text)': no metric named '\(name)'. Metrics: " + CheckMetric.all.map(\.key).joined(separator: ", "))
        }
        let decimal = !numberText.isEmpty && numberText.allSatisfy { "0123456789.+-eE".contains($0) }
        guard decimal, let limit = Double(numberText), limit.isFinite else {
            throw ThresholdError(
                "'\(text)': '\(numberText)' is not a number (rates are 0-1 such as 0.95, durations in seconds).")
        }
        self.metric = name
        self.comparison = comparison
        self.limit = limit
        self.expression = "\(name) \(symbol) \(numberText)"
    }

    /// Whether `value` meets the failing condition; an unknown value (nil) fails, since a health rule that cannot
    /// be evaluated is not a pass.
    public func fails(_ value: Double?) -> Bool {
        guard let value else { return true }
        return comparison.holds(value, limit)
    }
}

/// The comparisons of a threshold.
public enum ThresholdComparison: String, Sendable, CaseIterable {
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case equal = "=="
    case notEqual = "!="

    /// `a OP b`.
    public func holds(_ a: Double, _ b: Double) -> Bool {
        switch self {
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        }
    }
}

/// Why a `--fail-if` expression could not be read.
public struct ThresholdError: Error, CustomStringConvertible, Equatable {
    /// The message for the user.
    public var description: String
    init(_ description: String) { self.description = description }
}

extension String {
    fileprivate func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }
}

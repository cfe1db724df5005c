/// What kind of number a metric is, which decides how results round it.
public enum MetricUnit: String, Sendable, Equatable {
    /// A count of things.
    case count
    /// A proportion between 0 and 1 (rounded to 4 decimals in JSON).
    case rate
    /// Seconds (rounded to 3 decimals in JSON).
    case seconds
    /// Any other ratio, e.g. API calls per tour (rounded to 4 decimals in JSON).
    case ratio

    /// Decimals kept in JSON.
    public var jsonPlaces: Int {
        switch self {
        case .count, .rate, .ratio: return 4
        case .seconds: return 3
        }
    }
}

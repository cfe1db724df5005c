/// Settings of the correlation: the app's ICE timeout, when an idle tour is closed, and the per-connection bound.
public struct CorrelationConfig: Sendable, Equatable {
    /// The app's ICE timeout in ms (CLI flag `--timeout`); `checking` without `connected` this long is a timeout.
    public var timeoutMs: Int64 = 30_000
    /// A tour whose newest event is this many ms (log time) behind the watermark is closed.
    public var idleCloseMs: Int64 = 3 * 3_600_000
    /// The most events stored per connection stream; beyond it the latest events are dropped and counted.
    public var maxEventsPerConnection: Int = 1024

    /// Makes a configuration; every value has the default documented on its property.
    public init(timeoutMs: Int64 = 30_000, idleCloseMs: Int64 = 3 * 3_600_000, maxEventsPerConnection: Int = 1024) {
        self.timeoutMs = timeoutMs
        self.idleCloseMs = idleCloseMs
        self.maxEventsPerConnection = maxEventsPerConnection
    }
}

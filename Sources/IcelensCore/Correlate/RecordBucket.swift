/// The stored events of one writer stream of a tour, bounded: it keeps the `limit` first events in content order
/// (time, then content) and counts the rest as dropped, so which events are kept never depends on arrival order.
/// It holds at most `limit + limit / 4 + 1` records between compactions (24 bytes each).
struct RecordBucket: Sendable {
    /// The stored records, unsorted until `compacted`.
    private(set) var records: [EventRecord] = []
    /// The newest event time of the stream, including dropped events.
    private(set) var maxTimeMs: Int64?

    /// An empty bucket.
    init() {}

    /// A bucket holding `records` (thawing a frozen tour).
    init(records: [EventRecord], maxTimeMs: Int64?) {
        self.records = records
        self.maxTimeMs = maxTimeMs
    }

    /// Adds a record; when over the slack, sorts and drops the latest ones, returning how many were dropped.
    mutating func add(_ record: EventRecord, limit: Int, strings: [String]) -> Int {
        if let t = record.time { maxTimeMs = max(maxTimeMs ?? t, t) }
        // Room for 4 at the first record: growing 1, 2, 4 cost two reallocations a stream. (Room for 8 saved one
        // more but cost ~1 MiB of peak memory on the gigabyte split over four inputs, where the margin under
        // 64 MiB is thinnest.)
        if records.capacity == 0 { records.reserveCapacity(4) }
        records.append(record)
        let limit = max(limit, 0)
        if records.count - limit > limit / 4 + 1 { return compact(limit: limit, strings: strings) }
        return 0
    }

    /// Sorts the records in content order and keeps the first `limit`; returns how many were dropped.
    mutating func compact(limit: Int, strings: [String]) -> Int {
        records.sort { EventRecord.precedes($0, $1, strings: strings) }
        let excess = records.count - max(limit, 0)
        guard excess > 0 else { return 0 }
        records.removeLast(excess)
        return excess
    }
}

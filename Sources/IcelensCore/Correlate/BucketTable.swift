/// A tour's record buckets by writer stream: a `[BucketKey: RecordBucket]` that costs no hashing while small. Every
/// event looks its bucket up, and a tour has a few dozen streams (two per connection), so up to `linearLimit` keys
/// are found by comparing them in place (three integer compares a key) and only a bigger tour builds a dictionary
/// index. Iteration follows insertion order; nothing that reads a tour depends on that order (a Dictionary's order
/// changes from run to run).
struct BucketTable: Sequence {
    /// The keys, in insertion order.
    private(set) var keys: [BucketKey] = []
    /// The buckets, parallel to `keys`.
    private var values: [RecordBucket] = []
    /// Positions by key, once the table outgrows `linearLimit`.
    private var index: [BucketKey: Int]?
    /// Most keys searched linearly.
    static let linearLimit = 32

    /// An empty table.
    init() {}

    /// Number of buckets.
    var count: Int { keys.count }

    /// Makes room for `n` buckets.
    mutating func reserveCapacity(_ n: Int) {
        keys.reserveCapacity(n)
        values.reserveCapacity(n)
    }

    /// The position of `key`, or nil.
    @inline(__always)
    private func position(of key: BucketKey) -> Int? {
        if let index { return index[key] }
        var i = 0
        while i < keys.count {
            if keys[i] == key { return i }
            i += 1
        }
        return nil
    }

    /// Appends a new key (the caller checked it is absent).
    private mutating func append(_ key: BucketKey, _ bucket: RecordBucket) -> Int {
        keys.append(key)
        values.append(bucket)
        let at = keys.count - 1
        if index != nil {
            index?[key] = at
        } else if keys.count > Self.linearLimit {
            var built: [BucketKey: Int] = [:]
            built.reserveCapacity(keys.count * 2)
            for (i, k) in keys.enumerated() { built[k] = i }
            index = built
        }
        return at
    }

    /// The bucket of `key`; setting stores it (new keys are appended).
    subscript(key: BucketKey) -> RecordBucket? {
        get { position(of: key).map { values[$0] } }
        set {
            guard let newValue else {
                precondition(position(of: key) == nil, "BucketTable: buckets are never removed")
                return
            }
            if let at = position(of: key) { values[at] = newValue } else { _ = append(key, newValue) }
        }
    }

    /// Appends the bucket of a key known to be new (unpacking a tour, whose keys are distinct): no search.
    mutating func appendDistinct(_ key: BucketKey, _ bucket: RecordBucket) {
        _ = append(key, bucket)
    }

    /// Adds `record` to the bucket of `key` (made when new); returns how many records the bound dropped.
    @inline(__always)
    mutating func add(_ record: EventRecord, to key: BucketKey, limit: Int, strings: [String]) -> Int {
        let at = position(of: key) ?? append(key, RecordBucket())
        return values[at].add(record, limit: limit, strings: strings)
    }

    /// Sorts and bounds every bucket; returns how many records were dropped.
    mutating func compact(limit: Int, strings: [String]) -> Int {
        var dropped = 0
        for i in values.indices { dropped += values[i].compact(limit: limit, strings: strings) }
        return dropped
    }

    /// The buckets' values transformed, by key (for comparisons in tests).
    func mapValues<T>(_ transform: (RecordBucket) -> T) -> [BucketKey: T] {
        var out: [BucketKey: T] = [:]
        for (key, value) in zip(keys, values) { out[key] = transform(value) }
        return out
    }

    /// The buckets, as (key, value) pairs.
    var bucketValues: [RecordBucket] { values }

    func makeIterator() -> Zip2Sequence<[BucketKey], [RecordBucket]>.Iterator {
        zip(keys, values).makeIterator()
    }
}

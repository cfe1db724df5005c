/// A binary min-heap of records ordered by file position (`orderKey`, then `seq`): the pending lines of the
/// open tours while the corpus is written in time order.
struct RecordHeap {
    private var items: [LogRecord] = []

    /// Number of pending records.
    var count: Int { items.count }

    /// The earliest pending record, if any.
    var first: LogRecord? { items.first }

    /// Adds a record.
    mutating func push(_ r: LogRecord) {
        items.append(r)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard LogRecord.fileOrder(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    /// Removes and returns the earliest record.
    mutating func pop() -> LogRecord? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            let n = items.count
            while true {
                let l = 2 * i + 1
                guard l < n else { break }
                var m = l
                if l + 1 < n, LogRecord.fileOrder(items[l + 1], items[l]) { m = l + 1 }
                guard LogRecord.fileOrder(items[m], items[i]) else { break }
                items.swapAt(i, m)
                i = m
            }
        }
        return top
    }
}

import CSQLite

/// A small, synchronous wrapper of the system SQLite for the history store: open with WAL and a busy timeout (so
/// concurrent cron runs wait for each other instead of failing or corrupting), run statements with bound values, read
/// rows. Nothing else of SQLite is needed here.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    /// The file, for messages.
    let path: String

    /// Opens (creating when `create`; read-only when `readOnly`) the database at `path`.
    init(path: String, create: Bool, readOnly: Bool = false) throws(HistoryError) {
        self.path = path
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | (create ? SQLITE_OPEN_CREATE : 0)
            | SQLITE_OPEN_FULLMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            handle = nil
            throw HistoryError("\(path): cannot open the history: \(message)")
        }
        sqlite3_busy_timeout(handle, 10_000)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit { sqlite3_close(handle) }

    /// Runs SQL without results (several statements allowed).
    func execute(_ sql: String) throws(HistoryError) {
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        if code != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(error)
            throw HistoryError("\(path): \(message)")
        }
    }

    /// A value bound to a statement or read from a row.
    enum Value: Equatable {
        case integer(Int64)
        case real(Double)
        case text(String)
        case null

        var integer: Int64? { if case .integer(let n) = self { return n } else { return nil } }
        var text: String? { if case .text(let s) = self { return s } else { return nil } }
        var real: Double? {
            switch self {
            case .real(let d): return d
            case .integer(let n): return Double(n)
            default: return nil
            }
        }
    }

    /// Runs one statement with `values` bound to its `?` in order, returning every row.
    @discardableResult
    func run(_ sql: String, _ values: [Value] = []) throws(HistoryError) -> [[Value]] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw HistoryError("\(path): \(String(cString: sqlite3_errmsg(handle)))")
        }
        defer { sqlite3_finalize(statement) }
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .integer(let n): sqlite3_bind_int64(statement, index, n)
            case .real(let d): sqlite3_bind_double(statement, index, d)
            case .text(let s): sqlite3_bind_text(statement, index, s, -1, icelens_sqlite_transient())
            case .null: sqlite3_bind_null(statement, index)
            }
        }
        var rows: [[Value]] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw HistoryError("\(path): \(String(cString: sqlite3_errmsg(handle)))")
            }
            var row: [Value] = []
            for column in 0..<sqlite3_column_count(statement) {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
                case SQLITE_NULL: row.append(.null)
                default:
                    let text = sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
                    row.append(.text(text))
                }
            }
            rows.append(row)
        }
        return rows
    }
}

/// Why the history could not be read or written.
public struct HistoryError: Error, CustomStringConvertible, Equatable {
    /// The message for the user.
    public var description: String
    public init(_ description: String) { self.description = description }
}

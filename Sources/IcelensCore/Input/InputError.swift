/// An error that stops one input (or the run) before any of its bytes are read, or an I/O failure while reading.
///
/// Damage inside an input (truncated or corrupt gzip) is never an `InputError`: it is a `Damage` record.
public enum InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The named path does not exist.
    case notFound(path: String)
    /// The path exists but cannot be opened or listed; `reason` is the system's error text.
    case unreadable(path: String, reason: String)
    /// A directory named on the command line holds no visible regular files.
    case noInputFiles(directory: String)
    /// Reading an opened input failed; `reason` is the system's error text.
    case readFailed(input: String, reason: String)

    /// A one-line message naming the input and saying how to fix the call.
    public var description: String {
        switch self {
        case .notFound(let path):
            return "no such file or directory: \(Self.quoted(path)); check the path, or pass '-' to read standard input"
        case .unreadable(let path, let reason):
            return "cannot read \(Self.quoted(path)): \(reason); check its permissions, or leave it out"
        case .noInputFiles(let directory):
            return "directory \(Self.quoted(directory)) holds no log files (hidden files and folders are skipped); "
                + "name the files directly, or pick another directory"
        case .readFailed(let input, let reason):
            return "error while reading \(Self.quoted(input)): \(reason)"
        }
    }

    /// The path the error is about.
    public var path: String {
        switch self {
        case .notFound(let path), .unreadable(let path, _): return path
        case .noInputFiles(let directory): return directory
        case .readFailed(let input, _): return input
        }
    }

    /// The error as an input failure of its path.
    public var failure: InputFailure { InputFailure(input: path, reason: description) }

    /// Quotes a path for a message, escaping control bytes so a hostile file name cannot drive the terminal.
    static func quoted(_ path: String) -> String {
        var out = "'"
        for scalar in path.unicodeScalars {
            switch scalar.value {
            case 0x27: out += "\\'"
            case 0x5C: out += "\\\\"
            case 0..<0x20, 0x7F..<0xA0:
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }
}

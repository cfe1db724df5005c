#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the user's input arguments into the list of inputs to read, in a stable order.
public enum InputLocator {
    /// Expands the user's arguments: "-" is stdin; a directory is walked recursively (regular files only, symlinked
    /// files followed, hidden dot-files and dot-dirs skipped, sorted by full path bytewise, stable); a file is itself.
    /// Throws InputError for a path that does not exist or cannot be read, with a message saying how to fix it.
    ///
    /// Arguments keep their order; each directory contributes its files sorted by full path (UTF-8 bytes).
    /// Symlinked directories inside a walk are not followed (no cycles); a named symlink is followed.
    /// A named non-directory that is not a regular file (a FIFO such as `<(zcat x.gz)`) is an input too.
    /// A file reached twice (a path listed twice, or a symlink to a file already listed) is read once (its first
    /// place is kept). A named directory with no visible regular file throws `InputError.noInputFiles`. Files found inside a directory are not opened here: one that
    /// turns out unreadable fails when it is opened, as an error of that input alone.
    public static func locate(_ arguments: [String]) throws -> [InputSpec] {
        let located = locateEach(arguments)
        if let first = located.errors.first { throw first }
        return located.inputs
    }

    /// Like `locate(_:)`, but a path that is missing, unreadable or an empty directory, or a folder inside a walk
    /// that cannot be listed, is a failure of that path alone: the others are still located, so the run reads what
    /// it can and reports the rest. A file reached twice (named twice, or through a symlink) is read once.
    public static func locateEach(_ arguments: [String]) -> LocatedInputs {
        var walk = Walk()
        for argument in arguments { walk.add(argument: argument) }
        return LocatedInputs(inputs: walk.inputs, failures: walk.errors.map(\.failure), errors: walk.errors)
    }

    /// The state of one locating pass.
    private struct Walk {
        var inputs: [InputSpec] = []
        var errors: [InputError] = []
        /// Files already listed, by device and inode (a symlink and its target are one file), else by path.
        var seen: Set<String> = []

        mutating func add(_ spec: InputSpec) {
            var key = spec.path ?? "\u{0}stdin"
            var info = stat()
            if let path = spec.path, stat(path, &info) == 0, isRegular(info.st_mode) {
                key = "\u{0}\(info.st_dev):\(info.st_ino)"
            }
            if seen.insert(key).inserted { inputs.append(spec) }
        }

        mutating func add(argument: String) {
            if argument == "-" {
                add(.standardInput)
                return
            }
            var info = stat()
            guard stat(argument, &info) == 0 else {
                let code = errno
                // A dangling symlink or a missing path: both are "not found" to the user.
                errors.append(
                    code == ENOENT || code == ENOTDIR
                        ? .notFound(path: argument)
                        : .unreadable(path: argument, reason: FileByteSource.errorText(code)))
                return
            }
            if InputLocator.isDirectory(info.st_mode) {
                var files: [String] = []
                let before = errors.count
                walk(directory: argument, into: &files)
                if files.isEmpty, errors.count == before {
                    errors.append(.noInputFiles(directory: argument))
                }
                files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                for file in files { add(.file(file)) }
            } else {
                guard access(argument, R_OK) == 0 else {
                    errors.append(.unreadable(path: argument, reason: FileByteSource.errorText(errno)))
                    return
                }
                add(.file(argument))
            }
        }

        /// Appends every visible regular file under `directory` (recursively) to `files`, unsorted; a folder that
        /// cannot be listed is an error of that folder alone.
        mutating func walk(directory: String, into files: inout [String]) {
            guard let handle = opendir(directory) else {
                errors.append(.unreadable(path: directory, reason: FileByteSource.errorText(errno)))
                return
            }
            defer { closedir(handle) }
            let prefix = directory.hasSuffix("/") ? directory : directory + "/"
            var subdirectories: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    let length = bytes.firstIndex(of: 0) ?? bytes.count
                    return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<length]), as: UTF8.self)
                }
                if name.isEmpty || name.hasPrefix(".") { continue }  // ".", "..", and hidden entries
                let path = prefix + name
                var info = stat()
                guard lstat(path, &info) == 0 else { continue }  // vanished since listing
                if InputLocator.isRegular(info.st_mode) {
                    files.append(path)
                } else if InputLocator.isDirectory(info.st_mode) {
                    subdirectories.append(path)
                } else if InputLocator.isSymlink(info.st_mode) {
                    var target = stat()
                    if stat(path, &target) == 0, InputLocator.isRegular(target.st_mode) { files.append(path) }
                }
            }
            subdirectories.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for subdirectory in subdirectories {
                walk(directory: subdirectory, into: &files)
            }
        }
    }

    /// Whether standard input can hold logs when no path is named: a pipe, a socket or a redirected file. A
    /// terminal, `/dev/null` (cron's usual stdin) or a closed descriptor cannot, and reading nothing from them would
    /// report an empty success.
    public static var standardInputHoldsLogs: Bool {
        var info = stat()
        guard fstat(0, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFIFO || type == S_IFSOCK || type == S_IFREG
    }

    /// The folder (ending in "/") that every name starts with, or "" when they share none or there is one name.
    public static func commonFolder(_ names: [String]) -> String {
        guard names.count > 1, var prefix = names.first.map({ Substring($0) }) else { return "" }
        for name in names.dropFirst() {
            while !name.hasPrefix(prefix) { prefix = prefix.dropLast() }
        }
        guard let slash = prefix.lastIndex(of: "/") else { return "" }
        return String(prefix[...slash])
    }

    static func isDirectory(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFDIR }
    static func isRegular(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFREG }
    static func isSymlink(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFLNK }
}

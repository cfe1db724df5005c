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
    /// A path listed twice is read once (its first place is kept). A named directory with no visible regular
    /// file throws `InputError.noInputFiles`. Files found inside a directory are not opened here: one that
    /// turns out unreadable fails when it is opened, as an error of that input alone.
    public static func locate(_ arguments: [String]) throws -> [InputSpec] {
        var result: [InputSpec] = []
        var seen: Set<String> = []
        func add(_ spec: InputSpec) {
            let key = spec.path ?? "\u{0}stdin"
            if seen.insert(key).inserted { result.append(spec) }
        }
        for argument in arguments {
            if argument == "-" {
                add(.standardInput)
                continue
            }
            var info = stat()
            guard stat(argument, &info) == 0 else {
                let code = errno
                if code == ENOENT || code == ENOTDIR {
                    // A dangling symlink or a missing path: both are "not found" to the user.
                    throw InputError.notFound(path: argument)
                }
                throw InputError.unreadable(path: argument, reason: FileByteSource.errorText(code))
            }
            if Self.isDirectory(info.st_mode) {
                var files: [String] = []
                try walk(directory: argument, into: &files)
                if files.isEmpty { throw InputError.noInputFiles(directory: argument) }
                files.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                for file in files { add(.file(file)) }
            } else {
                guard access(argument, R_OK) == 0 else {
                    throw InputError.unreadable(path: argument, reason: FileByteSource.errorText(errno))
                }
                add(.file(argument))
            }
        }
        return result
    }

    /// Appends every visible regular file under `directory` (recursively) to `files`, unsorted.
    private static func walk(directory: String, into files: inout [String]) throws {
        guard let handle = opendir(directory) else {
            throw InputError.unreadable(path: directory, reason: FileByteSource.errorText(errno))
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
            if isRegular(info.st_mode) {
                files.append(path)
            } else if isDirectory(info.st_mode) {
                subdirectories.append(path)
            } else if isSymlink(info.st_mode) {
                var target = stat()
                if stat(path, &target) == 0, isRegular(target.st_mode) { files.append(path) }
            }
        }
        for subdirectory in subdirectories {
            try walk(directory: subdirectory, into: &files)
        }
    }

    /// Like `locate(_:)`, but a path that is missing, unreadable or an empty directory is a failure of that path
    /// alone: the others are still located, so the run reads what it can and reports the rest.
    public static func locateEach(_ arguments: [String]) -> LocatedInputs {
        var located = LocatedInputs()
        var seen: Set<String> = []
        for argument in arguments {
            do {
                for spec in try locate([argument]) where seen.insert(spec.path ?? "\u{0}stdin").inserted {
                    located.inputs.append(spec)
                }
            } catch let error as InputError {
                located.failures.append(InputFailure(input: argument, reason: error.description))
            } catch {
                located.failures.append(InputFailure(input: argument, reason: "\(error)"))
            }
        }
        return located
    }

    private static func isDirectory(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFDIR }
    private static func isRegular(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFREG }
    private static func isSymlink(_ mode: mode_t) -> Bool { mode & S_IFMT == S_IFLNK }
}

import ArgumentParser
import Foundation

/// Reads a small text file the user named (a rules file), with an error that names it.
enum TextFile {
    static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError(description: "Cannot read '\(path)': check that the file exists and is readable.")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

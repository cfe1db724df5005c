import Foundation
import Testing

@testable import IcelensCore

@Suite struct InputLocatorTests {
    /// Makes a fresh temporary directory tree and returns its path.
    static func makeTree() throws -> String {
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("icelens-locator-\(UUID().uuidString)").path
        let fm = FileManager.default
        for dir in ["logs/a", "logs/a-b", "logs/.git", "logs/a/.cache", "logs/z/deep/er", "logs/empty"] {
            try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        for file in [
            "logs/b.log", "logs/a/x.log", "logs/a/.hidden.log", "logs/.git/config", "logs/a/.cache/c.log",
            "logs/a-b/y.log.gz", "logs/z/deep/er/last.log", "logs/B.log", "outside.log",
        ] {
            try Data("x\n".utf8).write(to: URL(fileURLWithPath: root + "/" + file))
        }
        try fm.createSymbolicLink(atPath: root + "/logs/link.log", withDestinationPath: root + "/outside.log")
        try fm.createSymbolicLink(atPath: root + "/logs/dirlink", withDestinationPath: root + "/logs/a")
        try fm.createSymbolicLink(atPath: root + "/logs/broken.log", withDestinationPath: root + "/nowhere")
        return root
    }

    @Test func walksDirectoryInStableBytewiseOrder() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let logs = root + "/logs"
        let expected = ["/B.log", "/a-b/y.log.gz", "/a/x.log", "/b.log", "/link.log", "/z/deep/er/last.log"]
            .map { logs + $0 }
        for argument in [logs, logs + "/"] {
            let specs = try InputLocator.locate([argument])
            #expect(specs.map(\.path) == expected)
            #expect(specs.map(\.displayName) == expected)
            #expect(try InputLocator.locate([argument]) == specs)  // stable
        }
    }

    @Test func argumentsKeepTheirOrderAndStdinIsDash() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let specs = try InputLocator.locate([root + "/outside.log", "-", root + "/logs/a", root + "/outside.log", "-"])
        #expect(specs == [.file(root + "/outside.log"), .standardInput, .file(root + "/logs/a/x.log")])
        #expect(specs[1].path == nil && specs[1].displayName == "-")
        #expect(try InputLocator.locate([]) == [])
    }

    @Test func namedHiddenFileAndSymlinkAreRead() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let named = [root + "/logs/a/.hidden.log", root + "/logs/link.log"]
        #expect(try InputLocator.locate(named).map(\.path) == named)
    }

    @Test func missingPathErrorNamesThePath() throws {
        let missing = "/nonexistent/icelens/\u{1B}[31mred.log"
        do {
            _ = try InputLocator.locate(["-", missing])
            Issue.record("expected an error")
        } catch let error as InputError {
            #expect(error == .notFound(path: missing))
            #expect(error.description.contains("/nonexistent/icelens/"))
            #expect(error.description.contains("red.log"))
            #expect(!error.description.contains("\u{1B}"))  // control bytes escaped
            #expect(error.description.contains("check the path"))
        }
    }

    @Test func emptyDirectoryIsAnError() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: InputError.noInputFiles(directory: root + "/logs/empty")) {
            try InputLocator.locate([root + "/logs/empty"])
        }
    }

    @Test func fileByteSourceOpensAndReportsMissing() throws {
        #expect(throws: InputError.notFound(path: "/nonexistent/x.log")) {
            try FileByteSource(path: "/nonexistent/x.log")
        }
        let path = try ByteTestSupport.fixturePath("small.log")
        let source = try FileByteSource(spec: .file(path))
        #expect(source.displayName == path)
        #expect(try ByteTestSupport.readAll(source, bufferSize: 1000) == (try ByteTestSupport.fixture("small.log")))
    }

    @Test func readingADirectoryFailsWithItsName() throws {
        let root = try Self.makeTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let source = try FileByteSource(path: root)
        #expect(throws: InputError.self) { try ByteTestSupport.readAll(source) }
    }
}

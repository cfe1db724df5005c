import ArgumentParser
import IcelensCore

// Flag values are parsed once, by ArgumentParser, into the library's typed values.

extension TimeSpan: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public var defaultValueDescription: String { description }
}

extension LogTime: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension TimeBound: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension FieldSplit: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension ColorMode: ExpressibleByArgument {}
extension OriginMarking: ExpressibleByArgument {}
extension GzipDecoder: ExpressibleByArgument {}
extension EventKind: ExpressibleByArgument {}
extension EventsRun.ShownLines: ExpressibleByArgument {}

/// The result kind a command shows, which decides the formats its `--format` accepts.
protocol ShowsResult {
    static var resultKind: ResultKind { get }
}

/// A `--format` value limited to the formats that can show the command's result, so `--help` and the error for a
/// wrong value list only what works.
struct FormatChoice<Command: ShowsResult>: ExpressibleByArgument {
    let format: OutputFormat

    init(_ format: OutputFormat) {
        self.format = format
    }

    init?(argument: String) {
        guard let format = OutputFormat(rawValue: argument.lowercased()), format.supports(Command.resultKind) else {
            return nil
        }
        self.format = format
    }

    static var allValueStrings: [String] { OutputFormat.formats(for: Command.resultKind).map(\.rawValue) }
    var defaultValueDescription: String { format.rawValue }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// When text output is coloured: `auto` colours only a terminal, and never when `NO_COLOR` is set.
public enum ColorMode: String, Sendable, CaseIterable {
    case auto, always, never

    /// Whether output to `fileDescriptor` gets colour.
    public func appliesTo(fileDescriptor: Int32 = 1) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
            return isatty(fileDescriptor) == 1
        }
    }
}

extension TextStyle {
    /// The style for standard output: colour per `color`, width from `COLUMNS` when set (40 to 400), else 80.
    public static func standardOutput(color: ColorMode) -> TextStyle {
        var width = 80
        if let raw = getenv("COLUMNS"), let columns = Int(String(cString: raw)), (40...400).contains(columns) {
            width = columns
        }
        return TextStyle(color: color.appliesTo(fileDescriptor: 1), width: width)
    }
}

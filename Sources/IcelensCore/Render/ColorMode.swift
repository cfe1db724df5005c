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
    /// The style for standard output: colour per `color`; width from `COLUMNS` when set (40 to 400), else the
    /// terminal's width when standard output is one, else 80.
    public static func standardOutput(color: ColorMode) -> TextStyle {
        var width = 80
        if let raw = getenv("COLUMNS"), let columns = Int(String(cString: raw)), (40...400).contains(columns) {
            width = columns
        } else if isatty(1) == 1 {
            var size = winsize()
            if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, (40...400).contains(Int(size.ws_col)) {
                width = Int(size.ws_col)
            }
        }
        return TextStyle(color: color.appliesTo(fileDescriptor: 1), width: width)
    }
}

/// A field value located in the current line: a byte range, never a copy.
public struct Span: Sendable, Equatable {
    /// Offset of the first byte in the line.
    public var start: Int32
    /// Length in bytes; -1 when the field is absent.
    public var count: Int32
    /// The value is a JSON string holding backslash escapes (decode before use).
    public var escaped: Bool
    /// The value is a JSON string, array or object (not a bare word or number).
    public var kind: ValueKind

    /// What sort of value a span holds.
    public enum ValueKind: UInt8, Sendable {
        case bare, string, array, object
    }

    /// The absent span.
    public static let none = Span(start: 0, count: -1, escaped: false, kind: .bare)

    /// True when the field was present.
    @inline(__always) public var isPresent: Bool { count >= 0 }

    /// Makes a span.
    @inline(__always)
    public init(start: Int, count: Int, escaped: Bool = false, kind: ValueKind = .bare) {
        self.start = Int32(truncatingIfNeeded: start)
        self.count = Int32(truncatingIfNeeded: count)
        self.escaped = escaped
        self.kind = kind
    }

    init(start: Int32, count: Int32, escaped: Bool, kind: ValueKind) {
        self.start = start
        self.count = count
        self.escaped = escaped
        self.kind = kind
    }
}

/// The fields a format scanner found in one line, as byte ranges into that line, one slot per `FieldSlot`.
/// Reused from line to line: reset, never reallocated.
public struct LineFields {
    /// How the line was written.
    public enum Format: UInt8, Sendable {
        case json, logfmt, text
    }

    /// The format the scanner recognised.
    public var format: Format = .text
    /// Spans by `FieldSlot.rawValue`, inline (no array header, no uniqueness check per access); only the slots
    /// whose bit is set in `present` are meaningful, so a reset clears one word instead of every span.
    @usableFromInline var spans: InlineArray<19, Span>
    /// Bit `slot.rawValue` is set when that slot holds a span of the current line.
    @usableFromInline var present: UInt32 = 0
    /// Bit `slot.rawValue` is set when that span came from a nested container object (top-level fields win over
    /// nested ones).
    @usableFromInline var nested: UInt32 = 0
    /// A bare role tag (`[guide]`) seen in a text line.
    public var roleTag: Role?
    /// Where free text starts in a text line (component tags and message), or -1.
    public var textStart: Int = -1
    /// Whether the line's own timestamp could not be parsed.
    public var badTime: Bool = false
    /// The time the scanner already parsed from the `time` span (text lines), so it is not parsed twice.
    public var parsedTimeMs: Int64?
    /// The line's time is a time of day only (`10:16:29.123`, `[10:16:29 DBG]`): of an unknown day.
    public var timeOfDayOnly: Bool = false
    /// The last date parsed, kept from line to line (not reset): consecutive lines share their date.
    public var dateMemo = Timestamp.DateMemo()

    /// Makes an empty set of fields.
    public init() {
        precondition(FieldSlot.count == 19, "LineFields.spans holds one span per FieldSlot")
        spans = InlineArray(repeating: .none)
    }

    /// Clears all fields for the next line.
    @inline(__always)
    public mutating func reset() {
        present = 0
        nested = 0
        format = .text
        roleTag = nil
        textStart = -1
        badTime = false
        parsedTimeMs = nil
        timeOfDayOnly = false
    }

    /// The span of `slot`.
    @inline(__always)
    public subscript(slot: FieldSlot) -> Span {
        present & (1 << UInt32(slot.rawValue)) != 0 ? spans[slot.rawValue] : .none
    }

    /// Records a field; a top-level value replaces a nested one, otherwise the first one seen stays.
    @inline(__always)
    public mutating func set(_ slot: FieldSlot, _ span: Span, nested isNested: Bool = false) {
        let i = slot.rawValue
        let bit: UInt32 = 1 << UInt32(i)
        if present & bit != 0 && spans[i].isPresent && (isNested || nested & bit == 0) { return }
        spans[i] = span
        present |= bit
        if isNested { nested |= bit } else { nested &= ~bit }
    }
}

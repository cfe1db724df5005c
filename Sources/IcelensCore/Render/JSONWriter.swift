/// A small streaming JSON writer: objects and arrays are written in the order their keys are given (results
/// depend on that order being fixed, see docs/json-schema.md), with commas and indentation handled here.
struct JSONWriter<Output: TextOutputStream> {
    /// Where the text goes.
    var output: Output
    /// Pretty or compact.
    let style: JSONStyle
    /// One entry per open container: true while it has no element yet.
    private var empty: [Bool] = []
    /// True right after a key, when the next value follows on the same line.
    private var afterKey = false

    /// Makes a writer over `output`.
    init(output: Output, style: JSONStyle) {
        self.output = output
        self.style = style
    }

    private mutating func beginValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = empty.indices.last else { return }
        if !empty[last] { output.write(",") }
        empty[last] = false
        newline()
    }

    private mutating func newline() {
        guard style == .pretty else { return }
        output.write("\n")
        output.write(String(repeating: "  ", count: empty.count))
    }

    /// Opens an object, as a value or after a key.
    mutating func beginObject() {
        beginValue()
        output.write("{")
        empty.append(true)
    }

    /// Closes the innermost object.
    mutating func endObject() { close("}") }

    /// Opens an array.
    mutating func beginArray() {
        beginValue()
        output.write("[")
        empty.append(true)
    }

    /// Closes the innermost array.
    mutating func endArray() { close("]") }

    private mutating func close(_ bracket: String) {
        let wasEmpty = empty.popLast() ?? true
        if !wasEmpty { newline() }
        output.write(bracket)
    }

    /// Writes a key; its value must follow.
    mutating func key(_ name: String) {
        beginValue()
        output.write(JSONText.quoted(name))
        output.write(style == .pretty ? ": " : ":")
        afterKey = true
    }

    /// Writes already-formatted JSON text (a number or `null`) as a value.
    mutating func raw(_ text: String) {
        beginValue()
        output.write(text)
    }

    /// Writes a string value, or `null`.
    mutating func string(_ value: String?) { raw(value.map(JSONText.quoted) ?? "null") }

    /// Writes an integer value, or `null`.
    mutating func int<T: BinaryInteger>(_ value: T?) { raw(value.map { String($0) } ?? "null") }

    /// Writes a boolean value.
    mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }

    /// `"name": "value"` (or null).
    mutating func field(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }

    /// `"name": 12` (or null).
    mutating func field<T: BinaryInteger>(_ name: String, _ value: T?) {
        key(name)
        int(value)
    }

    /// `"name": true`.
    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }

    /// `"name": 0.1234` with `places` decimals (4 for rates and ratios), or null.
    mutating func field(_ name: String, _ value: Double?, places: Int) {
        key(name)
        raw(JSONText.decimal(value, places: places))
    }

    /// `"name": 1.8`: a duration held in ms, in seconds with 3 decimals, or null.
    mutating func field(_ name: String, secondsFromMs ms: Int64?) {
        key(name)
        raw(JSONText.seconds(ms: ms))
    }

    /// `"name": "2026-03-02T10:15:00.123Z"` from ms since the epoch, or null.
    mutating func field(_ name: String, timeMs: Int64?) {
        field(name, timeMs.map(UTCTimestamp.format(ms:)))
    }

    /// Ends the document with a newline.
    mutating func finish() {
        output.write("\n")
    }
}

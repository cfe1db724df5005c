/// Renders records one JSON object a line (NDJSON), each exactly the object the `json` format puts in its list, so
/// `jq` and log pipelines can stream them; the run's parameters and line accounting are not in the stream (the
/// accounting goes to standard error, like every format read by programs). Strings are escaped per RFC 8259.
public struct NDJSONRenderer: ConnectionListRendering {
    /// Makes a renderer; NDJSON has no options.
    public init(options: RenderOptions = RenderOptions()) {}

    /// Writes one line per connection record of `list`.
    public func render<O: TextOutputStream>(_ list: ConnectionList, into out: inout O) {
        list.forEach { record in
            var w = JSONWriter(output: "", style: .compact)
            w.connectionRecord(record)
            w.finish()
            out.write(w.output)
        }
    }
}

/// Renders a report or a comparison in the Prometheus text exposition format, for node_exporter's textfile
/// collector (`-o /var/lib/node_exporter/textfile/icelens.prom`, which icelens replaces in one step): `# HELP` and
/// `# TYPE` once a family, base units (`_seconds`), `_total` counters for counts of the run's window, `_ratio` for
/// shares, a `period` label (`all`, or `before`/`after` for a comparison) and an `instance_host` label per TURN
/// instance (`instance` is Prometheus's own target label). Label values are escaped per the format (backslash, double
/// quote, newline) after control characters are removed. It computes nothing.
public struct PrometheusRenderer: ReportRendering, ComparisonRendering {
    /// Makes a renderer.
    public init() {}

    /// Makes the renderer for a run's options.
    public init(options: RenderOptions) {}

    /// One metric family being written: its samples are collected, then written under one HELP and TYPE.
    struct Family {
        var name: String
        var help: String
        var type: String
        var samples: [(labels: [(String, String)], value: String, suffix: String)] = []
    }

    /// Writes `report` (`icelens report`, `icelens merge`).
    public func render<O: TextOutputStream>(_ report: AnalysisReport, into out: inout O) {
        var families = summaryFamilies([("all", report.summary)])
        families += instanceFamilies(report.instances)
        families += turnFamilies(report.turnSummary)
        families += accountingFamilies(report.inputs)
        families += checkFamilies(report.checks)
        families += windowFamilies(report.parameters)
        write(families, into: &out)
    }

    /// Writes `report` (`icelens compare`): the summary families with `period="before"` and `"after"`.
    public func render<O: TextOutputStream>(_ report: ComparisonReport, into out: inout O) {
        var families = summaryFamilies([
            ("before", report.comparison.before), ("after", report.comparison.after),
        ])
        var verdicts = Family(
            name: "icelens_promise_met",
            help: "1 when a promised result of the fix is met on the after period, 0 "
                + "when not, absent without data.", type: "gauge")
        for v in report.comparison.verdicts where v.status != .noData {
            verdicts.samples.append(([("promise", v.promise.rawValue)], v.status == .met ? "1" : "0", ""))
        }
        families.append(verdicts)
        families += accountingFamilies(report.inputs)
        write(families, into: &out)
    }

    private func summaryFamilies(_ periods: [(String, Summary)]) -> [Family] {
        func counter(_ name: String, _ help: String, _ read: (Summary) -> Int) -> Family {
            Family(
                name: "icelens_\(name)_total", help: help, type: "counter",
                samples: periods.map { ([("period", $0.0)], String(read($0.1)), "") })
        }
        func gauge(_ name: String, _ help: String, _ read: (Summary) -> Double?) -> Family {
            Family(
                name: "icelens_\(name)", help: help, type: "gauge",
                samples: periods.compactMap { p in read(p.1).map { ([("period", p.0)], Self.number($0), "") } })
        }
        var ttc = Family(
            name: "icelens_time_to_connect_seconds",
            help: "Time to connect (checking to connected) of connected connections: nearest-rank quantiles.",
            type: "summary")
        for (period, s) in periods {
            for (q, ms) in [("0.5", s.ttcP50Ms), ("0.9", s.ttcP90Ms), ("0.99", s.ttcP99Ms), ("1", s.ttcMaxMs)] {
                if let ms { ttc.samples.append(([("period", period), ("quantile", q)], Self.seconds(ms), "")) }
            }
            ttc.samples.append(([("period", period)], Self.seconds(s.ttcSumMs), "_sum"))
            ttc.samples.append(([("period", period)], String(s.ttcSamples), "_count"))
        }
        return [
            counter("tours", "Tours whose first line is in the run's window.") { $0.tours },
            counter("connections", "Connections, one per (tour, attendee).") { $0.connections },
            counter("connections_connected", "Connections whose outcome is connected.") { $0.connected },
            counter("connections_failed", "Connections whose outcome is failed.") { $0.failed },
            counter("connections_incomplete", "Connections whose log ends before an outcome.") { $0.incomplete },
            counter("connections_timed_out", "Connections with at least one ICE timeout.") { $0.timeouts },
            counter("connections_mismatched", "Connections whose guide and attendee used different TURN instances.") {
                $0.mismatched
            },
            counter("ice_attempts", "ICE attempts over all connections.") { $0.attempts },
            counter("ice_restarts", "ICE restarts over all connections.") { $0.restarts },
            counter("xirsys_api_calls", "Xirsys API calls (browser/server de-duplicated).") { $0.xirsysApiCalls },
            counter("fallbacks", "Attendees that fell back to their own Xirsys fetch.") { $0.fallbacks },
            gauge("success_ratio", "connected / (connected + failed).") { $0.successRate },
            gauge("timeout_ratio", "Connections with a timeout / connections.") { $0.timeoutShare },
            gauge("mismatch_ratio", "Mismatched connections / connections.") { $0.mismatchShare },
            gauge("fast_connect_ratio", "Connected connections under the slow threshold (5 s) / those timed.") {
                $0.ttcUnder5sShare
            },
            gauge("xirsys_api_calls_per_tour", "Xirsys API calls / tours.") { $0.xirsysApiCallsPerTour },
            ttc,
        ]
    }

    private func instanceFamilies(_ table: InstanceTable) -> [Family] {
        func family(_ name: String, _ help: String, _ read: (InstanceTable.Row) -> Int) -> Family {
            Family(
                name: "icelens_instance_\(name)_total", help: help, type: "counter",
                samples: table.rows.map { ([("instance_host", $0.instance)], String(read($0)), "") })
        }
        return [
            family("connections", "Connections with an ICE attempt on this TURN instance (either side).") {
                $0.connections
            },
            family("connections_failed", "Failed connections with an attempt on this TURN instance.") { $0.failed },
            family("connections_timed_out", "Timed-out connections with an attempt on this TURN instance.") {
                $0.timeouts
            },
            family("connections_mismatched", "Mismatched connections with an attempt on this TURN instance.") {
                $0.mismatched
            },
        ]
    }

    private func accountingFamilies(_ inputs: InputsReport) -> [Family] {
        let t = inputs.totals
        return [
            Family(
                name: "icelens_lines_total", help: "Lines read, by what became of them (they add up to all read).",
                type: "counter",
                samples: [
                    ([("class", "recognised")], String(t.recognised), ""),
                    ([("class", "unrecognised")], String(t.unrecognised), ""),
                    ([("class", "malformed")], String(t.malformed), ""), ([("class", "cut")], String(t.cut), ""),
                ]),
            Family(
                name: "icelens_input_bytes_total", help: "Uncompressed bytes read.", type: "counter",
                samples: [([], String(t.bytes), "")]),
            Family(
                name: "icelens_inputs_damaged", help: "Inputs damaged (cut or corrupt gzip) or unreadable.",
                type: "gauge", samples: [([], String(inputs.damagedInputs + inputs.failures.count), "")]),
        ]
    }

    private func checkFamilies(_ checks: [CheckResult]) -> [Family] {
        guard !checks.isEmpty else { return [] }
        return [
            Family(
                name: "icelens_check_failed", help: "1 when a --fail-if check failed (exit status 3), else 0.",
                type: "gauge",
                samples: checks.map { ([("check", $0.threshold.expression)], $0.failed ? "1" : "0", "") })
        ]
    }

    private func windowFamilies(_ p: AnalysisParameters) -> [Family] {
        var families: [Family] = []
        if let since = p.windowSinceMs {
            families.append(
                Family(
                    name: "icelens_window_start_timestamp_seconds", help: "Start of the run's window (--since).",
                    type: "gauge", samples: [([], Self.seconds(since), "")]))
        }
        if let until = p.windowUntilMs {
            families.append(
                Family(
                    name: "icelens_window_end_timestamp_seconds", help: "End of the run's window (--until).",
                    type: "gauge", samples: [([], Self.seconds(until), "")]))
        }
        return families
    }

    private func write<O: TextOutputStream>(_ families: [Family], into out: inout O) {
        for family in families where !family.samples.isEmpty {
            out.write("# HELP \(family.name) \(Self.help(family.help))\n")
            out.write("# TYPE \(family.name) \(family.type)\n")
            for sample in family.samples {
                out.write(family.name + sample.suffix)
                if !sample.labels.isEmpty {
                    out.write("{")
                    out.write(sample.labels.map { "\($0.0)=\"\(Self.label($0.1))\"" }.joined(separator: ","))
                    out.write("}")
                }
                out.write(" \(sample.value)\n")
            }
        }
    }

    /// A label value: `\`, `"` and newline escaped as the format says, and every other control, bidi or invisible
    /// character (and `%` itself) percent-encoded, so two different hosts never become one series (a duplicate
    /// series makes node_exporter drop the whole file) and no label moves a terminal's cursor.
    static func label(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            let v = scalar.value
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default:
                if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x25 || UntrustedText.isBidiControl(v)
                    || UntrustedText.isInvisible(v)
                {
                    for byte in String(scalar).utf8 {
                        out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(2)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// HELP text: `\` and newline escaped.
    static func help(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    static func number(_ value: Double) -> String {
        NumberFormat.fixed(value, places: 6, trimZeros: true) ?? "NaN"
    }

    static func seconds(_ ms: Int64) -> String { NumberFormat.fixed(scaled: ms, places: 3, trimZeros: true) }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

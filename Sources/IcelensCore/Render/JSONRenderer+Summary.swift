/// The pieces of a report: parameters, input accounting, summary, finding and tour row.
extension JSONWriter {
    /// The keys every `icelens/1` document starts with: schema, kind, generated_by and parameters.
    mutating func head(kind: String, generatedBy: String, parameters: AnalysisParameters) {
        field("schema", AnalysisReport.schema)
        field("kind", kind)
        field("generated_by", generatedBy)
        field("version", IcelensVersion.current)
        key("parameters")
        self.parameters(parameters)
    }

    mutating func parameters(_ p: AnalysisParameters) {
        beginObject()
        field("timeout_s", secondsFromMs: p.timeoutMs)
        field("slow_threshold_s", secondsFromMs: p.slowThresholdMs)
        field("api_call_reduction_target", p.apiCallReductionTarget, places: 4)
        key("window")
        beginObject()
        field("since", timeMs: p.windowSinceMs)
        field("until", timeMs: p.windowUntilMs)
        endObject()
        if !p.filter.keepsEverything { filter(p) }
        endObject()
    }

    /// The pooled days before a `--history` run.
    mutating func baseline(_ b: HistoryBaseline) {
        beginObject()
        field("span_days", b.span)
        field("days_recorded", b.days)
        field("success_rate", b.summary.successRate, places: 4)
        field("timeouts_per_day", b.timeoutsPerDay, places: 4)
        field("mismatched_per_day", b.mismatchedPerDay, places: 4)
        field("xirsys_api_calls_per_tour", b.summary.xirsysApiCallsPerTour, places: 4)
        field("ttc_under_5s_share", b.summary.ttcUnder5sShare, places: 4)
        endObject()
    }

    /// The `--fail-if` results: each expression, the value it saw (null when undefined) and whether it failed.
    mutating func checks(_ checks: [CheckResult]) {
        beginArray()
        for check in checks {
            beginObject()
            field("expression", check.threshold.expression)
            field("metric", check.threshold.metric)
            field("operator", check.threshold.comparison.rawValue)
            field("limit", check.threshold.limit, places: 6)
            field("value", check.value, places: 6)
            field("failed", check.failed)
            endObject()
        }
        endArray()
    }

    /// What the run was narrowed to: present only when something was filtered.
    mutating func filter(_ p: AnalysisParameters) {
        let f = p.filter
        key("filter")
        beginObject()
        key("tours")
        beginArray()
        for tour in f.tours { string(tour) }
        endArray()
        field("peer", f.peer)
        field("instance", f.instance)
        field("flagged", f.flaggedOnly)
        field("since", timeMs: p.windowSinceMs)
        field("until", timeMs: p.windowUntilMs)
        field("since_given", f.window.since?.description)
        field("until_given", f.window.until?.description)
        endObject()
    }

    mutating func inputs(_ inputs: InputsReport) {
        beginObject()
        key("files")
        beginArray()
        for input in inputs.inputs { accounting(input, named: true) }
        endArray()
        key("totals")
        accounting(inputs.totals, named: false)
        field("gzip_files", inputs.gzipInputs)
        field("damaged_files", inputs.damagedInputs)
        field("events_without_tour", inputs.eventsWithoutTour)
        field("events_dropped", inputs.droppedEvents)
        field("events_late", inputs.lateEvents)
        field("events_from_browser", inputs.browserEvents)
        field("events_from_server", inputs.serverEvents)
        key("inputs_going_back")
        beginArray()
        for jump in inputs.timeJumps {
            beginObject()
            field("input", jump.input)
            field("times", jump.count)
            endObject()
        }
        endArray()
        field("held_tour_limit_reached", inputs.heldTourLimitReached)
        key("unreadable_files")
        beginArray()
        for failure in inputs.failures {
            beginObject()
            field("input", failure.input)
            field("reason", failure.reason)
            endObject()
        }
        endArray()
        endObject()
    }

    private mutating func accounting(_ a: InputAccounting, named: Bool) {
        beginObject()
        if named {
            field("input", a.input)
            field("gzip", a.gzip)
        }
        field("bytes", a.bytes)
        field("lines_read", a.read)
        field("recognised", a.recognised)
        field("unrecognised", a.unrecognised)
        field("malformed", a.malformed)
        field("cut", a.cut)
        if named {
            key("damage")
            if let damage = a.damage {
                beginObject()
                field("byte_offset", damage.byteOffset)
                field("reason", damage.reason)
                endObject()
            } else {
                raw("null")
            }
        }
        endObject()
    }

    /// A summary: every metric of `Metric.all` in table order, then the API calls by caller role and origin.
    mutating func summary(_ s: Summary) {
        beginObject()
        for metric in Metric.all { self.metric(metric.key, metric.unit, metric.read(s)) }
        key("api_calls_by_role")
        beginObject()
        for role in s.apiCallsByRole.keys.sorted() { field(role, s.apiCallsByRole[role]) }
        endObject()
        key("api_calls_origin")
        beginObject()
        field("server_tours", s.apiCallsFromServerTours)
        field("browser_tours", s.apiCallsFromBrowserTours)
        field("no_call_tours", s.apiCallsNoneTours)
        endObject()
        endObject()
    }

    /// `"key": value` of one metric: counts as integers, rates and ratios to 4 decimals, seconds to 3.
    mutating func metric(_ name: String, _ unit: MetricUnit, _ value: MetricValue) {
        switch value {
        case .count(let n): field(name, n)
        case .milliseconds(let ms): field(name, secondsFromMs: ms)
        case .proportion, .ratio: field(name, value.number, places: unit.jsonPlaces)
        }
    }

    mutating func finding(_ f: Finding) {
        beginObject()
        field("tour", f.tour)
        field("attendee", f.attendee)
        field("guide", f.guide)
        key("flags")
        beginArray()
        for flag in f.flags { string(flag.rawValue) }
        endArray()
        field("outcome", f.outcome.rawValue)
        field("attempts", f.attempts)
        field("guide_instance", f.guideInstance)
        field("attendee_instance", f.attendeeInstance)
        field("ttc_s", secondsFromMs: f.timeToConnectMs)
        field("ttc_clock", f.timeToConnectClock?.rawValue)
        field("first_seen", timeMs: f.firstSeenMs)
        field("reason", f.reason)
        endObject()
    }

    mutating func tourRow(_ r: TourRow) {
        beginObject()
        field("tour", r.tour)
        field("guide", r.guide)
        key("guide_instances")
        beginArray()
        for instance in r.guideInstances { string(instance) }
        endArray()
        field("first_seen", timeMs: r.firstSeenMs)
        field("label", r.label)
        field("attendees", r.attendees)
        field("connected", r.connected)
        field("failed", r.failed)
        field("incomplete", r.incomplete)
        field("mismatched", r.mismatched)
        field("timeouts", r.timeouts)
        field("ttc_p50_s", secondsFromMs: r.ttcP50Ms)
        field("api_calls", r.apiCalls)
        field("flagged_connections", r.flaggedConnections)
        field("flagged", r.flagged)
        endObject()
    }
}

/// The pieces of a report: parameters, input accounting, summary, finding and tour row.
extension JSONWriter {
    mutating func parameters(_ p: AnalysisParameters) {
        beginObject()
        field("timeout_s", secondsFromMs: p.timeoutMs)
        field("slow_threshold_s", secondsFromMs: p.slowThresholdMs)
        field("api_call_reduction_target", p.apiCallReductionTarget, places: 4)
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

    mutating func summary(_ s: Summary) {
        beginObject()
        field("tours", s.tours)
        field("connections", s.connections)
        field("connected", s.connected)
        field("failed", s.failed)
        field("incomplete", s.incomplete)
        field("success_rate", s.successRate, places: 4)
        field("timeouts", s.timeouts)
        field("timeout_share", s.timeoutShare, places: 4)
        field("mismatched", s.mismatched)
        field("mismatch_share", s.mismatchShare, places: 4)
        field("ttc_p50_s", secondsFromMs: s.ttcP50Ms)
        field("ttc_p90_s", secondsFromMs: s.ttcP90Ms)
        field("ttc_p99_s", secondsFromMs: s.ttcP99Ms)
        field("ttc_max_s", secondsFromMs: s.ttcMaxMs)
        field("ttc_under_5s_share", s.ttcUnder5sShare, places: 4)
        field("ttc_samples", s.ttcSamples)
        field("ttc_under_5s", s.ttcUnder5s)
        field("ttc_cross_clock", s.ttcCrossClock)
        field("connected_without_ttc", s.connectedWithoutTtc)
        field("xirsys_api_calls", s.xirsysApiCalls)
        field("xirsys_api_calls_per_tour", s.xirsysApiCallsPerTour, places: 4)
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
        field("fallbacks", s.fallbacks)
        field("fallback_rate", s.fallbackRate, places: 4)
        field("attempts", s.attempts)
        field("restarts", s.restarts)
        field("instances_known", s.instancesKnown)
        field("mismatched_connected", s.mismatchedConnected)
        field("mismatched_failed", s.mismatchedFailed)
        endObject()
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

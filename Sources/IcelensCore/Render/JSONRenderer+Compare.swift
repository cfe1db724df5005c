/// The pieces of a comparison: split, metric change, proportion test and mismatch-outcome table.
extension JSONWriter {
    mutating func split(_ split: PeriodSplit) {
        beginObject()
        field("method", split.method)
        switch split {
        case .cutoff(let ms):
            field("cutoff_ms", ms)
            field("cutoff", timeMs: ms)
        case .label(let name, let value):
            field("field", name)
            field("value", value)
        case .inputSets(let before, let after):
            key("before_inputs")
            beginArray()
            for input in before { string(input) }
            endArray()
            key("after_inputs")
            beginArray()
            for input in after { string(input) }
            endArray()
        }
        field("description", split.description)
        endObject()
    }

    mutating func change(_ c: MetricChange) {
        let places = c.unit.jsonPlaces
        key(c.metric)
        beginObject()
        field("unit", c.unit.rawValue)
        field("before", c.before, places: places)
        field("after", c.after, places: places)
        field("absolute", c.absolute, places: places)
        field("relative", c.relative, places: 4)
        key("test")
        if let t = c.test {
            beginObject()
            field("before_successes", t.successesBefore)
            field("before_trials", t.trialsBefore)
            field("after_successes", t.successesAfter)
            field("after_trials", t.trialsAfter)
            field("difference", t.difference, places: 4)
            field("ci95_low", t.ciLow, places: 4)
            field("ci95_high", t.ciHigh, places: 4)
            key("p_value")
            raw(JSONText.pValue(t.pValue))
            field("method", t.method.rawValue)
            endObject()
        } else {
            raw("null")
        }
        endObject()
    }

    mutating func mismatchOutcome(_ t: MismatchOutcomeTable) {
        beginObject()
        key("mismatched")
        beginObject()
        field("connected", t.mismatchedConnected)
        field("failed", t.mismatchedFailed)
        field("failure_rate", t.mismatchedFailureRate, places: 4)
        endObject()
        key("same_or_unknown")
        beginObject()
        field("connected", t.otherConnected)
        field("failed", t.otherFailed)
        field("failure_rate", t.otherFailureRate, places: 4)
        endObject()
        key("fisher_p_value")
        raw(JSONText.pValue(t.fisherPValue))
        endObject()
    }
}

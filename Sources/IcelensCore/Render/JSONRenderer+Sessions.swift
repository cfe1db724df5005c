extension JSONRenderer: TurnSessionListRendering {
    /// Writes the TURN sessions of `list` (kind "sessions"), the server errors that name no session, and the
    /// accounting.
    public func render<Output: TextOutputStream>(_ list: TurnSessionList, into output: inout Output) {
        let report = list.report
        var w = JSONWriter(output: output, style: style)
        w.beginObject()
        w.head(kind: "sessions", generatedBy: report.generatedBy, parameters: report.parameters)
        w.key("sessions")
        w.beginArray()
        list.forEachSession { w.turnSession($0) }
        w.endArray()
        w.field("server_errors_total", report.turnSummary?.serverErrors ?? list.errors.count)
        w.key("server_errors")
        w.beginArray()
        for error in list.errors {
            w.beginObject()
            w.field("server", error.server)
            w.field("text", error.text)
            w.moment("at", error.at)
            w.endObject()
        }
        w.endArray()
        w.key("inputs")
        w.inputs(report.inputs)
        w.endObject()
        w.finish()
        output = w.output
    }
}

extension JSONWriter {
    /// One TURN session (docs/json-schema.md "sessions"): the same object in `json` and `ndjson`.
    mutating func turnSession(_ s: TurnSession) {
        beginObject()
        field("session", s.session)
        field("server", s.server)
        field("run", s.run)
        field("realm", s.realm)
        field("username", s.username)
        field("user", s.user)
        field("expiry", s.expiry)
        field("stun_only", s.stunOnly)
        field("allocated", s.allocated)
        field("relay_address", s.relayAddress)
        field("client_address", s.clientAddress)
        field("listener", s.listener)
        field("lifetime_s", s.lifetimeS)
        field("refreshes", s.refreshes)
        field("deallocated", s.deallocated)
        strings("permissions", s.permissions)
        strings("channels", s.channels)
        field("bindings", s.bindings)
        usage("usage", s.usage)
        usage("peer_usage", s.peerUsage)
        key("allocate_errors")
        beginArray()
        for e in s.allocateErrors { int(e.code) }
        endArray()
        field("challenges", s.challenges)
        key("errors")
        beginArray()
        for e in s.errors {
            beginObject()
            field("method", e.method)
            field("code", e.code)
            field("text", e.text)
            endObject()
        }
        endArray()
        strings("notes", s.notes)
        field("close_reason", s.closeReason)
        moment("opened", s.opened)
        moment("closed", s.closed)
        endObject()
    }

    /// `{rp, rb, sp, sb}`.
    mutating func usage(_ name: String, _ u: TurnUsage) {
        key(name)
        beginObject()
        field("rp", u.rp)
        field("rb", u.rb)
        field("sp", u.sp)
        field("sb", u.sb)
        endObject()
    }

    /// `{time, uptime_s}` of a line, or null.
    mutating func moment(_ name: String, _ m: TurnMoment?) {
        key(name)
        guard let m else { return raw("null") }
        beginObject()
        field("time", timeMs: m.timeMs)
        field("uptime_s", m.uptimeS)
        field("day", m.day)
        endObject()
    }
}

extension NDJSONRenderer: TurnSessionListRendering {
    /// Writes one line per TURN session of `list`.
    public func render<O: TextOutputStream>(_ list: TurnSessionList, into out: inout O) {
        list.forEachSession { session in
            var w = JSONWriter(output: "", style: .compact)
            w.turnSession(session)
            w.finish()
            out.write(w.output)
        }
    }
}

extension JSONWriter {
    /// A report's `turn` block (docs/json-schema.md).
    mutating func turnSummary(_ t: TurnSummary) {
        beginObject()
        field("sessions", t.sessions)
        field("allocated", t.allocated)
        field("stun_only", t.stunOnly)
        field("deallocated", t.deallocated)
        field("failed_allocations", t.failedAllocations)
        field("challenges", t.challenges)
        key("allocate_errors")
        beginObject()
        for (code, count) in t.allocateErrors { field(String(code), count) }
        endObject()
        key("close_reasons")
        beginArray()
        for (reason, count) in t.closeReasons {
            beginObject()
            field("reason", reason)
            field("sessions", count)
            endObject()
        }
        endArray()
        usage("usage", t.usage)
        usage("peer_usage", t.peerUsage)
        field("server_errors", t.serverErrors)
        endObject()
    }
}

/// `icelens sessions` as CSV: one row a TURN session; lists space-separated.
extension CSVRenderer: TurnSessionListRendering {
    /// The header fields of `sessions`, in order.
    public static let sessionHeader = [
        "session", "server", "run", "realm", "user", "expiry", "stun_only", "allocated", "relay_address",
        "client_address", "listener", "lifetime_s", "refreshes", "deallocated", "permissions", "channels", "rp", "rb",
        "sp", "sb", "peer_rp", "peer_rb", "peer_sp", "peer_sb", "allocate_errors", "errors", "challenges",
        "close_reason",
        "opened", "closed",
    ]

    /// Writes the header and one row per session of `list`.
    public func render<O: TextOutputStream>(_ list: TurnSessionList, into out: inout O) {
        out.write(Self.sessionHeader.joined(separator: ","))
        out.write("\n")
        func moment(_ m: TurnMoment?) -> String {
            guard let m else { return "" }
            if let t = m.timeMs { return UTCTimestamp.format(ms: t) }
            return m.uptimeS.map { (m.day.map { $0 + " " } ?? "") + "uptime \($0)" } ?? ""
        }
        list.forEachSession { s in
            let u = s.usage
            let p = s.peerUsage
            let fields: [String] = [
                s.session, UntrustedText.forCSV(s.server), String(s.run), UntrustedText.forCSV(s.realm ?? ""),
                UntrustedText.forCSV(s.user ?? ""), s.expiry.map(String.init) ?? "", s.stunOnly ? "true" : "false",
                s.allocated ? "true" : "false", UntrustedText.forCSV(s.relayAddress ?? ""),
                UntrustedText.forCSV(s.clientAddress ?? ""), UntrustedText.forCSV(s.listener ?? ""),
                s.lifetimeS.map(String.init) ?? "", String(s.refreshes), s.deallocated ? "true" : "false",
                UntrustedText.forCSV(s.permissions.joined(separator: " ")),
                UntrustedText.forCSV(s.channels.joined(separator: " ")), String(u.rp), String(u.rb), String(u.sp),
                String(u.sb), String(p.rp), String(p.rb), String(p.sp), String(p.sb),
                s.allocateErrors.map { String($0.code) }.joined(separator: " "),
                s.errors.map { "\($0.method):\($0.code)" }.joined(separator: " "), String(s.challenges),
                UntrustedText.forCSV(s.closeReason ?? ""), moment(s.opened), moment(s.closed),
            ]
            out.write(fields.joined(separator: ","))
            out.write("\n")
        }
    }
}

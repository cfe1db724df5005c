/// `icelens sessions` as text: one row a TURN session, sized to the width, then the server errors that name no
/// session and the data quality.
extension TextRenderer: TurnSessionListRendering {
    /// Writes `list`.
    public func render<O: TextOutputStream>(_ list: TurnSessionList, into out: inout O) {
        let width = style.lineWidth
        let sessions = list.sessions
        let allocated = sessions.filter(\.allocated).count
        // One server and one run (the usual case) are said once in the title, not in every row.
        let servers = Set(sessions.map(\.server))
        let oneServer = servers.count <= 1
        let oneRun = sessions.allSatisfy { $0.run == 1 }
        var title =
            "icelens sessions: \(plural(sessions.count, "TURN session")), \(TextNumber.count(allocated)) allocated, "
            + "\(TextNumber.count(sessions.count - allocated)) STUN only"
        if oneServer, let server = servers.first { title += ", from " + UntrustedText.forTerminal(server) }
        var lines = TextLayout.wrap(title, width: width)
        if sessions.isEmpty {
            lines.append("No TURN session: coturn logs (verbose, `-v`) log one line set per session.")
        } else {
            var columns: [TextTable.Column] = [.init("session", right: false)]
            if !oneServer { columns.append(.init("server", right: false, shrinkTo: 8)) }
            if !oneRun { columns.append(.init("run")) }
            columns += [
                .init("user", right: false, shrinkTo: 8), .init("relay", right: false, shrinkTo: 10),
                .init("client", right: false, shrinkTo: 10), .init("perm"), .init("bytes in"), .init("bytes out"),
                .init("errors", right: false, shrinkTo: 6), .init("closed", right: false, shrinkTo: 12),
            ]
            var table = TextTable(columns)
            for s in sessions {
                let errors = s.errors.map { String($0.code) } + (s.challenges > 0 ? ["401x\(s.challenges)"] : [])
                var cells: [TextTable.Cell] = [.init(s.session)]
                if !oneServer { cells.append(.init(UntrustedText.forTerminal(s.server))) }
                if !oneRun { cells.append(.init(String(s.run))) }
                cells += [
                    .init(UntrustedText.forTerminal(s.user ?? TextNumber.missing)),
                    .init(UntrustedText.forTerminal(s.relayAddress ?? (s.allocated ? TextNumber.missing : "stun"))),
                    .init(UntrustedText.forTerminal(s.clientAddress ?? TextNumber.missing)),
                    .init(TextNumber.count(s.permissions.count)), .init(TextNumber.count(Int(clamping: s.usage.rb))),
                    .init(TextNumber.count(Int(clamping: s.usage.sb))),
                    .init(errors.isEmpty ? TextNumber.missing : errors.joined(separator: " ")),
                    .init(
                        UntrustedText.forTerminal(
                            s.closeReason ?? (s.closed == nil ? "still open" : TextNumber.missing))),
                ]
                table.add(cells)
            }
            lines += table.lines(width: width, indent: 0, style: style)
            lines.append("")
            lines += TextLayout.wrap(
                "perm = peers given permissions, bytes in/out = from/to the client (usage, summed), errors = request "
                    + "error codes (401x2 = two long-term-credential challenges, the normal first step, no failure)",
                width: width)
        }
        if !list.errors.isEmpty {
            lines.append("")
            let total = list.report.turnSummary?.serverErrors ?? list.errors.count
            lines.append("Server errors naming no session: \(TextNumber.count(total))")
            for e in list.errors.prefix(10) {
                lines += TextLayout.wrap("  " + UntrustedText.forTerminal(e.text), width: width)
            }
        }
        lines.append("")
        lines += AccountingRenderer.dataQualityLines(list.report.inputs, style: style)
        write(lines, into: &out)
    }
}

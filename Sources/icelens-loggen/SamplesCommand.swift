#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `icelens-loggen samples`: the before/after story as plain log files under `outDir` (`before/` and `after/`,
/// each with `browser-guides.log`, `browser-attendees.log`, `server/signaling.log`); returns the designed-in
/// figures as text.
struct SamplesCommand {
    /// The folder to write into (created when missing).
    let outDir: String
    /// The seed of every random choice.
    let seed: UInt64
    /// Tours per day.
    var toursPerDay = 150
    /// Where to write each connection as designed (NDJSON, `icelens connections`' keys), if anywhere.
    var connectionsPath: String?

    /// Writes both days; returns the ground-truth summary, or nil with a message when a file cannot be written.
    func run(log: (String) -> Void) -> String? {
        var summary = ""
        var designed: [ConnectionTruth] = []
        for (index, mode) in [DayMode.before, DayMode.after].enumerated() {
            let name = mode == .before ? "before" : "after"
            guard makeDirectory(outDir), makeDirectory(outDir + "/" + name),
                makeDirectory(outDir + "/" + name + "/server")
            else {
                log("icelens-loggen: cannot create folders under \(outDir)")
                return nil
            }
            var rng = Xoshiro256(seed: seed &+ UInt64(index) &* 0x1000_0000_01B3)
            let truth = writeDay(mode: mode, day: 1 + index, folder: outDir + "/" + name, rng: &rng, log: log)
            guard let truth else { return nil }
            summary += truth.summary(label: name)
            designed += truth.connectionRecords ?? []
        }
        if let connectionsPath {
            guard let sink = ByteSink(path: connectionsPath) else {
                log("icelens-loggen: cannot write \(connectionsPath)")
                return nil
            }
            for record in designed { sink.text(record.line() + "\n") }
            sink.finish()
        }
        return summary
    }

    /// Simulates one day, orders each file the way a log shipper would, and writes the three files.
    private func writeDay(
        mode: DayMode, day: Int, folder: String, rng: inout Xoshiro256, log: (String) -> Void
    ) -> GroundTruth? {
        let dayStart = CivilTime.epochMs(year: 2026, month: 3, day: day)
        let hour: Int64 = 3_600_000
        let schedule = InstanceSchedule(fromMs: dayStart + 5 * hour, toMs: dayStart + 23 * hour, rng: &rng)
        var simulator = TourSimulator(rng: Xoshiro256(seed: rng.next()), schedule: schedule)
        if connectionsPath != nil { simulator.truth.connectionRecords = [] }
        var records: [LogRecord] = []
        var starts = (0..<toursPerDay).map { _ in dayStart + rng.range64(8 * hour, 19 * hour) }
        starts.sort()
        var usedCodes = Set<UInt32>()
        for start in starts {
            var code = UInt32(rng.below(2_176_782_336))
            while !usedCodes.insert(code).inserted { code = UInt32(rng.below(2_176_782_336)) }
            let spec = TourSpec(
                tourCode: code, startMs: start, attendees: rng.range(3, 12),
                durationMs: rng.range64(25 * 60_000, 60 * 60_000), mode: mode)
            simulator.simulate(spec, into: &records)
        }
        var seq = simulator.seq
        shipInBatches(&records, rng: &rng)
        var files: [[LogRecord]] = [[], [], []]
        for r in records { files[Int(r.file.rawValue)].append(r) }
        let noiseKinds: [[RecordKind]] = [
            Array(repeating: .noiseBrowserText, count: 7) + Array(repeating: .noiseBrowserJSON, count: 4)
                + [.noiseBrowserStack],
            Array(repeating: .noiseBrowserText, count: 5) + Array(repeating: .noiseBrowserJSON, count: 6)
                + [.noiseBrowserStack],
            Array(repeating: .noiseHTTP, count: 6) + Array(repeating: .noiseServerJSON, count: 3)
                + Array(repeating: .noiseMetrics, count: 2) + [.noiseServerStack],
        ]
        let names = ["browser-guides.log", "browser-attendees.log", "server/signaling.log"]
        for f in 0..<3 {
            let noiseCount = files[f].count / 5
            for i in 0..<(noiseCount + 3) {
                let t = dayStart + rng.range64(7 * hour + hour / 2, 20 * hour + hour / 2)
                seq &+= 1
                let kind = i < noiseCount ? noiseKinds[f][rng.below(noiseKinds[f].count)] : RecordKind.malformed
                files[f].append(
                    LogRecord(
                        timeMs: t, orderKey: t * 16, seq: seq, tourCode: 0, kind: kind, format: .text,
                        file: LogFile(rawValue: UInt8(f)) ?? .server, role: .guide, peer: 0, remote: 0, instance: 0,
                        reworded: false, arg: 0, salt: rng.salt()))
            }
            files[f].sort(by: LogRecord.fileOrder)
            let path = folder + "/" + names[f]
            guard let sink = ByteSink(path: path) else {
                log("icelens-loggen: cannot write \(path)")
                return nil
            }
            // Structured browser lines name the app version, so `compare --split-by appVersion=2.4.0` splits the days.
            let renderer = RecordRenderer(sink: sink, appVersion: mode == .before ? "2.3.7" : "2.4.0")
            for r in files[f] { renderer.render(r) }
            sink.finish()
            log("icelens-loggen: wrote \(path): \(sink.linesWritten) lines, \(sink.bytesWritten) bytes")
        }
        return simulator.truth
    }

    /// Gives every line a file position: browser lines travel in per-peer batches (4-12 lines or 20 s) shipped
    /// 2-45 s after their last line; server lines are written at once. Positions are in 1/16 ms so a batch keeps
    /// its own line order.
    private func shipInBatches(_ records: inout [LogRecord], rng: inout Xoshiro256) {
        records.sort { a, b in
            if a.file != b.file { return a.file.rawValue < b.file.rawValue }
            if a.tourCode != b.tourCode { return a.tourCode < b.tourCode }
            if a.role != b.role { return a.role.rawValue < b.role.rawValue }
            if a.peer != b.peer { return a.peer < b.peer }
            return a.timeMs != b.timeMs ? a.timeMs < b.timeMs : a.seq < b.seq
        }
        var i = 0
        while i < records.count {
            if records[i].file == .server {
                records[i].orderKey = records[i].timeMs * 16
                i += 1
                continue
            }
            let limit = rng.range(4, 12)
            var j = i
            while j < records.count, j - i < limit, records[j].file == records[i].file,
                records[j].tourCode == records[i].tourCode, records[j].role == records[i].role,
                records[j].peer == records[i].peer, records[j].timeMs <= records[i].timeMs + 20_000
            {
                j += 1
            }
            let ship = records[j - 1].timeMs + rng.range64(2000, 45_000)
            for k in i..<j { records[k].orderKey = ship * 16 + Int64(k - i) }
            i = j
        }
    }

    private func makeDirectory(_ path: String) -> Bool {
        if mkdir(path, 0o755) == 0 { return true }
        return errno == EEXIST
    }
}

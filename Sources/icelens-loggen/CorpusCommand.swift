/// `icelens-loggen corpus`: a single, time-ordered benchmark log of about `targetBytes` bytes on standard output,
/// mixing the event lines of many concurrent tours (both codes, every format) with unrelated noise.
struct CorpusCommand {
    /// How many bytes to write (the last line may go a little over).
    let targetBytes: Int
    /// The seed of every random choice.
    let seed: UInt64
    /// How many tours in total; nil scales with `targetBytes` (per the profile).
    let tours: Int?
    /// The shape of the log.
    var profile: CorpusProfile = .noise

    /// Mean tour length, used to spread tours so that about `profile.openTours` are open at any moment.
    private static let meanDurationMs: Int64 = 45 * 60_000

    /// Writes the corpus to `sink` and a one-line summary to `log`; returns the process exit status.
    func run(sink: ByteSink, log: (String) -> Void) -> Int32 {
        var rng = Xoshiro256(seed: seed)
        let tourCount = max(1, tours ?? targetBytes / profile.bytesPerTour)
        let startMs = CivilTime.epochMs(year: 2026, month: 3, day: 5) + 6 * 3_600_000
        let rangeMs = max(Int64(tourCount) * Self.meanDurationMs / profile.openTours, 3 * 3_600_000)
        let schedule = InstanceSchedule(
            fromMs: startMs - 2 * 3_600_000, toMs: startMs + rangeMs + 4 * 3_600_000, rng: &rng)
        var simulator = TourSimulator(rng: Xoshiro256(seed: rng.next()), schedule: schedule)
        let renderer = RecordRenderer(sink: sink)
        let endMs = Double(startMs + rangeMs)

        var heap = RecordHeap()
        var scratch: [LogRecord] = []
        var usedCodes = Set<UInt32>()
        var toursStarted = 0
        var maxPending = 0
        let slotMs = max(rangeMs / Int64(tourCount), 1)
        var nextStart = startMs + rng.range64(0, slotMs - 1)
        var noiseClock = Double(startMs)
        var noiseSeq: UInt32 = 0

        while sink.bytesWritten < targetBytes, !sink.failed {
            let t = Int64(noiseClock)
            // Tours start a little ahead of the noise clock, so that lines written by a clock running behind
            // (browser drift) are still in time order.
            while toursStarted < tourCount, nextStart <= t + 5000 {
                var code = UInt32(rng.below(2_176_782_336))
                while !usedCodes.insert(code).inserted { code = UInt32(rng.below(2_176_782_336)) }
                let spec = TourSpec(
                    tourCode: code, startMs: nextStart, attendees: rng.range(3, 12),
                    durationMs: rng.range64(25 * 60_000, 65 * 60_000), mode: rng.chance(0.5) ? .before : .after)
                simulator.simulate(spec, into: &scratch)
                for r in scratch { heap.push(r) }
                scratch.removeAll(keepingCapacity: true)
                toursStarted += 1
                nextStart = startMs + Int64(toursStarted) * slotMs + rng.range64(0, slotMs - 1)
                maxPending = max(maxPending, heap.count)
            }
            while let r = heap.first, r.orderKey <= t {
                renderer.render(r)
                _ = heap.pop()
            }
            noiseSeq &+= 1
            NoiseRenderer(sink: sink).render(profile.noiseRecord(at: t, seq: noiseSeq, rng: &rng))
            // Pace the clock so that it reaches the end of the range as the byte budget runs out.
            let remainingRecords = max(Double(targetBytes - sink.bytesWritten) / profile.bytesPerNoiseStep, 1)
            noiseClock += max(endMs - noiseClock, 0) / remainingRecords
        }
        sink.finish()
        log(
            "icelens-loggen corpus: \(sink.bytesWritten) bytes, \(sink.linesWritten) lines, "
                + "\(toursStarted)/\(tourCount) tours started, \(heap.count) lines of open tours left unwritten, "
                + "max \(maxPending) pending, seed \(seed)")
        return sink.failed ? 1 : 0
    }
}

/// Resolves many closing tours on two threads while handing the results out in their order: at the end of a run
/// every open tour closes at once (with a 3 h idle window, hours of tours), and the reading side is idle by then,
/// so a helper thread resolves every second tour while the calling thread resolves the others and hands each
/// result to `each` in order. The helper stays at most `window` tours ahead, so at most that many results wait in
/// memory. Results are the same values, in the same order, as resolving one tour after another.
enum ParallelClose {
    /// A tour taken out of the correlator to be resolved (by `Correlator.close` too), unpacked or packed.
    enum Pending {
        case open(TourAccumulator)
        case packed(FrozenTour)

        /// Unpacks (when packed), applies the per-connection bound and resolves; returns the result and how many
        /// records the bound dropped.
        func resolve(config: CorrelationConfig) -> (result: TourResult, dropped: Int) {
            let tour: TourAccumulator
            switch self {
            case .open(let t): tour = t
            case .packed(let p): tour = p.thaw()
            }
            let dropped = tour.compact(limit: config.maxEventsPerConnection)
            return (TourResolver(tour: tour, config: config).result(), dropped)
        }
    }

    /// The state the two threads share, under `monitor`.
    private final class Shared<Prepared>: @unchecked Sendable {
        let monitor = Monitor()
        /// The tours, one slot each: the helper takes the odd slots, the caller the even ones (distinct elements of
        /// a buffer allocated once, so the two threads never write the same memory).
        let pending: UnsafeMutableBufferPointer<Pending?>
        let config: CorrelationConfig
        let window: Int
        /// What each resolved tour is made into, on the thread that resolved it.
        let prepare: @Sendable (TourResult) -> Prepared
        /// Results the helper finished, by slot.
        var ready: [Int: (prepared: Prepared, dropped: Int)] = [:]
        /// The slot the caller is at.
        var consumed = 0
        var cancelled = false
        var helperDone = false

        init(
            _ tours: [Pending], config: CorrelationConfig, window: Int,
            prepare: @escaping @Sendable (TourResult) -> Prepared
        ) {
            pending = .allocate(capacity: tours.count)
            _ = pending.initialize(from: tours.map { Optional($0) })
            self.config = config
            self.window = max(window, 2)
            self.prepare = prepare
        }

        /// Resolves the tour in `slot` and prepares its result, on the calling thread.
        func resolve(_ slot: Int) -> (prepared: Prepared, dropped: Int) {
            let done = take(slot).resolve(config: config)
            return (prepare(done.result), done.dropped)
        }

        deinit {
            pending.deinitialize()
            pending.deallocate()
        }

        /// Moves the tour of `slot` out of the buffer (its memory is freed as soon as it is resolved).
        func take(_ slot: Int) -> Pending {
            let tour = pending[slot]!
            pending[slot] = nil
            return tour
        }

        /// The helper's loop: odd slots, never more than `window` ahead of the caller.
        func helpResolve() {
            var slot = 1
            while slot < pending.count {
                monitor.lock()
                while slot - consumed > window, !cancelled { monitor.wait() }
                let stop = cancelled
                monitor.unlock()
                if stop { break }
                let done = resolve(slot)
                monitor.change { ready[slot] = done }
                slot += 2
            }
            monitor.change { helperDone = true }
        }
    }

    /// Resolves `tours` (already in their closing order; taken out of the array), handing each result, made into
    /// what `prepare` makes of it on the thread that resolved it, and its dropped-record count to `each` in that
    /// order. With fewer than `minimumForHelper` tours no thread is started.
    static func resolve<Prepared>(
        _ tours: inout [Pending], config: CorrelationConfig, window: Int = 16, minimumForHelper: Int = 64,
        prepare: @escaping @Sendable (TourResult) -> Prepared, each: (Prepared, Int) throws -> Void
    ) throws {
        guard tours.count >= max(minimumForHelper, 2) else {
            // Taken out one at a time, so each tour's state is freed once it is resolved.
            tours.reverse()
            while let tour = tours.popLast() {
                let done = tour.resolve(config: config)
                try each(prepare(done.result), done.dropped)
            }
            return
        }
        let shared = Shared(tours, config: config, window: window, prepare: prepare)
        tours = []  // the buffer holds the only references: each tour is freed once it is resolved
        BackgroundThread.start(name: "icelens-close") { shared.helpResolve() }
        defer {
            // Stop the helper (on an error from `each`) and wait for it: nothing outlives this call.
            shared.monitor.lock()
            shared.cancelled = true
            shared.monitor.broadcast()
            while !shared.helperDone { shared.monitor.wait() }
            shared.monitor.unlock()
        }
        for slot in 0..<shared.pending.count {
            let done: (prepared: Prepared, dropped: Int)
            if slot % 2 == 0 {
                done = shared.resolve(slot)
            } else {
                shared.monitor.lock()
                shared.consumed = slot
                shared.monitor.broadcast()
                while shared.ready[slot] == nil { shared.monitor.wait() }
                done = shared.ready.removeValue(forKey: slot)!
                shared.monitor.unlock()
            }
            try each(done.prepared, done.dropped)
        }
    }
}

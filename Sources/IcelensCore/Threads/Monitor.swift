#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pthread mutex with one condition variable: the lock-wait-broadcast pattern the prefetch ring, the step
/// channel and the two-thread close share. Plain pthreads instead of Foundation's `NSCondition`: the library then
/// needs no Foundation, whose libraries alone add ~6 MiB to a run's resident memory.
final class Monitor: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Waits for a broadcast; the lock must be held (and is held again on return).
    func wait() { pthread_cond_wait(condition, mutex) }
    func broadcast() { pthread_cond_broadcast(condition) }

    /// Changes shared state under the lock and wakes every waiter.
    func change(_ body: () -> Void) {
        lock()
        body()
        broadcast()
        unlock()
    }
}

#if canImport(Glibc)
    /// glibc's `pthread_setname_np` (declared only with _GNU_SOURCE, so not in the Glibc module).
    @_silgen_name("pthread_setname_np") private func glibcSetThreadName(
        _ thread: pthread_t, _ name: UnsafePointer<CChar>
    )
        -> Int32
#endif

/// Starts detached background threads with pthreads (no Foundation `Thread`).
enum BackgroundThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Runs `body` on a new detached thread named `name` (at most 15 bytes show in `top`/`ps`). Traps when the
    /// system cannot make a thread, as Foundation's `Thread` does.
    static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Glibc)
            var thread = pthread_t()
        #else
            var thread: pthread_t?
        #endif
        let made = pthread_create(
            &thread, nil,
            { raw in
                guard let raw else { return nil }
                let body = Unmanaged<Body>.fromOpaque(raw).takeRetainedValue()
                body.run()
                return nil
            }, context)
        precondition(made == 0, "icelens: cannot start a thread (error \(made))")
        #if canImport(Glibc)
            _ = glibcSetThreadName(thread, String(name.prefix(15)))
            pthread_detach(thread)
        #else
            if let thread { pthread_detach(thread) }
        #endif
    }
}

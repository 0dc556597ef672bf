#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The clock and sleep the RPC client uses, behind a protocol so tests can run without waiting.
public protocol RPCClock: Sendable {
    /// Seconds since an arbitrary fixed point (monotonic).
    func now() -> Double
    /// Blocks the calling thread for `seconds`.
    func sleep(seconds: Double)
}

/// The real monotonic clock.
public struct SystemRPCClock: RPCClock {
    /// Makes the system clock.
    public init() {}

    /// Seconds on `CLOCK_MONOTONIC`.
    public func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Sleeps `seconds` (resuming after signals); returns at once for zero or less.
    public func sleep(seconds: Double) {
        guard seconds > 0 else { return }
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }
}

/// When and how long the RPC client retries: transport failures, HTTP 429 (honouring
/// `Retry-After`) and HTTP 5xx, with exponential backoff and full jitter, bounded both in
/// attempts and in total time. JSON-RPC errors and malformed answers are never retried.
public struct RetryPolicy: Sendable, Equatable {
    /// The most attempts in all, the first included (1 disables retrying).
    public var maximumAttempts: Int
    /// The backoff before the second attempt, in seconds; it doubles each attempt.
    public var initialDelay: Double
    /// The longest single backoff, in seconds.
    public var maximumDelay: Double
    /// The longest time from the first attempt until no further attempt starts, in seconds.
    public var totalBudget: Double

    /// Makes a policy; the defaults are 5 attempts, 0.25 s doubling up to 4 s, 20 s in all.
    public init(maximumAttempts: Int = 5, initialDelay: Double = 0.25, maximumDelay: Double = 4, totalBudget: Double = 20) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.totalBudget = totalBudget
    }

    /// No retries: every failure is reported at once.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// Whether `error` is worth another attempt: transport failures, HTTP 429 and 5xx.
    public func isRetryable(_ error: RPCError) -> Bool {
        switch error {
        case .transport: return true
        case let .httpStatus(_, _, status, _): return status == 429 || (500...599).contains(status)
        case .malformedResponse, .node, .chainMismatch, .gaveUp: return false
        }
    }

    /// The pause before attempt `attempt + 1` (attempts count from 1), given a server's
    /// `Retry-After` in seconds and a jitter draw in [0, 1). The server's wish wins when it is
    /// longer than the backoff; full jitter spreads clients otherwise.
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, jitter: Double) -> Double {
        let exponent = Double(min(attempt - 1, 30))
        let ceiling = min(maximumDelay, initialDelay * pow2(exponent))
        let backoff = ceiling * (0.5 + 0.5 * jitter)
        if let retryAfter, retryAfter > backoff { return retryAfter }
        return backoff
    }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        var remaining = Int(exponent)
        while remaining > 0 { value *= 2; remaining -= 1 }
        return value
    }
}

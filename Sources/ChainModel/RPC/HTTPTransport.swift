/// One HTTP response as the RPC client needs it.
public struct HTTPResponse: Sendable, Equatable {
    /// The status code (200, 429, 503, …).
    public var status: Int
    /// The body, already decompressed.
    public var body: [UInt8]
    /// The `Retry-After` header in seconds, when the server sent one as a number of seconds.
    public var retryAfter: Double?

    /// Makes a response.
    public init(status: Int, body: [UInt8], retryAfter: Double? = nil) {
        self.status = status
        self.body = body
        self.retryAfter = retryAfter
    }
}

/// Why an HTTP exchange produced no response.
public enum TransportFailure: Error, Equatable, CustomStringConvertible {
    /// No connection could be made; the request certainly did not reach the server.
    case couldNotConnect(String)
    /// The connect or total timeout passed; the request may or may not have been processed.
    case timedOut(seconds: Double)
    /// The body grew past the configured limit; the transfer was aborted.
    case responseTooLarge(limit: Int)
    /// The connection failed after the request may have been sent (reset, truncated transfer).
    case connectionLost(String)

    public var description: String {
        switch self {
        case let .couldNotConnect(reason): return "could not connect: \(reason)"
        case let .timedOut(seconds): return "no complete response within \(seconds) s"
        case let .responseTooLarge(limit): return "response larger than the \(limit)-byte limit"
        case let .connectionLost(reason): return "connection lost: \(reason)"
        }
    }

    /// Whether the request certainly never reached the server.
    public var certainlyNotSent: Bool {
        if case .couldNotConnect = self { return true }
        return false
    }
}

/// Sends one JSON-RPC request body and returns the response. Implementations keep their
/// connection open between calls.
public protocol HTTPTransport: AnyObject {
    /// POSTs `body` (a JSON document) and returns the response, or throws `TransportFailure`
    /// when no complete response arrived.
    func post(_ body: [UInt8]) throws(TransportFailure) -> HTTPResponse
}

/// Limits of one HTTP exchange.
public struct HTTPLimits: Sendable, Equatable {
    /// Seconds allowed to establish the TCP (and TLS) connection.
    public var connectTimeout: Double
    /// Seconds allowed for the whole exchange.
    public var totalTimeout: Double
    /// The largest (decompressed) response body accepted, in bytes.
    public var maximumResponseBytes: Int

    /// Makes limits; the defaults are 10 s to connect, 30 s in all and 32 MiB of body.
    public init(connectTimeout: Double = 10, totalTimeout: Double = 30, maximumResponseBytes: Int = 32 << 20) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maximumResponseBytes = maximumResponseBytes
    }
}

/// The error object of a JSON-RPC response: `{code, message, data}`.
public struct JSONRPCErrorObject: Sendable, Equatable, CustomStringConvertible {
    /// The JSON-RPC error code (3 is a revert; -32000 a generic node error; -32601 no such method).
    public var code: Int
    /// The node's message.
    public var message: String
    /// The `data` member as sent, if any.
    public var data: JSONValue?

    /// Makes an error object.
    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// The revert data (selector + ABI-encoded arguments) when `data` is a `0x` hex string:
    /// geth, anvil, hardhat and our test node put it there for code 3. `nil` otherwise.
    public var revertData: [UInt8]? {
        guard let text = data?.stringValue, text.hasPrefix("0x") else { return nil }
        return try? Hex.decode(text, requirePrefix: true)
    }

    /// Whether this error reports a reverted execution (code 3, or a message saying so).
    public var isRevert: Bool {
        code == 3 || message.hasPrefix("execution reverted") || message.hasPrefix("VM Exception")
    }

    public var description: String {
        var text = "\(message) (code \(code))"
        if let data { text += ", data \(data.serialized.prefix(200))" }
        return text
    }
}

/// Why a JSON-RPC call failed. Every message names the redacted endpoint and the method, and
/// never contains URL credentials or API keys.
public enum RPCError: Error, Equatable, CustomStringConvertible {
    /// No complete HTTP response (connect failure, timeout, lost connection, too large).
    case transport(endpoint: String, method: String, TransportFailure)
    /// The server answered with an HTTP status other than 200.
    case httpStatus(endpoint: String, method: String, status: Int, body: String)
    /// The body is not a well-formed JSON-RPC response (bad JSON, wrong id, missing result).
    case malformedResponse(endpoint: String, method: String, reason: String)
    /// The node answered with a JSON-RPC error object.
    case node(endpoint: String, method: String, JSONRPCErrorObject)
    /// The node serves another chain than the one configured.
    case chainMismatch(endpoint: String, expected: UInt64, actual: UInt64)
    /// Retries were used up; `last` is the final failure.
    indirect case gaveUp(attempts: Int, seconds: Double, last: RPCError)

    public var description: String {
        switch self {
        case let .transport(endpoint, method, failure):
            return "\(method) to \(endpoint): \(failure)"
        case let .httpStatus(endpoint, method, status, body):
            let excerpt = body.isEmpty ? "" : ": \(body.prefix(200))"
            return "\(method) to \(endpoint): HTTP status \(status)\(excerpt)"
        case let .malformedResponse(endpoint, method, reason):
            return "\(method) to \(endpoint): malformed response: \(reason)"
        case let .node(endpoint, method, object):
            return "\(method) to \(endpoint): node error: \(object)"
        case let .chainMismatch(endpoint, expected, actual):
            return "chain id mismatch: \(endpoint) serves chain \(actual), but chain \(expected) is configured; nothing was signed"
        case let .gaveUp(attempts, seconds, last):
            let rounded = (seconds * 10).rounded() / 10
            return "\(last) (gave up after \(attempts) attempts in \(rounded) s)"
        }
    }

    /// The innermost failure, looking through `gaveUp`.
    public var underlying: RPCError {
        if case let .gaveUp(_, _, last) = self { return last.underlying }
        return self
    }

    /// The node's error object, when the node answered with one.
    public var nodeError: JSONRPCErrorObject? {
        if case let .node(_, _, object) = underlying { return object }
        return nil
    }

    /// Whether a request that failed this way may have reached the node and been acted on
    /// (a timeout or a lost connection after sending, a garbled or refused-by-status answer).
    /// `false` only when the request certainly did not arrive or the node answered clearly.
    public var isAmbiguous: Bool {
        switch underlying {
        case let .transport(_, _, failure): return !failure.certainlyNotSent
        case .httpStatus, .malformedResponse: return true
        case .node, .chainMismatch, .gaveUp: return false
        }
    }
}

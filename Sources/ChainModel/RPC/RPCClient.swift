/// A JSON-RPC 2.0 client over one kept-alive HTTP connection: single and batch calls, strict
/// response checking (id, shape, size), and retries for transport failures, HTTP 429 and 5xx.
/// Not thread-safe: use one client per thread.
public final class RPCClient {
    /// The endpoint, whose `redacted` form appears in every error.
    public let endpoint: RPCEndpoint
    /// When failures are retried.
    public var retryPolicy: RetryPolicy
    /// Called before each retry with a one-line, redacted note (for a `--verbose` stderr log).
    public var onRetry: ((String) -> Void)?

    private let transport: HTTPTransport
    private let clock: RPCClock
    private var jitter: () -> Double
    private var nextID: UInt64 = 1

    /// Why a client could not be made.
    public enum SetupError: Error, Equatable, CustomStringConvertible {
        /// libcurl could not allocate a handle.
        case transportUnavailable
        public var description: String { "could not initialise libcurl" }
    }

    /// Makes a client of `endpoint` over libcurl with `limits` and `retryPolicy`. Throws
    /// `SetupError` only when libcurl cannot allocate a handle.
    public convenience init(endpoint: RPCEndpoint, limits: HTTPLimits = HTTPLimits(),
                            retryPolicy: RetryPolicy = RetryPolicy()) throws(SetupError) {
        guard let transport = CurlTransport(endpoint: endpoint, limits: limits) else { throw .transportUnavailable }
        self.init(endpoint: endpoint, transport: transport, retryPolicy: retryPolicy)
    }

    /// Makes a client over any `transport` (tests use a scripted one), with an injectable clock
    /// and jitter source (a function returning values in [0, 1)).
    public init(endpoint: RPCEndpoint, transport: HTTPTransport, retryPolicy: RetryPolicy = RetryPolicy(),
                clock: RPCClock = SystemRPCClock(), jitter: @escaping () -> Double = { Double.random(in: 0..<1) }) {
        self.endpoint = endpoint
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.clock = clock
        self.jitter = jitter
    }

    /// Calls `method` with positional `params` and returns its `result` (possibly `.null`).
    /// Throws `RPCError`: `.node` for a JSON-RPC error object, `.malformedResponse` for a body
    /// that is not a matching JSON-RPC response, `.transport`/`.httpStatus` (wrapped in
    /// `.gaveUp` when retries were used up) for everything below.
    public func call(_ method: String, _ params: [JSONValue] = []) throws(RPCError) -> JSONValue {
        let id = takeID()
        let request = JSONValue.object([
            ("jsonrpc", .string("2.0")), ("id", .number(String(id))),
            ("method", .string(method)), ("params", .array(params)),
        ])
        let document = try exchange(Array(request.serialized.utf8), method: method)
        return try RPCClient.result(of: document, id: id, endpoint: endpoint.redacted, method: method)
    }

    /// Sends `calls` as one JSON-RPC batch and returns one result per call, in order; a call the
    /// node rejected is a `.failure(.node(...))` in its slot. Throws `RPCError` when the batch as
    /// a whole failed (transport, status, or a reply that is not an array answering every id once).
    public func batch(_ calls: [(method: String, params: [JSONValue])]) throws(RPCError) -> [Result<JSONValue, RPCError>] {
        guard !calls.isEmpty else { return [] }
        let ids = calls.map { _ in takeID() }
        let request = JSONValue.array(zip(ids, calls).map { id, call in
            .object([("jsonrpc", .string("2.0")), ("id", .number(String(id))),
                     ("method", .string(call.method)), ("params", .array(call.params))])
        })
        let label = "batch(\(calls.map(\.method).joined(separator: ",")))"
        let document = try exchange(Array(request.serialized.utf8), method: label)
        guard case let .array(responses) = document else {
            if document["error"] != nil {
                _ = try RPCClient.result(of: document, id: nil, endpoint: endpoint.redacted, method: label)
            }
            throw .malformedResponse(endpoint: endpoint.redacted, method: label, reason: "a batch reply must be an array, got \(document.kindName)")
        }
        var byID: [UInt64: JSONValue] = [:]
        for response in responses {
            guard case let .number(text)? = response["id"], let id = UInt64(text), ids.contains(id) else {
                throw .malformedResponse(endpoint: endpoint.redacted, method: label,
                                         reason: "batch reply has an unexpected id \(response["id"]?.serialized ?? "(missing)")")
            }
            guard byID[id] == nil else {
                throw .malformedResponse(endpoint: endpoint.redacted, method: label, reason: "batch reply repeats id \(id)")
            }
            byID[id] = response
        }
        return try zip(ids, calls).map { (id, call) throws(RPCError) -> Result<JSONValue, RPCError> in
            guard let response = byID[id] else {
                throw .malformedResponse(endpoint: endpoint.redacted, method: label, reason: "batch reply lacks id \(id)")
            }
            do throws(RPCError) {
                return .success(try RPCClient.result(of: response, id: id, endpoint: endpoint.redacted, method: call.method))
            } catch {
                if case .node = error { return .failure(error) }
                throw error
            }
        }
    }

    /// Checks that the node serves `expected` (its `eth_chainId`); call it before signing.
    /// Throws `RPCError.chainMismatch` naming both ids, or the call's own error.
    public func verifyChainID(_ expected: UInt64) throws(RPCError) {
        let actual = try chainID()
        guard actual == expected else {
            throw .chainMismatch(endpoint: endpoint.redacted, expected: expected, actual: actual)
        }
    }

    private func takeID() -> UInt64 {
        defer { nextID &+= 1 }
        return nextID
    }

    /// Posts `body`, retrying per policy, and parses the reply as JSON.
    private func exchange(_ body: [UInt8], method: String) throws(RPCError) -> JSONValue {
        let started = clock.now()
        var attempt = 0
        while true {
            attempt += 1
            let failure: RPCError
            var retryAfter: Double? = nil
            do {
                let response = try transport.post(body)
                if response.status == 200 {
                    do {
                        return try JSONValue.parse(response.body)
                    } catch {
                        throw RPCError.malformedResponse(endpoint: endpoint.redacted, method: method, reason: error.description)
                    }
                }
                retryAfter = response.retryAfter
                let excerpt = endpoint.redact(message: String(decoding: response.body.prefix(200), as: UTF8.self))
                // A JSON-RPC error sent with an error status is still the node's answer.
                if let document = try? JSONValue.parse(response.body), let object = document["error"],
                   let parsed = RPCClient.errorObject(object), !(response.status == 429 || response.status >= 500) {
                    throw RPCError.node(endpoint: endpoint.redacted, method: method, parsed)
                }
                failure = .httpStatus(endpoint: endpoint.redacted, method: method, status: response.status, body: excerpt)
            } catch let error as TransportFailure {
                failure = .transport(endpoint: endpoint.redacted, method: method, error)
            } catch let error as RPCError {
                throw error
            } catch {
                failure = .malformedResponse(endpoint: endpoint.redacted, method: method, reason: "\(error)")
            }
            guard retryPolicy.isRetryable(failure) else { throw failure }
            let elapsed = clock.now() - started
            let pause = retryPolicy.delay(afterAttempt: attempt, retryAfter: retryAfter, jitter: jitter())
            guard attempt < retryPolicy.maximumAttempts, elapsed + pause <= retryPolicy.totalBudget else {
                if attempt == 1 { throw failure }
                throw .gaveUp(attempts: attempt, seconds: elapsed, last: failure)
            }
            onRetry?("retrying \(method) in \((pause * 100).rounded() / 100) s after attempt \(attempt): \(failure)")
            clock.sleep(seconds: pause)
        }
    }

    static func errorObject(_ json: JSONValue) -> JSONRPCErrorObject? {
        guard case let .number(codeText)? = json["code"], let code = Int(codeText),
              let message = json["message"]?.stringValue else { return nil }
        return JSONRPCErrorObject(code: code, message: message, data: json["data"])
    }

    /// The `result` of one response object, checking `jsonrpc`, the id and the error member.
    static func result(of response: JSONValue, id: UInt64?, endpoint: String, method: String) throws(RPCError) -> JSONValue {
        guard case .object = response else {
            throw .malformedResponse(endpoint: endpoint, method: method, reason: "expected a response object, got \(response.kindName)")
        }
        guard response["jsonrpc"] == .string("2.0") else {
            throw .malformedResponse(endpoint: endpoint, method: method, reason: "missing \"jsonrpc\": \"2.0\"")
        }
        if let errorMember = response["error"], !errorMember.isNull {
            guard let object = errorObject(errorMember) else {
                throw .malformedResponse(endpoint: endpoint, method: method, reason: "error member lacks an integer code or a message")
            }
            // An error about the request as a whole may carry a null id.
            if let id, let echoed = response["id"], echoed != .number(String(id)), !echoed.isNull {
                throw .malformedResponse(endpoint: endpoint, method: method, reason: "response id \(echoed.serialized) does not match request id \(id)")
            }
            throw .node(endpoint: endpoint, method: method, object)
        }
        if let id {
            guard response["id"] == .number(String(id)) else {
                throw .malformedResponse(endpoint: endpoint, method: method,
                                         reason: "response id \(response["id"]?.serialized ?? "(missing)") does not match request id \(id)")
            }
        }
        guard let result = response["result"] else {
            throw .malformedResponse(endpoint: endpoint, method: method, reason: "neither result nor error present")
        }
        return result
    }
}

import XCTest
@testable import ChainModel

/// A transport that answers from a script and records what it was sent.
final class ScriptedTransport: HTTPTransport {
    enum Step {
        case respond(Int, String, retryAfter: Double?)
        case fail(TransportFailure)
        /// Answers with `result` echoing the request's id.
        case result(String)
    }
    var steps: [Step]
    var sent: [String] = []
    init(_ steps: [Step]) { self.steps = steps }

    func post(_ body: [UInt8]) throws(TransportFailure) -> HTTPResponse {
        let text = String(decoding: body, as: UTF8.self)
        sent.append(text)
        guard !steps.isEmpty else { return HTTPResponse(status: 599, body: Array("script exhausted".utf8)) }
        switch steps.removeFirst() {
        case let .respond(status, body, retryAfter):
            return HTTPResponse(status: status, body: Array(body.utf8), retryAfter: retryAfter)
        case let .fail(failure):
            throw failure
        case let .result(result):
            let id = (try? JSONValue.parse(text))?["id"]?.serialized ?? "null"
            return HTTPResponse(status: 200, body: Array(#"{"jsonrpc":"2.0","id":\#(id),"result":\#(result)}"#.utf8))
        }
    }
}

/// A clock that never waits and records the pauses asked of it.
final class RecordingClock: RPCClock, @unchecked Sendable {
    var time = 0.0
    var pauses: [Double] = []
    func now() -> Double { time }
    func sleep(seconds: Double) { pauses.append(seconds); time += seconds }
}

final class RPCClientTests: XCTestCase {
    let endpoint = try! RPCEndpoint("https://user:hunter2@node.example/v3/0123456789abcdef0123?apikey=SECRETKEY")

    func client(_ steps: [ScriptedTransport.Step], policy: RetryPolicy = RetryPolicy(),
                clock: RecordingClock = RecordingClock()) -> (RPCClient, ScriptedTransport) {
        let transport = ScriptedTransport(steps)
        return (RPCClient(endpoint: endpoint, transport: transport, retryPolicy: policy, clock: clock, jitter: { 0.5 }), transport)
    }

    func testSendsJSONRPCRequestsAndReadsTypedResults() throws {
        let (rpc, transport) = client([.result(#""0x7a69""#), .result(#""0x10""#)])
        XCTAssertEqual(try rpc.chainID(), 31337)
        XCTAssertEqual(try rpc.balance(of: try Address("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"), at: .number(3)), 16)
        XCTAssertEqual(transport.sent, [
            #"{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"eth_getBalance","params":["0x7e5f4552091a69125d5dfcb7b8c2659029395bdf","0x3"]}"#,
        ])
    }

    func testRedactsCredentialsAndKeys() {
        XCTAssertEqual(endpoint.redacted, "https://***@node.example/v3/***?apikey=***")
        XCTAssertEqual(endpoint.redact(message: "failed: hunter2 SECRETKEY 0123456789abcdef0123"), "failed: *** *** ***")
        XCTAssertEqual(try RPCEndpoint("http://127.0.0.1:8545").redacted, "http://127.0.0.1:8545")
        XCTAssertEqual(try RPCEndpoint("https://eth-mainnet.g.alchemy.com/v2/abcDEF123456789xyz").redacted,
                       "https://eth-mainnet.g.alchemy.com/v2/***")
        XCTAssertThrowsError(try RPCEndpoint("ftp://user:pw@host/x")) { error in
            XCTAssertEqual("\(error)", "rpc-url: ftp://***@host/x must start with http:// or https://")
        }
        XCTAssertThrowsError(try RPCEndpoint("https://user:pw@/x")) { error in
            XCTAssertEqual("\(error)", "rpc-url: https://***@/x has no host")
        }
    }

    func testEveryErrorMessageIsRedacted() {
        let (rpc, _) = client([.respond(401, "bad key SECRETKEY", retryAfter: nil)])
        XCTAssertThrowsError(try rpc.blockNumber()) { error in
            let text = "\(error)"
            XCTAssertEqual(text, "eth_blockNumber to https://***@node.example/v3/***?apikey=***: HTTP status 401: bad key ***")
            for secret in ["hunter2", "SECRETKEY", "0123456789abcdef0123"] { XCTAssertFalse(text.contains(secret)) }
        }
    }

    func testRetriesServerErrorsWithBackoffThenSucceeds() throws {
        let clock = RecordingClock()
        let (rpc, transport) = client([.respond(503, "busy", retryAfter: nil), .fail(.connectionLost("reset")),
                                       .respond(502, "", retryAfter: nil), .result(#""0x2a""#)], clock: clock)
        XCTAssertEqual(try rpc.blockNumber(), 42)
        XCTAssertEqual(transport.sent.count, 4)
        // jitter 0.5 -> 75 % of the doubling ceiling 0.25, 0.5, 1.0
        XCTAssertEqual(clock.pauses, [0.1875, 0.375, 0.75])
    }

    func testHonoursRetryAfterOn429() throws {
        let clock = RecordingClock()
        let (rpc, _) = client([.respond(429, "slow down", retryAfter: 3), .result(#""0x1""#)], clock: clock)
        XCTAssertEqual(try rpc.blockNumber(), 1)
        XCTAssertEqual(clock.pauses, [3])
    }

    func testGivesUpAfterTheAttemptBound() {
        let clock = RecordingClock()
        let (rpc, transport) = client(Array(repeating: .respond(500, "down", retryAfter: nil), count: 10),
                                      policy: RetryPolicy(maximumAttempts: 3), clock: clock)
        XCTAssertThrowsError(try rpc.blockNumber()) { error in
            XCTAssertEqual("\(error)", "eth_blockNumber to https://***@node.example/v3/***?apikey=***: HTTP status 500: down (gave up after 3 attempts in 0.6 s)")
        }
        XCTAssertEqual(transport.sent.count, 3)
    }

    func testGivesUpWhenRetryAfterExceedsTheTimeBudget() {
        let (rpc, transport) = client([.respond(429, "", retryAfter: 3600), .result(#""0x1""#)])
        XCTAssertThrowsError(try rpc.blockNumber()) { error in
            XCTAssertEqual((error as? RPCError)?.underlying, .httpStatus(endpoint: endpoint.redacted, method: "eth_blockNumber", status: 429, body: ""))
        }
        XCTAssertEqual(transport.sent.count, 1)
    }

    func testNodeErrorsAreNotRetriedAndCarryRevertData() {
        let (rpc, transport) = client([.respond(200, #"{"jsonrpc":"2.0","id":1,"error":{"code":3,"message":"execution reverted: no","data":"0x08c379a0"}}"#, retryAfter: nil)])
        XCTAssertThrowsError(try rpc.call(CallRequest(to: .zero, input: []))) { error in
            let object = (error as? RPCError)?.nodeError
            XCTAssertEqual(object?.code, 3)
            XCTAssertEqual(object?.revertData, [0x08, 0xc3, 0x79, 0xa0])
            XCTAssertTrue(object?.isRevert ?? false)
        }
        XCTAssertEqual(transport.sent.count, 1)
    }

    func testMalformedAnswersAreClearErrors() {
        let cases: [(String, String)] = [
            (#"{"jsonrpc":"2.0","id":1,"result":"0x1""#, "invalid JSON at byte 38: unexpected end of input"),
            (#"{"jsonrpc":"2.0","id":2,"result":"0x1"}"#, "response id 2 does not match request id 1"),
            (#"{"jsonrpc":"2.0","id":1}"#, "neither result nor error present"),
            (#"{"id":1,"result":"0x1"}"#, "missing \"jsonrpc\": \"2.0\""),
            (#"{"jsonrpc":"2.0","id":1,"result":17}"#, "result: 17 must be a 0x-prefixed hex quantity string"),
            (#"[1]"#, "expected a response object, got array"),
        ]
        for (body, reason) in cases {
            let (rpc, transport) = client([.respond(200, body, retryAfter: nil)])
            XCTAssertThrowsError(try rpc.blockNumber(), body) { error in
                XCTAssertEqual(error as? RPCError, .malformedResponse(endpoint: endpoint.redacted, method: "eth_blockNumber", reason: reason), body)
            }
            XCTAssertEqual(transport.sent.count, 1, "malformed answers are not retried")
        }
    }

    func testBatchMatchesAnswersByID() throws {
        let (rpc, transport) = client([.respond(200, #"[{"jsonrpc":"2.0","id":2,"error":{"code":-32601,"message":"nope"}},{"jsonrpc":"2.0","id":1,"result":"0x5"}]"#, retryAfter: nil)])
        let results = try rpc.batch([("eth_blockNumber", []), ("eth_nope", [])])
        XCTAssertEqual(try results[0].get(), .string("0x5"))
        XCTAssertThrowsError(try results[1].get()) { error in
            XCTAssertEqual((error as? RPCError)?.nodeError, JSONRPCErrorObject(code: -32601, message: "nope"))
        }
        XCTAssertEqual(transport.sent, [#"[{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]},{"jsonrpc":"2.0","id":2,"method":"eth_nope","params":[]}]"#])
    }

    func testBatchRejectsMissingAndForeignIDs() {
        let (rpc, _) = client([.respond(200, #"[{"jsonrpc":"2.0","id":1,"result":"0x5"}]"#, retryAfter: nil)])
        XCTAssertThrowsError(try rpc.batch([("a", []), ("b", [])])) { error in
            XCTAssertEqual("\(error)", "batch(a,b) to \(endpoint.redacted): malformed response: batch reply lacks id 2")
        }
        let (other, _) = client([.respond(200, #"[{"jsonrpc":"2.0","id":9,"result":"0x5"}]"#, retryAfter: nil)])
        XCTAssertThrowsError(try other.batch([("a", [])])) { error in
            XCTAssertEqual("\(error)", "batch(a) to \(endpoint.redacted): malformed response: batch reply has an unexpected id 9")
        }
    }

    func testChainIDMismatchIsReported() {
        let (rpc, _) = client([.result(#""0x1""#)])
        XCTAssertThrowsError(try rpc.verifyChainID(31337)) { error in
            XCTAssertEqual("\(error)", "chain id mismatch: \(endpoint.redacted) serves chain 1, but chain 31337 is configured; nothing was signed")
        }
    }

    func testAmbiguityClassification() {
        XCTAssertFalse(RPCError.transport(endpoint: "e", method: "m", .couldNotConnect("refused")).isAmbiguous)
        XCTAssertTrue(RPCError.transport(endpoint: "e", method: "m", .timedOut(seconds: 1)).isAmbiguous)
        XCTAssertTrue(RPCError.gaveUp(attempts: 2, seconds: 1, last: .transport(endpoint: "e", method: "m", .connectionLost("x"))).isAmbiguous)
        XCTAssertFalse(RPCError.node(endpoint: "e", method: "m", JSONRPCErrorObject(code: -32000, message: "nonce too low")).isAmbiguous)
    }
}

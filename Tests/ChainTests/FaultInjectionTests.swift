import XCTest
import ChainModel
import Submission
import TestSupport

/// `send` through the fault-injecting proxy. Every case asserts the exact on-chain outcome:
/// one transaction per intent (the recipient gains the value exactly once, the sender's nonce
/// moves by one), or nothing at all with a clear error where the command must fail.
final class FaultInjectionTests: LocalChainTestCase {
    var proxy: LocalProcess?
    var journalPath: String!
    let recipient = DevAccount.addresses[1]
    let sender = DevAccount.addresses[0]
    let million = UInt256(w0: 0x1bce_cced_a100_0000, w1: 0xd3c2, w2: 0, w3: 0)

    override func setUpWithError() throws {
        try super.setUpWithError()
        journalPath = node.directory.appendingPathComponent("journal.sqlite").path
    }

    override func tearDown() {
        proxy?.stop()
        super.tearDown()
    }

    func startProxy(_ plan: String, mineEvery: Double? = nil) throws -> LocalProcess {
        var arguments = ["--upstream-port", String(node.port), "--plan", plan,
                         "--log", node.directory.appendingPathComponent("proxy.log").path]
        if let mineEvery { arguments += ["--mine-every", String(mineEvery)] }
        let started = try LocalProcess(script: "proxy.py", arguments: arguments)
        proxy = started
        return started
    }

    /// The proxy's log: one (method, action) per request it saw.
    func proxyLog() throws -> [(String, String)] {
        let text = try String(contentsOf: node.directory.appendingPathComponent("proxy.log"), encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            let json = try JSONValue.parse(String(line))
            return (json["method"]?.stringValue ?? "", json["action"]?.stringValue ?? "")
        }
    }

    func send(via url: String, value: String = "1", intent: String = "pay", extra: [String] = []) throws -> TestSupport.ProcessResult {
        try TestSupport.runRebalancer(["send", recipient.checksummed, "", "--value", value, "--intent", intent,
                                       "--chain-id", "31337", "--rpc-url", url, "--journal", journalPath,
                                       "--poll-interval", "0.1", "--timeout", "20"] + extra,
                                      environment: ["REBALANCER_PRIVATE_KEY": DevAccount.privateKey(0)])
    }

    /// Exactly `count` transactions reached the chain from the sender, and the recipient gained `wei` in all.
    func assertChain(transactions count: UInt64, recipientGained wei: UInt64, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try rpc.transactionCount(of: sender, at: .latest), count, "sender nonce", file: file, line: line)
        XCTAssertEqual(try rpc.balance(of: recipient), million + UInt256(wei), "recipient balance", file: file, line: line)
    }

    func expectSuccess(_ plan: String, extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws {
        let proxy = try startProxy(plan)
        let result = try send(via: proxy.url, extra: extra)
        XCTAssertEqual(result.status, 0, result.stderr, file: file, line: line)
        try assertChain(transactions: 1, recipientGained: 1, file: file, line: line)
        let journal = try Journal(path: journalPath)
        XCTAssertEqual(try journal.intent("pay")?.status, .mined, file: file, line: line)
        XCTAssertEqual(try journal.transactions(ofIntent: "pay").map(\.status), [.mined], file: file, line: line)
    }

    func testConnectionDroppedBeforeForwardingTheBroadcast() throws {
        try expectSuccess(#"[{"method":"eth_sendRawTransaction","action":"drop_before"}]"#)
        let broadcasts = try proxyLog().filter { $0.0 == "eth_sendRawTransaction" }.map(\.1)
        XCTAssertEqual(broadcasts, ["drop_before", "forward"])
    }

    func testConnectionDroppedAfterForwardingTheBroadcast() throws {
        // The node has the transaction; the retry of the identical bytes is "already known".
        try expectSuccess(#"[{"method":"eth_sendRawTransaction","action":"drop_after"}]"#)
        let broadcasts = try proxyLog().filter { $0.0 == "eth_sendRawTransaction" }.map(\.1)
        XCTAssertEqual(broadcasts, ["drop_after", "forward"])
    }

    func testDroppedAfterForwardingWithoutClientRetriesIsSettledByHash() throws {
        // libcurl itself re-sends (identical bytes) once when a kept-alive connection dies
        // without an answer, so two drops are needed to leave the outcome ambiguous.
        try expectSuccess(#"[{"method":"eth_sendRawTransaction","action":"drop_after","times":2}]"#, extra: ["--rpc-retries", "1"])
        let log = try proxyLog()
        XCTAssertEqual(log.filter { $0.0 == "eth_sendRawTransaction" }.map(\.1), ["drop_after", "drop_after"],
                       "never broadcast again once the hash lookup found it")
        XCTAssertTrue(log.contains { $0.0 == "eth_getTransactionByHash" })
    }

    func testServerErrorAndRateLimitBursts() throws {
        try expectSuccess(#"""
            [{"method":"*","action":"status","status":503,"times":2},
             {"method":"eth_sendRawTransaction","action":"status","status":429,"retry_after":1,"times":2},
             {"method":"eth_getTransactionReceipt","action":"status","status":502,"times":2}]
            """#)
        let broadcasts = try proxyLog().filter { $0.0 == "eth_sendRawTransaction" }.map(\.1)
        XCTAssertEqual(broadcasts, ["status", "status", "forward"])
    }

    func testResponseSlowerThanTheTimeout() throws {
        try expectSuccess(#"[{"method":"eth_sendRawTransaction","action":"delay","seconds":3}]"#, extra: ["--rpc-timeout", "1"])
    }

    func testTruncatedAnswerToTheBroadcastIsSettledByHash() throws {
        try expectSuccess(#"[{"method":"eth_sendRawTransaction","action":"truncate"}]"#)
    }

    func testMismatchedIDOnTheBroadcastIsSettledByHash() throws {
        try expectSuccess(#"[{"method":"eth_sendRawTransaction","action":"wrong_id"}]"#)
    }

    func expectFailure(_ plan: String, message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let proxy = try startProxy(plan)
        let result = try send(via: proxy.url)
        XCTAssertEqual(result.status, 1, file: file, line: line)
        XCTAssertEqual(result.stderr, "Error: " + message.replacingOccurrences(of: "URL", with: proxy.url) + "\n", file: file, line: line)
        try assertChain(transactions: 0, recipientGained: 0, file: file, line: line)
        XCTAssertNil(try Journal(path: journalPath).intent("pay"), "nothing journaled", file: file, line: line)
    }

    func testNodeOfAnotherChainSignsNothing() throws {
        try expectFailure(#"[{"method":"eth_chainId","action":"chain_id","chain_id":1}]"#,
                          message: "chain id mismatch: URL serves chain 1, but chain 31337 is configured; nothing was signed")
    }

    func testMalformedJSONFailsClearly() throws {
        try expectFailure(#"[{"method":"eth_chainId","action":"garbage"}]"#,
                          message: "eth_chainId to URL: malformed response: invalid JSON at byte 0: unexpected character")
    }

    func testMismatchedIDFailsClearly() throws {
        try expectFailure(#"[{"method":"eth_chainId","action":"wrong_id"}]"#,
                          message: "eth_chainId to URL: malformed response: response id 1001 does not match request id 1")
    }

    func testTruncatedJSONFailsClearly() throws {
        try expectFailure(#"[{"method":"eth_getTransactionCount","action":"truncate"}]"#,
                          message: "eth_getTransactionCount to URL: malformed response: invalid JSON at byte 19: unterminated string")
    }

    func testOversizedBodyIsAbortedAtTheLimit() throws {
        let proxy = try startProxy(#"[{"method":"eth_chainId","action":"oversize","bytes":2000000}]"#)
        let client = try RPCClient(endpoint: try RPCEndpoint(proxy.url), limits: HTTPLimits(maximumResponseBytes: 1 << 20), retryPolicy: .none)
        XCTAssertThrowsError(try client.chainID()) { error in
            XCTAssertEqual(error as? RPCError, .transport(endpoint: proxy.url, method: "eth_chainId", .responseTooLarge(limit: 1 << 20)))
        }
        XCTAssertEqual(try client.chainID(), 31337, "the next request works on a fresh exchange")
    }

    func testUnknownBroadcastOutcomeIsSettledOnRestartWithoutResigning() throws {
        // Every broadcast is dropped before the node sees it: the outcome stays unknown.
        let proxy = try startProxy(#"[{"method":"eth_sendRawTransaction","action":"drop_before","times":100}]"#)
        let first = try send(via: proxy.url, extra: ["--rpc-retries", "1"])
        XCTAssertEqual(first.status, 1)
        XCTAssertTrue(first.stderr.contains("has an unknown outcome"), first.stderr)
        XCTAssertTrue(first.stderr.contains("run again with the same intent id to settle it"), first.stderr)
        try assertChain(transactions: 0, recipientGained: 0)
        let journal = try Journal(path: journalPath)
        let signed = try journal.transactions(ofIntent: "pay")
        XCTAssertEqual(signed.map(\.status), [.signed])

        // The restart (healthy node) re-broadcasts the identical journaled bytes; nothing is re-signed.
        let second = try send(via: node.url)
        XCTAssertEqual(second.status, 0, second.stderr)
        try assertChain(transactions: 1, recipientGained: 1)
        let settled = try journal.transactions(ofIntent: "pay")
        XCTAssertEqual(settled.map(\.hash), signed.map(\.hash))
        XCTAssertEqual(settled.map(\.status), [.mined])
        let onChain = try XCTUnwrap(try rpc.transactionReceipt(signed[0].hash))
        XCTAssertTrue(onChain.succeeded)

        // A third run sends nothing.
        XCTAssertEqual(try send(via: node.url).status, 0)
        try assertChain(transactions: 1, recipientGained: 1)
    }

    func testRefusedBroadcastLeavesNothingAndARerunSends() throws {
        let proxy = try startProxy(#"[{"method":"eth_sendRawTransaction","action":"error","message":"insufficient funds for gas * price + value"}]"#)
        let refused = try send(via: proxy.url)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "Error: intent pay: the node rejected the transaction: insufficient funds for gas * price + value\n")
        try assertChain(transactions: 0, recipientGained: 0)
        let journal = try Journal(path: journalPath)
        XCTAssertEqual(try journal.intent("pay")?.status, .rejected)
        XCTAssertEqual(try journal.transactions(ofIntent: "pay").map(\.status), [.rejected])

        // The nonce was never consumed: the rerun signs for it (the same bytes here) and sends once.
        let rerun = try send(via: node.url)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        try assertChain(transactions: 1, recipientGained: 1)
        XCTAssertEqual(try journal.intent("pay")?.status, .mined)
        XCTAssertEqual(try journal.transactions(ofIntent: "pay").map(\.status), [.mined])
    }

    func testTwoIntentsNeverShareANonceOrLeaveAGap() throws {
        XCTAssertEqual(try send(via: node.url, intent: "a").status, 0)
        XCTAssertEqual(try send(via: node.url, value: "2", intent: "b").status, 0)
        try assertChain(transactions: 2, recipientGained: 3)
        let journal = try Journal(path: journalPath)
        XCTAssertEqual(try journal.intent("a")?.nonce, 0)
        XCTAssertEqual(try journal.intent("b")?.nonce, 1)
    }
}

/// Transport properties seen from the proxy: one kept-alive connection, gzip bodies.
final class TransportOnChainTests: XCTestCase {
    var node: LocalProcess!
    var proxy: LocalProcess!

    override func setUpWithError() throws {
        node = try LocalProcess(script: "server.py", arguments: ["--chain-id", "31337"])
        proxy = try LocalProcess(script: "proxy.py", arguments: [
            "--upstream-port", String(node.port), "--log", node.directory.appendingPathComponent("proxy.log").path,
            "--plan", #"[{"method":"eth_getBlockByNumber","action":"gzip","times":5}]"#,
        ])
    }

    override func tearDown() {
        proxy?.stop()
        node?.stop()
    }

    func testOneKeptAliveConnectionAndGzipBodies() throws {
        let client = try RPCClient(endpoint: try RPCEndpoint(proxy.url), retryPolicy: .none)
        for _ in 0..<5 {
            XCTAssertEqual(try client.chainID(), 31337)
            let block = try XCTUnwrap(try client.block(.latest))  // gzip-compressed by the proxy
            XCTAssertEqual(block.number, 0)
        }
        let text = try String(contentsOf: node.directory.appendingPathComponent("proxy.log"), encoding: .utf8)
        let entries = try text.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        XCTAssertEqual(entries.count, 10)
        XCTAssertEqual(entries.filter { $0["action"] == .string("gzip") }.count, 5)
        XCTAssertEqual(Set(entries.compactMap { $0["peer"]?.serialized }).count, 1, "every request on one connection")
    }
}

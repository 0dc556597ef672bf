import XCTest
import ChainModel
import Submission
import TestSupport

/// The replacement path, forced by a proxy that withholds inclusion while blocks keep coming.
final class ReplacementTests: LocalChainTestCase {
    var proxy: LocalProcess!
    var journalPath: String!
    let million = UInt256(w0: 0x1bce_cced_a100_0000, w1: 0xd3c2, w2: 0, w3: 0)

    override func setUpWithError() throws {
        try super.setUpWithError()
        journalPath = node.directory.appendingPathComponent("journal.sqlite").path
    }

    override func tearDown() {
        proxy?.stop()
        super.tearDown()
    }

    func send(plan: String, extra: [String] = []) throws -> TestSupport.ProcessResult {
        proxy = try LocalProcess(script: "proxy.py", arguments: ["--upstream-port", String(node.port), "--plan", plan, "--mine-every", "0.2"])
        return try TestSupport.runRebalancer(["send", DevAccount.addresses[1].checksummed, "", "--value", "1", "--intent", "bump",
                                              "--chain-id", "31337", "--rpc-url", proxy.url, "--journal", journalPath,
                                              "--poll-interval", "0.1", "--timeout", "30", "--replace-after", "2", "--json"] + extra,
                                             environment: ["REBALANCER_PRIVATE_KEY": DevAccount.privateKey(0)])
    }

    func assertBumped(_ replacement: JournaledTransaction, over original: JournaledTransaction) {
        XCTAssertEqual(replacement.replaces, original.hash)
        XCTAssertEqual(replacement.nonce, original.nonce)
        guard case let .dynamic(oldFee, oldTip) = original.fees, case let .dynamic(newFee, newTip) = replacement.fees else {
            return XCTFail("expected EIP-1559 fees")
        }
        XCTAssertEqual(newFee, FeeEstimator.bumped(original.fees).map(\.maximumPricePerGas))
        XCTAssertGreaterThanOrEqual(newFee * 8, oldFee * 9, "max fee raised by at least 12.5 %")
        XCTAssertGreaterThanOrEqual(newTip * 8, oldTip * 9, "tip raised by at least 12.5 %")
        XCTAssertGreaterThan(newTip, oldTip)
    }

    func testWithheldTransactionIsReplacedAndTheReplacementWins() throws {
        let result = try send(plan: #"[{"method":"eth_sendRawTransaction","action":"withhold"}]"#)
        XCTAssertEqual(result.status, 0, result.stderr)
        let journal = try Journal(path: journalPath)
        let signed = try journal.transactions(ofIntent: "bump")
        XCTAssertEqual(signed.map(\.status), [.dropped, .mined])
        assertBumped(signed[1], over: signed[0])
        let output = try JSONValue.parse(result.stdout)
        XCTAssertEqual(output["transactionHash"], .string(signed[1].hash.description))
        // Exactly one transaction of the nonce reached the chain.
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[0], at: .latest), 1)
        XCTAssertEqual(try rpc.balance(of: DevAccount.addresses[1]), million + 1)
        XCTAssertNil(try rpc.transactionReceipt(signed[0].hash))
    }

    func testOriginalIncludedLateWinsOverItsReplacement() throws {
        // The withheld original reaches the node just before the replacement: the original is
        // mined, the replacement is refused (nonce used), and the journal marks it dropped.
        let result = try send(plan: #"[{"method":"eth_sendRawTransaction","action":"withhold","release_on_next":true}]"#)
        XCTAssertEqual(result.status, 0, result.stderr)
        let journal = try Journal(path: journalPath)
        let signed = try journal.transactions(ofIntent: "bump")
        XCTAssertEqual(signed.map(\.status), [.mined, .dropped])
        assertBumped(signed[1], over: signed[0])
        XCTAssertEqual(try JSONValue.parse(result.stdout)["transactionHash"], .string(signed[0].hash.description))
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[0], at: .latest), 1)
        XCTAssertEqual(try rpc.balance(of: DevAccount.addresses[1]), million + 1)
    }

    func testRefusedReplacementIsFollowedByAHigherOne() throws {
        let result = try send(plan: #"""
            [{"method":"eth_sendRawTransaction","action":"withhold"},
             {"method":"eth_sendRawTransaction","action":"error","message":"replacement transaction underpriced"}]
            """#)
        XCTAssertEqual(result.status, 0, result.stderr)
        let signed = try Journal(path: journalPath).transactions(ofIntent: "bump")
        XCTAssertEqual(signed.map(\.status), [.dropped, .rejected, .mined])
        assertBumped(signed[1], over: signed[0])
        XCTAssertEqual(signed[2].replaces, signed[0].hash, "replaces the live transaction, not the refused one")
        guard case let .dynamic(refusedFee, _) = signed[1].fees, case let .dynamic(finalFee, _) = signed[2].fees else {
            return XCTFail("expected EIP-1559 fees")
        }
        XCTAssertEqual(finalFee, FeeEstimator.bumped(signed[1].fees).map(\.maximumPricePerGas), "bumped over the refused fees")
        XCTAssertGreaterThan(finalFee, refusedFee)
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[0], at: .latest), 1)
        XCTAssertEqual(try rpc.balance(of: DevAccount.addresses[1]), million + 1)
    }

    func testFeeCapStopsReplacementAndTheIntentStaysPending() throws {
        // Empty blocks carry no tips, so the first quote's tip is 0; a tip cap of 0 allows it
        // but not the bump (a replacement must raise the tip too): no replacement is signed.
        let result = try send(plan: #"[{"method":"eth_sendRawTransaction","action":"withhold"}]"#,
                              extra: ["--max-tip", "0", "--timeout", "3"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("intent bump: not confirmed within 3 s"), result.stderr)
        let journal = try Journal(path: journalPath)
        XCTAssertEqual(try journal.transactions(ofIntent: "bump").count, 1)
        XCTAssertEqual(try journal.intent("bump")?.status, .pending)
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[0], at: .latest), 0)
    }
}

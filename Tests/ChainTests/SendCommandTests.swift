import Foundation
import XCTest
import ChainModel
import Submission
import TestSupport

/// `send` end to end on the local chain: all three transaction types, journaled restarts,
/// dry runs that block submission.
final class SendCommandTests: LocalChainTestCase {
    var journalPath: String!

    override func setUpWithError() throws {
        try super.setUpWithError()
        journalPath = node.directory.appendingPathComponent("journal.sqlite").path
    }


    func rebalancer(_ arguments: [String], key: Int = 0, url: String? = nil) throws -> TestSupport.ProcessResult {
        try TestSupport.runRebalancer(arguments + ["--rpc-url", url ?? node.url, "--journal", journalPath],
                                      environment: ["REBALANCER_PRIVATE_KEY": DevAccount.privateKey(key)])
    }

    func sendJSON(_ arguments: [String], key: Int = 0) throws -> JSONValue {
        let result = try rebalancer(["send"] + arguments + ["--chain-id", "31337", "--json"], key: key)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try JSONValue.parse(result.stdout)
    }

    func deployToken() throws -> Address {
        let token = try CompiledContract.load("TestToken")
        let arguments = Words.uint(96) + Words.uint(160) + Words.uint(6) + Words.stringTail("Test USD") + Words.stringTail("TUSD")
        return try rpc.deployFromDevAccount(token.bytecode, constructorArguments: arguments, from: DevAccount.addresses[0])
    }

    func tokenBalance(_ token: Address, _ holder: Address) throws -> [UInt8] {
        try rpc.call(CallRequest(to: token, input: Words.selector("balanceOf(address)") + Words.address(holder)))
    }

    static let transferEvent = "Transfer(address indexed sender, address indexed receiver, uint256 value)"

    func testSendsAllThreeTransactionTypesWithDecodedLogs() throws {
        let token = try deployToken()
        let owner = DevAccount.addresses[0]
        let minted = try sendJSON([token.checksummed, "mint(address,uint256)", owner.checksummed, "1000e6", "--event", Self.transferEvent])
        XCTAssertEqual(minted["status"], .number("1"))
        XCTAssertEqual(minted["nonce"], .number("1"))  // nonce 0 deployed the token
        for (index, type, expected) in [(1, "legacy", "0"), (2, "access-list", "1"), (3, "eip1559", "2")] {
            let receipt = try sendJSON([token.checksummed, "transfer(address,uint256)", DevAccount.addresses[index].checksummed,
                                        "\(index)e6", "--type", type, "--event", Self.transferEvent])
            XCTAssertEqual(receipt["type"], .number(expected), type)
            XCTAssertEqual(receipt["status"], .number("1"), type)
            XCTAssertEqual(receipt["nonce"], .number(String(index + 1)), type)
            let log = try XCTUnwrap(receipt["logs"]?.arrayValue?.first)
            XCTAssertEqual(log["args"], .object([("sender", .string(owner.checksummed)),
                                                 ("receiver", .string(DevAccount.addresses[index].checksummed)),
                                                 ("value", .string("\(index)000000"))]), type)
            XCTAssertEqual(try tokenBalance(token, DevAccount.addresses[index]), Words.uint(UInt64(index) * 1_000_000))
            // The node saw exactly the journaled bytes: the receipt's hash is the one signed.
            XCTAssertEqual(receipt["transactionHash"], receipt["signed"]?.arrayValue?.first?["hash"])
        }
        XCTAssertEqual(try tokenBalance(token, owner), Words.uint(994_000_000))
        XCTAssertEqual(try rpc.transactionCount(of: owner, at: .latest), 5)
    }

    func testRestartWithTheSameIntentSendsNothing() throws {
        let recipient = DevAccount.addresses[1].checksummed
        let first = try sendJSON([recipient, "", "--value", "1ether", "--intent", "pay-1"])
        XCTAssertEqual(first["resumed"], .bool(false))
        let again = try sendJSON([recipient, "", "--value", "1ether", "--intent", "pay-1"])
        XCTAssertEqual(again["resumed"], .bool(true))
        XCTAssertEqual(again["transactionHash"], first["transactionHash"])
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[0], at: .latest), 1)

        // The same id for other content is refused, and nothing is sent.
        let conflict = try rebalancer(["send", recipient, "", "--value", "2ether", "--intent", "pay-1", "--chain-id", "31337"])
        XCTAssertEqual(conflict.status, 1)
        XCTAssertEqual(conflict.stderr, "Error: intent pay-1: already journaled with a different value (1000000000000000000 wei); an intent id names one transaction, choose another id\n")
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[0], at: .latest), 1)

        // Without --intent, the id derives from the content: an identical command resumes too.
        let derived = try sendJSON([recipient, "", "--value", "3ether"])
        let derivedAgain = try sendJSON([recipient, "", "--value", "3ether"])
        XCTAssertEqual(derivedAgain["resumed"], .bool(true))
        XCTAssertEqual(derivedAgain["transactionHash"], derived["transactionHash"])
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[0], at: .latest), 2)
        let journal = try Journal(path: journalPath)
        XCTAssertEqual(try journal.intent("pay-1")?.status, .mined)
        XCTAssertEqual(try journal.transactions(ofIntent: "pay-1").map(\.status), [.mined])
    }

    func testFailingDryRunBlocksSubmissionUnlessForced() throws {
        let token = try deployToken()
        let poor = DevAccount.addresses[2]
        let blocked = try rebalancer(["send", token.checksummed, "transfer(address,uint256)", DevAccount.addresses[0].checksummed, "5",
                                      "--chain-id", "31337"], key: 2)
        XCTAssertEqual(blocked.status, 1)
        XCTAssertEqual(blocked.stderr, "Error: dry run failed: execution reverted: \"TestToken: transfer amount exceeds balance\"; nothing was signed (pass --force to submit anyway)\n")
        XCTAssertEqual(try rpc.transactionCount(of: poor, at: .latest), 0)

        let forced = try rebalancer(["send", token.checksummed, "transfer(address,uint256)", DevAccount.addresses[0].checksummed, "5",
                                     "--chain-id", "31337", "--force", "--gas-limit", "100000"], key: 2)
        XCTAssertEqual(forced.status, 1)
        XCTAssertTrue(forced.stderr.hasPrefix("Error: transaction 0x"), forced.stderr)
        XCTAssertTrue(forced.stderr.hasSuffix("was included but reverted (status 0)\n"), forced.stderr)
        XCTAssertEqual(try rpc.transactionCount(of: poor, at: .latest), 1)
    }

    func testDryRunReportsGasAndCostAndSignsNothing() throws {
        let token = try deployToken()
        let owner = DevAccount.addresses[0]
        let mint = Words.selector("mint(address,uint256)") + Words.address(DevAccount.addresses[1]) + Words.uint(7)
        let estimate = try rpc.estimateGas(CallRequest(from: owner, to: token, input: mint))
        let result = try rebalancer(["send", "--dry-run", "--json", token.checksummed, "mint(address,uint256)",
                                     DevAccount.addresses[1].checksummed, "7"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let report = try JSONValue.parse(result.stdout)
        let limit = (estimate * 12 + 9) / 10
        XCTAssertEqual(report["gasEstimate"], .number(String(estimate)))
        XCTAssertEqual(report["gasLimit"], .number(String(limit)))
        let maxFee = try UInt256(try XCTUnwrap(report["maxFeePerGas"]?.stringValue))
        XCTAssertEqual(report["maximumCostWei"], .string((UInt256(limit) * maxFee).description))
        XCTAssertEqual(try rpc.transactionCount(of: owner, at: .latest), 1)

        let failing = try rebalancer(["send", "--dry-run", token.checksummed, "mint(address,uint256)",
                                      DevAccount.addresses[1].checksummed, "7", "--from", DevAccount.addresses[3].checksummed])
        XCTAssertEqual(failing.stderr, "Error: dry run failed: execution reverted: \"TestToken: caller is not the minter\"\n")
    }

    func testSignsWithAKeystoreFile() throws {
        // eth-account writes the keystore (PBKDF2, few iterations to keep the test fast).
        let path = node.directory.appendingPathComponent("key.json").path
        let script = """
            import json, os, sys
            from eth_account import Account
            keystore = Account.encrypt(sys.argv[1], "correct horse", kdf="pbkdf2", iterations=1000)
            fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.write(fd, json.dumps(keystore).encode()); os.close(fd)
            """
        let made = try TestSupport.run(TestSupport.python, ["-c", script, DevAccount.privateKey(3), path])
        XCTAssertEqual(made.status, 0, made.stderr)
        let holder = DevAccount.addresses[3]
        func send(password: String) throws -> TestSupport.ProcessResult {
            let passwordFile = node.directory.appendingPathComponent("password-\(UUID().uuidString)").path
            try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: passwordFile))
            return try TestSupport.runRebalancer(["send", DevAccount.addresses[1].checksummed, "", "--value", "7", "--chain-id", "31337",
                                                  "--keystore", path, "--password-file", passwordFile, "--rpc-url", node.url,
                                                  "--journal", journalPath], environment: [:])
        }
        let wrong = try send(password: "wrong horse")
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stderr.hasPrefix("Error: --keystore \(path): "), wrong.stderr)
        XCTAssertFalse(wrong.stderr.contains("wrong horse"))
        XCTAssertEqual(try rpc.transactionCount(of: holder, at: .latest), 0)
        let right = try send(password: "correct horse")
        XCTAssertEqual(right.status, 0, right.stderr)
        XCTAssertTrue(right.stdout.contains("from                 \(holder.checksummed)"), right.stdout)
        XCTAssertEqual(try rpc.transactionCount(of: holder, at: .latest), 1)
    }

    func testWrongChainSignsNothing() throws {
        let result = try rebalancer(["send", DevAccount.addresses[1].checksummed, "", "--value", "1", "--chain-id", "1"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "Error: chain id mismatch: \(node.url) serves chain 31337, but chain 1 is configured; nothing was signed\n")
        let missing = try rebalancer(["send", DevAccount.addresses[1].checksummed, "", "--value", "1"])
        XCTAssertEqual(missing.stderr, "Error: chain-id: required for send, so nothing is signed for the wrong chain\n")
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[0], at: .latest), 0)
    }
}

import XCTest
import ChainModel
import Secp
import Submission
import TestSupport

/// Waiting for N confirmations, and a reorganisation before that depth, with the Submitter
/// library driving the local node (blocks keep coming from the proxy's miner).
final class ConfirmationTests: LocalChainTestCase {
    var proxy: LocalProcess!

    override func setUpWithError() throws {
        try super.setUpWithError()
        proxy = try LocalProcess(script: "proxy.py", arguments: ["--upstream-port", String(node.port), "--mine-every", "0.3"])
    }

    override func tearDown() {
        proxy?.stop()
        super.tearDown()
    }

    func submitter(confirmations: UInt64) throws -> (Submitter, Journal) {
        let client = try RPCClient(endpoint: try RPCEndpoint(proxy.url))
        let journal = try Journal(path: ":memory:")
        var options = SubmissionOptions()
        options.confirmations = confirmations
        options.pollInterval = 0.05
        options.timeout = 30
        options.replaceAfterBlocks = nil
        let key = try PrivateKey(bytes: try Hex.decode(DevAccount.privateKey(0), count: 32))
        return (Submitter(client: client, journal: journal, key: key, options: options), journal)
    }

    func payment(_ id: String) -> TransactionIntent {
        TransactionIntent(id: id, chainID: 31337, sender: DevAccount.addresses[0], to: DevAccount.addresses[1], value: 5, data: [])
    }

    func testWaitsForTheRequestedConfirmations() throws {
        let (submitter, journal) = try submitter(confirmations: 3)
        var notes: [String] = []
        submitter.progress = { notes.append($0) }
        let result = try submitter.submit(payment("deep"))
        XCTAssertGreaterThanOrEqual(try rpc.blockNumber(), result.receipt.blockNumber + 2)
        XCTAssertTrue(notes.contains { $0.hasSuffix("1/3 confirmations") }, "\(notes)")
        XCTAssertTrue(notes.contains { $0.hasSuffix("2/3 confirmations") }, "\(notes)")
        XCTAssertEqual(try journal.transactions(ofIntent: "deep").map(\.status), [.mined])
        XCTAssertEqual(try journal.transactions(ofIntent: "deep").first?.blockHash, result.receipt.blockHash)
    }

    func testReorganisationBeforeTheDepthIsWaitedOut() throws {
        let (submitter, journal) = try submitter(confirmations: 3)
        let snapshot = try rpc.call("evm_snapshot")
        var firstBlock: Bytes32?
        let reorg = try RPCClient(endpoint: try RPCEndpoint(node.url), retryPolicy: .none)
        submitter.progress = { note in
            // At the first confirmation, replace the chain from before the transaction.
            guard firstBlock == nil, note.hasSuffix("1/3 confirmations"),
                  let hash = try? Bytes32(hex: String(note.prefix(66))),
                  let receipt = try? reorg.transactionReceipt(hash) else { return }
            firstBlock = receipt.blockHash
            _ = try? reorg.call("evm_revert", [snapshot])
        }
        let result = try submitter.submit(payment("reorg"))
        let first = try XCTUnwrap(firstBlock, "the reorganisation happened")
        XCTAssertNotEqual(result.receipt.blockHash, first, "confirmed in the new chain, not the abandoned block")
        let canonical = try XCTUnwrap(try rpc.block(.number(result.receipt.blockNumber)))
        XCTAssertEqual(canonical.hash, result.receipt.blockHash)
        // The identical bytes were re-broadcast; nothing was signed again.
        let signed = try journal.transactions(ofIntent: "reorg")
        XCTAssertEqual(signed.count, 1)
        XCTAssertEqual(signed[0].hash, result.receipt.transactionHash)
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[0], at: .latest), 1)
    }
}

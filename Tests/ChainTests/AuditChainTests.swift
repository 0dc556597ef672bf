import ChainModel
import Foundation
import TestSupport
import XCTest

/// `verify --rpc-url` and `verify --tx-hash` on the local chain with the Vyper stand-ins
/// (auction-module §9.1 deployed by `Tests/python/auction_chain/deploy.py`): a fresh plan fits
/// the chain, the planned setBidderStatus verifies by hash, and a startRebalance sent with another
/// duration is named twice: in its arguments and as a rebalance in progress that is not the plan's.
final class AuditChainTests: LocalChainTestCase {
    private func rebalancer(_ arguments: [String], key: Int? = nil) throws -> TestSupport.ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        if let key { environment["REBALANCER_PRIVATE_KEY"] = DevAccount.privateKey(key) }
        return try TestSupport.runRebalancer(arguments, environment: environment)
    }


    /// Sends `function(values…)` to `to` as the manager (account 1) and returns the transaction hash.
    private func send(_ to: String, _ function: String, _ values: [String]) throws -> String {
        let result = try rebalancer(["send", to, function] + values + ["--rpc-url", node.url, "--chain-id", "31337", "--json",
                                    "--journal", dir.appendingPathComponent("journal.sqlite").path], key: 1)
        XCTAssertEqual(result.status, 0, result.stderr)
        let receipt = try JSONValue.parse(result.stdout)
        return try XCTUnwrap(receipt["transactionHash"]?.stringValue)
    }

    func testVerifyAgainstTheChainAndByTransactionHash() throws {
        let deployed = try TestSupport.runPython(script: "auction_chain/deploy.py", ["--rpc-url", node.url, "--scenario", "9.1"])
        let system = try JSONValue.parse(String(decoding: deployed, as: UTF8.self))
        let set = try Address(XCTUnwrap(system["setToken"]?.stringValue))
        let module = try Address(XCTUnwrap(system["auctionModule"]?.stringValue))
        let dai = try Address(XCTUnwrap(system["tokens"]?["DAI"]?.stringValue))
        let wbtc = try Address(XCTUnwrap(system["tokens"]?["WBTC"]?.stringValue))
        let weth = try Address(XCTUnwrap(system["tokens"]?["WETH"]?.stringValue))
        let bidder = try Address(XCTUnwrap(system["accounts"]?["bidder"]?.stringValue))

        let snapshot = dir.appendingPathComponent("snapshot.json").path
        let snapshotRun = try rebalancer(["snapshot", "--rpc-url", node.url, "--set", set.checksummed, "--module", module.checksummed,
                                          "--out", snapshot])
        XCTAssertEqual(snapshotRun.status, 0, snapshotRun.stderr)
        let weights = try node.writeFile("weights.json", Scenario91PlanFiles.weights(methodology: "audit", dai: dai, wbtc: wbtc, weth: weth))
        let prices = try node.writeFile("prices.json", Scenario91PlanFiles.prices(dai: dai, wbtc: wbtc, weth: weth))
        let policy = try node.writeFile("policy.yaml", Scenario91PlanFiles.policy(module: module, weth: weth, bidder: bidder, lock: false, linear: wbtc))
        let plan = dir.appendingPathComponent("plan.json").path
        let planned = try rebalancer(["plan", "--state", snapshot, "--weights", weights, "--prices", prices, "--policy", policy, "--out", plan])
        XCTAssertEqual(planned.status, 0, planned.stderr)
        let abiDir = TestSupport.repositoryRoot.appendingPathComponent("contracts-abi").path
        let verify = ["verify", "--plan", plan, "--abi-dir", abiDir, "--rpc-url", node.url]

        // 1. Before anything is sent, the plan fits the chain.
        let fits = try rebalancer(verify)
        XCTAssertEqual(fits.status, 0, fits.stdout + fits.stderr)
        XCTAssertTrue(fits.stdout.hasPrefix("verified against the plan's inputs: 4 input hashes, the plan document, the chain at block "), fits.stdout)

        let document = try JSONValue.parse(try String(contentsOfFile: plan, encoding: .utf8))
        let transactions = try XCTUnwrap(document["transactions"]?.arrayValue)
        func arguments(_ tx: JSONValue) throws -> [String] { try XCTUnwrap(tx["arguments"]?.arrayValue).map { $0["value"]?.stringValue ?? "" } }
        let bidders = try XCTUnwrap(transactions.first { $0["function"]?.stringValue == "setBidderStatus(address,address[],bool[])" })
        let start = try XCTUnwrap(transactions.first { $0["function"]?.stringValue?.hasPrefix("startRebalance(") == true })

        // 2. The planned setBidderStatus, mined, verifies by its hash.
        let biddersHash = try send(module.checksummed, try XCTUnwrap(bidders["function"]?.stringValue), try arguments(bidders))
        let byHash = try rebalancer(verify + ["--tx-hash", biddersHash])
        XCTAssertEqual(byHash.status, 0, byHash.stdout + byHash.stderr)
        XCTAssertTrue(byHash.stdout.contains("the transaction, the chain at block"), byHash.stdout)

        // 3. startRebalance sent with a one-hour duration instead of the plan's day.
        var changed = try arguments(start)
        XCTAssertEqual(changed[6], "86400")
        changed[6] = "3600"
        let startHash = try send(module.checksummed, try XCTUnwrap(start["function"]?.stringValue), changed)
        let wrong = try rebalancer(verify + ["--tx-hash", startHash])
        XCTAssertEqual(wrong.status, 1, wrong.stdout + wrong.stderr)
        let rows = wrong.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(rows.contains { $0.hasPrefix("_rebalanceDuration ") && $0.hasSuffix("  86400 | 3600") }, wrong.stdout)
        XCTAssertTrue(rows.contains { $0.hasPrefix("chain.rebalance_in_progress ") && $0.contains("false | true (started at ") }, wrong.stdout)

        // An unknown hash is one clear error.
        let unknown = try rebalancer(verify + ["--tx-hash", "0x" + String(repeating: "ab", count: 32)])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no such transaction"), unknown.stderr)
    }
}

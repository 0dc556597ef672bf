import ChainModel
import Foundation
import TestSupport
import XCTest

/// Snapshot → plan → dry-run → startRebalance → bids after time travel on the Vyper stand-ins
/// (auction-module §9.1 deployed by `Tests/python/auction_chain/deploy.py` on the local node):
/// every target is met and each bid moves exactly the quote amount the plan predicted.
final class EndToEndPlanTests: LocalChainTestCase {
    func rebalancer(_ arguments: [String], key: Int? = nil) throws -> TestSupport.ProcessResult {
        var environment = ProcessInfo.processInfo.environment
        if let key { environment["REBALANCER_PRIVATE_KEY"] = DevAccount.privateKey(key) }
        let result = try TestSupport.runRebalancer(arguments, environment: environment)
        XCTAssertEqual(result.status, 0, "rebalancer \(arguments.prefix(2).joined(separator: " ")): \(result.stderr)")
        return result
    }


    /// `eth_call` of `signature` returning one word.
    func word(_ to: Address, _ signature: String, _ arguments: [ABIValue]) throws -> UInt256 {
        let function = try ABIFunction(signature: signature)
        let data = try rpc.call(CallRequest(to: to, input: try function.encodeCall(arguments)))
        return try XCTUnwrap(UInt256(bigEndianBytes: Array(data.prefix(32))))
    }

    func testSnapshotPlanSubmitAndBidToAllTargets() throws {
        let deployed = try TestSupport.runPython(script: "auction_chain/deploy.py", ["--rpc-url", node.url, "--scenario", "9.1"])
        let system = try JSONValue.parse(String(decoding: deployed, as: UTF8.self))
        let set = try Address(XCTUnwrap(system["setToken"]?.stringValue))
        let module = try Address(XCTUnwrap(system["auctionModule"]?.stringValue))
        let dai = try Address(XCTUnwrap(system["tokens"]?["DAI"]?.stringValue))
        let wbtc = try Address(XCTUnwrap(system["tokens"]?["WBTC"]?.stringValue))
        let weth = try Address(XCTUnwrap(system["tokens"]?["WETH"]?.stringValue))
        let bidder = try Address(XCTUnwrap(system["accounts"]?["bidder"]?.stringValue))
        XCTAssertEqual(bidder, DevAccount.addresses[3])

        // 1. Snapshot at one block.
        let snapshotPath = dir.appendingPathComponent("snapshot.json").path
        _ = try rebalancer(["snapshot", "--rpc-url", node.url, "--set", set.checksummed, "--module", module.checksummed,
                            "--out", snapshotPath])
        let snapshot = try JSONValue.parse(try String(contentsOfFile: snapshotPath, encoding: .utf8))
        XCTAssertEqual(snapshot["components"]?.arrayValue?.map { $0["symbol"]?.stringValue }, ["DAI", "WBTC", "WETH"])
        XCTAssertEqual(snapshot["components"]?.arrayValue?.map { $0["real_unit"]?.stringValue },
                       ["10000000000000000000000", "50000000", "5000000000000000000"])

        // 2. Plan: 40 % DAI (buy), 30 % WBTC (sell), WETH the quote; DAI at a constant fair price,
        //    WBTC on a falling linear curve (2 % above fair, −0.1 % of fair every 10 minutes).
        let weights = try node.writeFile("weights.json", Scenario91PlanFiles.weights(methodology: "e2e", dai: dai, wbtc: wbtc, weth: weth))
        let prices = try node.writeFile("prices.json", Scenario91PlanFiles.prices(dai: dai, wbtc: wbtc, weth: weth))
        let policy = try node.writeFile("policy.yaml", Scenario91PlanFiles.policy(module: module, weth: weth, bidder: bidder, lock: false, linear: wbtc))
        let planPath = dir.appendingPathComponent("plan.json").path
        let table = try rebalancer(["plan", "--state", snapshotPath, "--weights", weights, "--prices", prices, "--policy", policy,
                                    "--out", planPath])
        XCTAssertTrue(table.stdout.contains("WBTC"), table.stdout)
        let plan = try JSONValue.parse(try String(contentsOfFile: planPath, encoding: .utf8))
        let transactions = try XCTUnwrap(plan["transactions"]?.arrayValue)
        XCTAssertEqual(transactions.map { $0["function"]?.stringValue }, [
            "setBidderStatus(address,address[],bool[])",
            "startRebalance(address,address,address[],(uint256,string,bytes)[],(uint256,string,bytes)[],bool,uint256,uint256)"])
        // The same plan read over RPC (the module from the policy) has the same trades.
        let live = try rebalancer(["plan", "--rpc-url", node.url, "--set", set.checksummed, "--weights", weights, "--prices", prices,
                                   "--policy", policy, "--json"])
        XCTAssertEqual(try JSONValue.parse(live.stdout)["trades"], plan["trades"])

        // 3. Dry-run, then send each transaction as the manager (account 1) from its decoded arguments.
        for tx in transactions {
            let to = try XCTUnwrap(tx["to"]?.stringValue)
            let function = try XCTUnwrap(tx["function"]?.stringValue)
            let values = try XCTUnwrap(tx["arguments"]?.arrayValue).map { $0["value"]?.stringValue ?? "" }
            let dry = try rebalancer(["send", to, function] + values + ["--rpc-url", node.url, "--chain-id", "31337", "--dry-run"], key: 1)
            XCTAssertTrue(dry.stdout.hasPrefix("dry run succeeded"), dry.stdout)
            _ = try rebalancer(["send", to, function] + values + ["--rpc-url", node.url, "--chain-id", "31337",
                                "--journal", dir.appendingPathComponent("journal.sqlite").path], key: 1)
            // What was sent is the plan's calldata byte for byte: re-encoding the decoded arguments.
            let encoded = try rebalancer(["calldata", function] + values)
            XCTAssertEqual(encoded.stdout.trimmingCharacters(in: .whitespacesAndNewlines), tx["calldata"]?.stringValue)
        }

        // 4. Time travel into the auction, then bid each trade in full. The quote moved must equal the
        //    plan's prediction at the bid's second: `rebalancer schedule` gives the exact price there.
        let info = try rpc.call(CallRequest(to: module, input: try ABIFunction(signature: "rebalanceInfo(address)").encodeCall([.address(set)])))
        let start = try XCTUnwrap(UInt256(bigEndianBytes: Array(info[32..<64])))
        XCTAssertEqual(try word(module, "allTargetsMet(address)", [.address(set)]), .zero, "targets are not met before the bids")
        let trades = try XCTUnwrap(plan["trades"]?.arrayValue)
        XCTAssertEqual(trades.map { $0["symbol"]?.stringValue }, ["DAI", "WBTC"])
        for (i, trade) in trades.enumerated() {
            _ = try rpc.call("evm_increaseTime", [.number(String(1_800 * (i + 1)))])
            _ = try rpc.call("evm_mine", [])
            let component = try Address(XCTUnwrap(trade["component"]?.stringValue))
            let isSell = trade["side"]?.stringValue == "sell"
            let size = try UInt256(XCTUnwrap(trade["auction_size"]?.stringValue))
            let before = try word(weth, "balanceOf(address)", [.address(bidder)])
            _ = try rebalancer(["send", module.checksummed, "bid(address,address,address,uint256,uint256,bool)", set.checksummed,
                                component.checksummed, weth.checksummed, size.description, isSell ? UInt256.max.description : "0",
                                isSell ? "true" : "false", "--rpc-url", node.url, "--chain-id", "31337",
                                "--journal", dir.appendingPathComponent("journal.sqlite").path], key: 3)
            let after = try word(weth, "balanceOf(address)", [.address(bidder)])
            let bidBlock = try XCTUnwrap(try rpc.block(.latest))
            let elapsed = UInt256(bidBlock.timestamp) - start
            XCTAssertGreaterThanOrEqual(elapsed, UInt256(1_800))
            let schedule = try rebalancer(["schedule", "--plan", planPath, "--component", component.checksummed,
                                           "--from", elapsed.description, "--to", elapsed.description, "--json"])
            let price = try UInt256(XCTUnwrap(try JSONValue.parse(schedule.stdout)["columns"]?.arrayValue?.first?["prices"]?.arrayValue?.first?.stringValue))
            let fair = try UInt256(XCTUnwrap(trade["fair_price"]?.stringValue))
            if isSell {  // the linear curve has fallen from 102 % of fair but not yet to fair
                XCTAssertGreaterThan(price, fair)
                XCTAssertLessThan(price, fair * UInt256(102) / UInt256(100))
            } else {
                XCTAssertEqual(price, fair)
            }
            // Sells: the bidder pays ⌈size·price/1e18⌉; buys: it receives ⌊size·price/1e18⌋ (§2.5).
            let predicted = try UInt256.mulDiv(size, price, UInt256(1_000_000_000_000_000_000), rounding: isSell ? .up : .down)
            XCTAssertEqual(isSell ? before - after : after - before, predicted, "quote moved for \(component) at second \(elapsed)")
            if !isSell { XCTAssertEqual(predicted, try UInt256(XCTUnwrap(trade["expected_quote_quantity"]?.stringValue))) }
        }

        // The first snapshot is reproducible: reading again at its pinned block gives the same bytes.
        let pinned = try XCTUnwrap(snapshot["block"]?["number"]).serialized
        let again = try rebalancer(["snapshot", "--rpc-url", node.url, "--set", set.checksummed, "--module", module.checksummed,
                                    "--block", pinned])
        XCTAssertEqual(again.stdout, try String(contentsOfFile: snapshotPath, encoding: .utf8))

        // 5. All targets met, and each unit equals the plan's target (up to the documented 1-wei read-back).
        XCTAssertEqual(try word(module, "allTargetsMet(address)", [.address(set)]), .one)
        for row in try XCTUnwrap(plan["components"]?.arrayValue) {
            let token = try Address(XCTUnwrap(row["address"]?.stringValue))
            let target = try UInt256(XCTUnwrap(row["target_unit"]?.stringValue))
            let unit = try word(set, "getDefaultPositionRealUnit(address)", [.address(token)])
            if row["action"]?.stringValue == "quote" {
                XCTAssertGreaterThanOrEqual(unit, target, "the quote ends at or above its target")
            } else {
                XCTAssertTrue(unit == target || unit + .one == target, "\(row["symbol"]?.stringValue ?? ""): unit \(unit), target \(target)")
            }
        }
    }
}

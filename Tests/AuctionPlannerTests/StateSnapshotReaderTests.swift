import ChainModel
import Foundation
import TestSupport
import XCTest
@testable import AuctionPlanner

/// ``SnapshotReader`` against the Vyper stand-ins (§9.1 on an in-process py-evm chain): every field
/// equals what the deployer set up.
final class StateSnapshotReaderTests: XCTestCase {
    /// Answers each batch by replaying it against a fresh deterministic deployment.
    struct StandInSource: ChainStateSource {
        func call(_ calls: [ContractCall]) throws(SnapshotError) -> [[UInt8]] {
            let input = calls.map { "\($0.to.checksummed) \(Hex.encode($0.data))\n" }.joined()
            let output: Data
            do { output = try TestSupport.runPython(script: "snapshot_calls.py", [], input: Data(input.utf8)) } catch {
                throw .call("\(error)")
            }
            var lines = String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
            lines.removeFirst()
            var results: [[UInt8]] = []
            for line in lines {
                if line.hasPrefix("revert") { throw .call("call reverted: \(line)") }
                guard let bytes = try? Hex.decode(line, requirePrefix: true) else { throw .call("bad line \(line)") }
                results.append(bytes)
            }
            return results
        }
    }

    func testReadsTheStandInSetToken() throws {
        let header = try TestSupport.runPython(script: "snapshot_calls.py", [], input: Data())
        let deployment = try XCTUnwrap(try JSONSerialization.jsonObject(with: header) as? [String: Any])
        let tokens = try XCTUnwrap(deployment["tokens"] as? [String: String])
        let set = try Address(XCTUnwrap(deployment["set_token"] as? String))
        let module = try Address(XCTUnwrap(deployment["module"] as? String))
        let block = SetTokenSnapshot.Block(chainId: 131_277_322_940_537, number: 40, hash: .zero, timestamp: 1)
        let snapshot = try SnapshotReader.read(setToken: set, module: module, block: block, source: StandInSource())
        XCTAssertEqual(snapshot.components.map(\.symbol), ["DAI", "WBTC", "WETH"])
        XCTAssertEqual(snapshot.components.map(\.address), try ["DAI", "WBTC", "WETH"].map { try Address(tokens[$0]!) })
        XCTAssertEqual(snapshot.components.map(\.decimals), [18, 8, 18])
        XCTAssertEqual(snapshot.components.map(\.realUnit), [try UInt256("10000e18"), UInt256(50_000_000), try UInt256("5e18")])
        XCTAssertEqual(snapshot.totalSupply, try UInt256("1e18"))
        XCTAssertEqual(snapshot.positionMultiplier, try UInt256("1e18"))
        XCTAssertEqual(snapshot.symbol, "TSET")
        XCTAssertEqual(snapshot.manager, try Address(XCTUnwrap(deployment["manager"] as? String)))
        XCTAssertEqual(snapshot.modules, [module])
        XCTAssertFalse(snapshot.isLocked)
        let view = try XCTUnwrap(snapshot.module)
        XCTAssertTrue(view.isInitialized)
        XCTAssertEqual(view.protocolFee, try UInt256("5e15"))
        XCTAssertFalse(view.anyoneCanBid)
        XCTAssertEqual(view.rebalance.startTime, .zero)
        // The snapshot file round-trips.
        let text = snapshot.json.encoded()
        XCTAssertEqual(try SetTokenSnapshot.parse(Data(text.utf8), file: "s.json"), snapshot)
    }

    func testRevertsAndBadReturnsAreReported() throws {
        struct Reverting: ChainStateSource {
            func call(_ calls: [ContractCall]) throws(SnapshotError) -> [[UInt8]] { throw .call("execution reverted") }
        }
        struct Short: ChainStateSource {
            func call(_ calls: [ContractCall]) throws(SnapshotError) -> [[UInt8]] { calls.map { _ in [0x01] } }
        }
        let block = SetTokenSnapshot.Block(chainId: 1, number: 1, hash: .zero, timestamp: 1)
        let set = try Address("0x00000000000000000000000000000000000000A1")
        XCTAssertThrowsError(try SnapshotReader.read(setToken: set, module: nil, block: block, source: Reverting())) {
            XCTAssertEqual($0 as? SnapshotError, .call("execution reverted"))
        }
        XCTAssertThrowsError(try SnapshotReader.read(setToken: set, module: nil, block: block, source: Short())) {
            guard case let .badReturn(contract, function, _)? = $0 as? SnapshotError else { return XCTFail("\($0)") }
            XCTAssertEqual(contract, set)
            XCTAssertEqual(function, "getComponents()")
        }
    }
}

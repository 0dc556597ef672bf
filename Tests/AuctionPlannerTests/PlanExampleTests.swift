import ChainModel
import Foundation
import TestSupport
import XCTest
@testable import AuctionPlanner

/// The shipped example (`examples/`): the plan document and tables are golden files, the numbers
/// are recomputed by an independent Python peer (eth-abi decoding of every calldata), and
/// planning is deterministic.
final class PlanExampleTests: XCTestCase {
    static let root = TestSupport.repositoryRoot
    static let files = ["snapshot": "examples/snapshot.json", "weights": "examples/weights.json",
                        "prices": "examples/prices.json", "policy": "examples/policy.yaml"]

    static func bytes(_ relative: String) throws -> Data {
        try Data(contentsOf: root.appendingPathComponent(relative))
    }

    /// Parses the example inputs with their paths relative to the repository root, as the README command gives them.
    static func exampleInputs() throws -> PlanInputs {
        let s = try bytes(files["snapshot"]!), w = try bytes(files["weights"]!), p = try bytes(files["prices"]!), y = try bytes(files["policy"]!)
        return PlanInputs(
            snapshot: try SetTokenSnapshot.parse(s, file: files["snapshot"]!),
            weights: try WeightsFile.parse(w, file: files["weights"]!),
            prices: try PriceSheet.parse(p, file: files["prices"]!),
            policy: try RebalancePolicy.parse(y, file: files["policy"]!, yaml: true),
            files: [InputFileDigest(role: "snapshot", path: files["snapshot"]!, bytes: s),
                    InputFileDigest(role: "weights", path: files["weights"]!, bytes: w),
                    InputFileDigest(role: "prices", path: files["prices"]!, bytes: p),
                    InputFileDigest(role: "policy", path: files["policy"]!, bytes: y)])
    }

    func testPlanDocumentAndTablesMatchTheGoldenFiles() throws {
        let plan = try Planner.plan(try Self.exampleInputs())
        let expectedDocument = try String(decoding: Self.bytes("examples/expected/plan.json"), as: UTF8.self)
        let expectedTable = try String(decoding: Self.bytes("examples/expected/plan.txt"), as: UTF8.self)
        XCTAssertEqual(plan.document.encoded(), expectedDocument)
        XCTAssertEqual(plan.table, expectedTable)
    }

    func testExamplePlanShape() throws {
        let plan = try Planner.plan(try Self.exampleInputs())
        XCTAssertEqual(plan.rows.map(\.symbol), ["WETH", "WBTC", "LINK", "UNI", "AAVE", "MKR", "LDO", "SNX", "CRV", "COMP", "ENS"])
        XCTAssertEqual(plan.rows.map(\.action.rawValue),
                       ["quote", "sell", "buy", "buy", "untouched", "sell", "buy", "buy", "untouched", "remove", "add"])
        XCTAssertEqual(plan.transactions.map(\.function.name), ["setRaiseTargetPercentage", "setBidderStatus", "startRebalance"])
        // Selectors from auction-module §2.3.
        XCTAssertEqual(plan.transactions.map { Hex.encode(Array($0.calldata.prefix(4))) }, ["0x737531ba", "0xb26faa0a", "0x8e0f7756"])
        XCTAssertEqual(plan.arguments.oldComponentsAuctionParams.count, 10)
        XCTAssertEqual(plan.arguments.newComponents.map(\.checksummed), ["0xC18360217D8F7Ab5e7c516566761Ea12Ce7F9D72"])
        // WBTC (8 decimals) at 19.893591276620 WETH: 19.893591276620 × 10^(18 + 18 − 8).
        let wbtc = try XCTUnwrap(plan.rows.first { $0.symbol == "WBTC" })
        XCTAssertEqual(wbtc.fairPrice, try UInt256("198935912766200000000000000000"))
        XCTAssertEqual(plan.adapters[wbtc.address]?.kindName, "exponential")
        // The 2 % sell start premium and 3 % floor: ⌊fair·10200/10000⌋ and ⌊fair·9700/10000⌋.
        guard case let .exponential(curve)? = plan.adapters[wbtc.address] else { return XCTFail("WBTC curve") }
        XCTAssertEqual(curve.initialPrice, try UInt256("202914631021524000000000000000"))
        XCTAssertEqual(curve.minPrice, try UInt256("192967835383214000000000000000"))
    }

    func testIndependentPeerAgreesWithThePlan() throws {
        let plan = try Planner.plan(try Self.exampleInputs())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan-peer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("plan.json")
        try Data(plan.document.encoded().utf8).write(to: out)
        let root = Self.root.path
        let result = try TestSupport.runPython(script: "plan_peer.py", [
            out.path, "\(root)/examples/snapshot.json", "\(root)/examples/weights.json", "\(root)/examples/prices.json"])
        let text = String(decoding: result, as: UTF8.self)
        XCTAssertTrue(text.hasPrefix("ok "), text)
        XCTAssertGreaterThan(Int(text.dropFirst(3).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, 100)
    }

    func testPlanningIsDeterministicAndRecordsInputHashes() throws {
        let inputs = try Self.exampleInputs()
        let first = try Planner.plan(inputs).document.encoded()
        XCTAssertEqual(try Planner.plan(inputs).document.encoded(), first)
        XCTAssertTrue(first.contains("\"keccak256\": \"\(Keccak256.hash(try Self.bytes("examples/prices.json")))\""))
    }

    func testSnapshotRoundTripsByteForByteWithPythonJSON() throws {
        // examples/snapshot.json was written by Python's json.dump(sort_keys=True, indent=2).
        let data = try Self.bytes("examples/snapshot.json")
        let snapshot = try SetTokenSnapshot.parse(data, file: "snapshot.json")
        XCTAssertEqual(snapshot.json.encoded(), String(decoding: data, as: UTF8.self))
        XCTAssertEqual(snapshot.components.count, 10)
        XCTAssertEqual(snapshot.module?.rebalance.duration, UInt256(86_400))
    }

    func testPlanCommandPrintsTablesAndWritesTheDocument() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let out = dir.appendingPathComponent("plan.json").path
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(Self.root.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let result = try TestSupport.runRebalancer(["plan", "--state", "examples/snapshot.json", "--weights", "examples/weights.json",
                                                    "--prices", "examples/prices.json", "--policy", "examples/policy.yaml", "--out", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, String(decoding: try Self.bytes("examples/expected/plan.txt"), as: UTF8.self))
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8),
                       String(decoding: try Self.bytes("examples/expected/plan.json"), as: UTF8.self))
    }
}

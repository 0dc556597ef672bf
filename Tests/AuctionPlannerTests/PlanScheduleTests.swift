import ChainModel
import Foundation
import TestSupport
import XCTest
@testable import AuctionPlanner

/// `rebalancer schedule`: every printed price equals the independent Python port of the adapters
/// (`Tests/python/auction_math_peer.py`), and bad requests fail with a clear message.
final class PlanScheduleTests: XCTestCase {
    let planPath = TestSupport.repositoryRoot.appendingPathComponent("examples/expected/plan.json").path

    func testPlanScheduleMatchesThePythonAdapters() throws {
        let result = try TestSupport.runRebalancer(["schedule", "--plan", planPath, "--every", "1111", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any])
        let seconds = try XCTUnwrap(root["seconds"] as? [Int])
        XCTAssertEqual(seconds.first, 0)
        XCTAssertEqual(seconds.last, 85_547)  // 77 · 1111, the last step ≤ 86399
        let columns = try XCTUnwrap(root["columns"] as? [[String: Any]])
        XCTAssertEqual(columns.map { $0["label"] as? String }, ["WBTC", "LINK", "UNI", "MKR", "LDO", "SNX", "COMP", "ENS"])
        let kinds = ["BoundedStepwiseLinearPriceAdapter": "linear", "BoundedStepwiseExponentialPriceAdapter": "exponential",
                     "BoundedStepwiseLogarithmicPriceAdapter": "logarithmic"]
        var lines = "", expected: [String] = []
        for column in columns {
            let kind = try XCTUnwrap(kinds[column["adapter"] as? String ?? ""])
            let config = try Hex.decode(try XCTUnwrap(column["config_data"] as? String), requirePrefix: true)
            let words = stride(from: 0, to: config.count, by: 32).map { UInt256(bigEndianBytes: Array(config[$0..<$0 + 32]))!.description }
            let prices = try XCTUnwrap(column["prices"] as? [String])
            for (second, price) in zip(seconds, prices) {
                lines += "\(kind) \(second) \(words.joined(separator: " "))\n"
                expected.append(price)
            }
        }
        let peer = String(decoding: try TestSupport.runPython(script: "auction_math_peer.py", [], input: Data(lines.utf8)), as: UTF8.self)
        XCTAssertEqual(peer.split(separator: "\n").map(String.init), expected)
        XCTAssertEqual(expected.count, 8 * 78)
    }

    func testSingleAdapterTable() throws {
        // Linear, falling from 1000 by 10 every 600 s to 950 (words: initial, slope, bucket, isDecreasing, max, min).
        let words: [UInt64] = [1000, 10, 600, 1, 1000, 950]
        let config = Hex.encode(words.flatMap { UInt256($0).bigEndianBytes })
        let result = try TestSupport.runRebalancer(["schedule", "--adapter", "linear", "--config", config, "--to", "3600"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            second  linear
                 0    1000
               600     990
              1200     980
              1800     970
              2400     960
              3000     950
              3600     950

            """)
    }

    func testBadRequestsFailWithOneLine() throws {
        let zero = try TestSupport.runRebalancer(["schedule", "--plan", planPath, "--every", "0"])
        XCTAssertNotEqual(zero.status, 0)
        XCTAssertEqual(zero.stderr, "Error: --every is 0; it must be ≥ 1 second\n")
        let both = try TestSupport.runRebalancer(["schedule", "--plan", planPath, "--adapter", "linear", "--config", "0x00"])
        XCTAssertEqual(both.stderr, "Error: give either --plan or --adapter with --config\n")
        let missing = try TestSupport.runRebalancer(["schedule", "--plan", planPath, "--component", "0x0000000000000000000000000000000000000001"])
        XCTAssertTrue(missing.stderr.contains("is not traded in"), missing.stderr)
        let many = try TestSupport.runRebalancer(["schedule", "--plan", planPath, "--every", "1", "--to", "200000"])
        XCTAssertEqual(many.stderr, "Error: 200001 time steps; at most 100000 (raise --every or narrow --from/--to)\n")
    }

    func testPriceTableRejectsReversedRange() {
        XCTAssertThrowsError(try PriceTable(adapters: [], from: 10, to: 5, every: 1)) { error in
            XCTAssertEqual(error as? PriceTableError, .endBeforeStart(from: 10, to: 5))
        }
    }
}

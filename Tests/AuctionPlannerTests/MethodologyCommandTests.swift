import XCTest
import TestSupport
@testable import AuctionPlanner

/// End-to-end runs of `rebalancer weights` and `rebalancer calendar` on the committed examples.
final class MethodologyCommandTests: XCTestCase {
    let examples = TestSupport.repositoryRoot.appendingPathComponent("examples/methodology").path

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("methodology-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func testWeightsCommandWritesAParsableWeightsFile() throws {
        let dir = try temporaryDirectory()
        let out = dir.appendingPathComponent("weights.json").path
        let result = try TestSupport.runRebalancer(["weights", "--methodology", "\(examples)/icai.yaml", "--metadata", "\(examples)/assets.yaml",
                                                    "--data", "\(examples)/prices.csv", "--as-of", "2024-03-20", "--out", out])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("eligibility.min_mc_fdv_ratio"))
        let file = try WeightsFile.parse(try Data(contentsOf: URL(fileURLWithPath: out)), file: out)
        XCTAssertEqual(file.asOf, Day(iso: "2024-03-20"))
        XCTAssertEqual(file.methodologyName, "icAI")
        let text = try String(contentsOfFile: "\(examples)/icai.yaml", encoding: .utf8)
        XCTAssertEqual(file.methodologyHash, try Methodology.parse(text, file: "icai.yaml").hash)
        XCTAssertLessThanOrEqual(file.entries.count, 10)
        let sum = file.entries.map { Double($0.weight)! }.reduce(0, +)
        XCTAssertEqual(sum, 1, accuracy: 1e-12)
        for e in file.entries {
            XCTAssertGreaterThanOrEqual(Double(e.weight)!, 0.05)
            XCTAssertNotNil(e.address)
            XCTAssertEqual(e.weight.split(separator: ".")[1].count, 18)
        }
        // The auction side accepts it: exact 1e18 weights summing to 1e18.
        let target = try TargetWeights(fractions: try file.tokenWeights())
        XCTAssertEqual(target.tokens.count, file.entries.count)
        // The file round-trips byte for byte.
        XCTAssertEqual(try WeightsFile.parse(Data(file.encoded().utf8), file: "x").encoded(), try String(contentsOfFile: out, encoding: .utf8))
        // JSON mode carries every row with reasons.
        let json = try TestSupport.runRebalancer(["weights", "--methodology", "\(examples)/icai.yaml", "--metadata", "\(examples)/assets.yaml",
                                                  "--data", "\(examples)/prices.csv", "--as-of", "2024-03-20", "--json",
                                                  "--incumbents", out])
        XCTAssertEqual(json.status, 0, json.stderr)
        let doc = try JSONSerialization.jsonObject(with: json.standardOutput) as! [String: Any]
        XCTAssertEqual((doc["rows"] as! [Any]).count, 12)
    }

    func testWeightsCommandFailsCleanlyOnBadInput() throws {
        let dir = try temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.csv").path
        try "asset_id,date,close_usd,market_cap_usd,volume_usd\nx,2024-01-01,1,2,3\nx,2024-01-02,1,oops,3\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("w.json").path
        let result = try TestSupport.runRebalancer(["weights", "--methodology", "\(examples)/icai.yaml", "--data", bad, "--out", out])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("\(bad):3: field 'market_cap_usd' = 'oops': not a finite number"), result.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        let badMethodology = dir.appendingPathComponent("m.yaml").path
        try "name: x\nweighting: { method: equal }\nconstraints: { max_constituents: 3, cap: 0.3 }\n".write(toFile: badMethodology, atomically: true, encoding: .utf8)
        let r2 = try TestSupport.runRebalancer(["weights", "--methodology", badMethodology, "--data", "\(examples)/prices.csv"])
        XCTAssertNotEqual(r2.status, 0)
        XCTAssertTrue(r2.stderr.contains("m.yaml:3: field 'constraints.cap'"), r2.stderr)
    }

    func testCalendarCommand() throws {
        let r = try TestSupport.runRebalancer(["calendar", "--methodology", "\(examples)/icai.yaml", "--from", "2023-01-01", "--to", "2023-12-31", "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let items = try JSONSerialization.jsonObject(with: r.standardOutput) as! [[String: Any]]
        XCTAssertEqual(items.map { $0["rebalance_day"] as! String }, ["2023-01-02", "2023-04-03", "2023-07-03", "2023-10-02"])
        XCTAssertEqual(items.map { $0["snapshot_day"] as! String }, ["2022-12-28", "2023-03-29", "2023-06-28", "2023-09-27"])
        let bad = try TestSupport.runRebalancer(["calendar", "--frequency", "weekly", "--from", "2023-01-01", "--to", "2023-12-31"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("--frequency"))
    }
}

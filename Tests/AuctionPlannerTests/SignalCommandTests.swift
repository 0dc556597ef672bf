import Foundation
import TestSupport
import XCTest
@testable import AuctionPlanner

/// End-to-end runs of `rebalancer signals` on the committed examples.
final class SignalCommandTests: XCTestCase {
    let root = TestSupport.repositoryRoot.path
    var baseArguments: [String] {
        ["signals", "--methodology", "\(root)/examples/signals/icai-triggers.yaml", "--metadata", "\(root)/examples/methodology/assets.yaml",
         "--data", "\(root)/examples/methodology/prices.csv", "--as-of", "2024-03-20"]
    }

    func temporaryFile(_ name: String, _ text: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("signals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testJSONMatchesTheLibraryEvaluation() throws {
        let result = try TestSupport.runRebalancer(baseArguments + ["--stress", "\(root)/examples/signals/stress.csv", "--json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let doc = try JSONSerialization.jsonObject(with: result.standardOutput) as! [String: Any]
        XCTAssertEqual(doc["as_of"] as? String, "2024-03-20")
        XCTAssertEqual(doc["rebalance_due"] as? Bool, false)
        XCTAssertEqual(doc["flagged"] as? Bool, true)

        let methodology = try Methodology.parse(try MarketData.readText(path: "\(root)/examples/signals/icai-triggers.yaml"), file: "m")
        let data = try MarketData.load(dataPaths: ["\(root)/examples/methodology/prices.csv"], metadataPath: "\(root)/examples/methodology/assets.yaml")
        let stress = try StressInputs.parse(try MarketData.readText(path: "\(root)/examples/signals/stress.csv"), file: "s")
        let report = try TriggerEvaluation.evaluate(methodology: methodology, data: data, asOf: Day(iso: "2024-03-20")!, stress: stress)
        let outcomes = doc["outcomes"] as! [[String: Any]]
        XCTAssertEqual(outcomes.count, report.outcomes.count)
        for (json, o) in zip(outcomes, report.outcomes) {
            XCTAssertEqual(json["rule"] as? String, o.rule)
            XCTAssertEqual(json["asset"] as? String, o.assetId)
            XCTAssertEqual(json["fired"] as? Bool, o.fired)
            // Foundation's JSON reader on Linux rounds some 17-digit numbers by a few ulps.
            if let v = o.value { XCTAssertEqual(json["value"] as! Double, v, accuracy: 1e-14 * max(1, abs(v))) } else { XCTAssertTrue(json["value"] is NSNull) }
        }
        // The funding-rate spike of 0.41 % on 2024-03-18 is inside the 3-day window and fires.
        let funding = outcomes.first { $0["rule"] as? String == "funding_spike" }!
        XCTAssertEqual(funding["value"] as? Double, 0.0041)
        XCTAssertEqual(funding["fired"] as? Bool, true)
    }

    func testRebalanceDueExitsWithStatus3() throws {
        let stress = try temporaryFile("stress.csv", "date,kind,subject,value\n2024-03-19,governance,exploit at a constituent,\n")
        let result = try TestSupport.runRebalancer(baseArguments + ["--stress", stress])
        XCTAssertEqual(result.status, 3, result.stderr)
        XCTAssertTrue(result.stdout.contains("rebalance due"), result.stdout)
        XCTAssertTrue(result.stdout.contains("governance             basket          governance_event"), result.stdout)
    }

    func testHeldWeightsFeedTheDriftRule() throws {
        let out = try temporaryFile("w.json", "")
        let weights = try TestSupport.runRebalancer(["weights", "--methodology", "\(root)/examples/methodology/icai.yaml",
                                                     "--metadata", "\(root)/examples/methodology/assets.yaml",
                                                     "--data", "\(root)/examples/methodology/prices.csv", "--as-of", "2023-06-01", "--out", out])
        XCTAssertEqual(weights.status, 0, weights.stderr)
        let result = try TestSupport.runRebalancer(baseArguments + ["--weights", out, "--json"])
        XCTAssertTrue([0, 3].contains(result.status), result.stderr)
        let doc = try JSONSerialization.jsonObject(with: result.standardOutput) as! [String: Any]
        let drift = (doc["outcomes"] as! [[String: Any]]).first { $0["rule"] as? String == "concentration_drift" }!
        XCTAssertTrue(drift["value"] is Double, "\(drift)")
        XCTAssertEqual(result.status == 3, doc["rebalance_due"] as? Bool)
    }

    func testBadInputFailsWithOneLine() throws {
        let bad = try temporaryFile("m.yaml", """
            name: x
            weighting: { method: equal }
            triggers:
              rules:
                - { name: r, metric: rsi, above: 70, action: flag, window: 3 }
            """)
        var args = baseArguments
        args[2] = bad
        let result = try TestSupport.runRebalancer(args)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1, result.stderr)
        XCTAssertTrue(result.stderr.contains("m.yaml:5: field 'triggers.rules[0].window'"), result.stderr)
        args[2] = "\(root)/examples/methodology/icai.yaml"
        let none = try TestSupport.runRebalancer(args)
        XCTAssertNotEqual(none.status, 0)
        XCTAssertTrue(none.stderr.contains("no 'triggers' section"), none.stderr)
        let badStress = try temporaryFile("s.csv", "date,kind,subject,value\n2024-03-19,rumour,x,\n")
        let stressResult = try TestSupport.runRebalancer(baseArguments + ["--stress", badStress])
        XCTAssertEqual(stressResult.status, 1)
        XCTAssertTrue(stressResult.stderr.contains("s.csv:2: field 'kind' = 'rumour'"), stressResult.stderr)
    }

    func testBacktestRunsTriggerDrivenRebalances() throws {
        let common = ["backtest", "--methodology", "\(root)/examples/signals/icai-triggers.yaml", "--metadata", "\(root)/examples/methodology/assets.yaml",
                      "--data", "\(root)/examples/methodology/prices.csv", "--from", "2023-06-01", "--to", "2024-03-20"]
        let plain = try TestSupport.runRebalancer(common)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("icAI: 2023-06-01 … 2024-03-20, 4 rebalances\n"), plain.stdout)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("signals-bt-\(UUID().uuidString)").path
        let triggered = try TestSupport.runRebalancer(common + ["--triggers", "--stress", "\(root)/examples/signals/stress.csv", "--out", out])
        XCTAssertEqual(triggered.status, 0, triggered.stderr)
        XCTAssertTrue(triggered.stdout.contains("icAI: 2023-06-01 … 2024-03-20, 13 rebalances (9 trigger-driven)\n"), triggered.stdout)
        // The trigger log names every fired rule on the 9 trigger days, and those days are rebalance days.
        let log = try String(contentsOfFile: "\(out)/triggers.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(log.first, "date,rule,subject,metric,value,condition,action,weight_adjustment")
        let logDays = Set(log.dropFirst().map { String($0.prefix(10)) })
        XCTAssertEqual(logDays.count, 9)
        let rebalanceDays = Set(try String(contentsOfFile: "\(out)/rebalances.csv", encoding: .utf8).split(separator: "\n").dropFirst().map { String($0.prefix(10)) })
        XCTAssertTrue(logDays.isSubset(of: rebalanceDays), "\(logDays) vs \(rebalanceDays)")
        XCTAssertTrue(log.dropFirst().allSatisfy { $0.contains(",rebalance,") || $0.contains(",adjust_weight,") || $0.contains(",flag,") })
        let misuse = try TestSupport.runRebalancer(common + ["--stress", "\(root)/examples/signals/stress.csv"])
        XCTAssertEqual(misuse.status, 1)
        XCTAssertTrue(misuse.stderr.contains("--stress: only used with --triggers"), misuse.stderr)
    }
}

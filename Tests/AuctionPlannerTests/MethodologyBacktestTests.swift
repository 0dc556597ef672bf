import XCTest
import TestSupport
@testable import AuctionPlanner

final class MethodologyBacktestTests: XCTestCase {
    /// methodology.md §3 self-computed toy vector (empyrical conventions, A = 365).
    func testStatisticsToyVector() {
        let r = [0.02, -0.01, 0.015, -0.03, 0.005, 0.01, -0.02, 0.025, -0.005, 0.0]
        let s = PerformanceStatistics.compute(returns: r, annualization: 365, days: 10)
        XCTAssertEqual(s.volatility / 365.0.squareRoot(), 0.0176068, accuracy: 5e-8)
        XCTAssertEqual(s.sharpe, 1.08509, accuracy: 5e-6)
        XCTAssertEqual(s.sortino, 1.60044, accuracy: 5e-6)
        XCTAssertEqual(s.maxDrawdown, -0.0350935, accuracy: 5e-8)
    }

    /// §1.5: D_new = D_old · Σq′P / ΣqP keeps the level continuous for any scale of q′, including the
    /// normalised-market-cap form (values are market caps, divisor scale 1e9) of a 50/50 two-sleeve index.
    func testDivisorContinuity() {
        let caps: [String: Double] = ["t1": 3e9, "t2": 1e9, "e1": 2e12, "e2": 1e12]
        // Two sleeves: w_i = 0.5 · s_i / Σ_sleeve s_j.
        let weights = ["t1": 0.375, "t2": 0.125, "e1": 1.0 / 3, "e2": 1.0 / 6]
        var index = IndexLevel(baseLevel: 1000, weights: weights, values: caps, scale: 1e9)
        XCTAssertEqual(index.level(caps), 1000, accuracy: 1e-9)
        XCTAssertEqual(index.divisor, 1e6, accuracy: 1e-3)  // Σ q·MC = 1e9 → D = 1e9 / 1000
        var moved = caps
        moved["t1"] = 6e9  // t1 doubles: level +37.5 %
        XCTAssertEqual(index.level(moved), 1375, accuracy: 1e-9)
        let before = index.divisor
        index.rebalance(to: ["t1": 7, "t2": 3, "e1": 0.001, "e2": 0.002], values: moved)
        XCTAssertEqual(index.level(moved), 1375, accuracy: 1e-9)
        let expectedDivisor = before * (7 * 6e9 + 3 * 1e9 + 0.001 * 2e12 + 0.002 * 1e12) / (1375 * before)
        XCTAssertEqual(index.divisor, expectedDivisor, accuracy: 1e-12 * expectedDivisor)
        index.rebalance(toWeights: ["t1": 0.5, "e1": 0.5], values: moved)
        XCTAssertEqual(index.level(moved), 1375, accuracy: 1e-9)
        XCTAssertEqual(index.driftedWeights(moved)["t1"]!, 0.5, accuracy: 1e-15)
    }

    /// Two equal-weighted assets, monthly on the 1st: A doubles mid-month, the 1 Feb rebalance trades
    /// Σ|Δw| = 1/3 (turnover 1/6) and pays 1/3 · (0.003 + 0.001/2) of NAV.
    func testTwoAssetBacktestExactLevels() throws {
        let from = Day(iso: "2024-01-01")!, to = Day(iso: "2024-02-05")!
        var data = MarketData()
        for id in ["a", "b"] {
            let obs = (-10...40).map { k -> DailyObservation in
                let day = from.adding(days: k)
                let price = id == "a" && k >= 14 ? 2.0 : 1.0
                return DailyObservation(day: day, close: price, marketCap: price * 1e6)
            }
            data.histories[id] = AssetHistory(assetId: id, sortedObservations: obs)
        }
        let methodology = try Methodology.parse("name: ew\nweighting: { method: equal }\ncalendar: { frequency: monthly, day: first_day }\n", file: "m")
        var calls = 0
        let result = try Backtest.run(methodology: methodology, data: data, from: from, to: to, progress: { _, _ in calls += 1 })
        XCTAssertEqual(calls, 36)
        XCTAssertEqual(result.levels.count, 36)
        XCTAssertEqual(result.levels[13].level, 1000, accuracy: 1e-9)
        XCTAssertEqual(result.levels[14].level, 1500, accuracy: 1e-9)
        XCTAssertEqual(result.rebalances.count, 2)
        let feb = result.rebalances[1]
        XCTAssertEqual(feb.day, Day(iso: "2024-02-01"))
        XCTAssertEqual(feb.turnover, 1.0 / 6, accuracy: 1e-15)
        XCTAssertEqual(feb.cost, 1.0 / 3 * 0.0035, accuracy: 1e-15)
        XCTAssertEqual(result.levels[31].level, 1500 * (1 - 0.0035 / 3), accuracy: 1e-9)
        XCTAssertEqual(result.statistics.totalReturn, 1.5 * (1 - 0.0035 / 3) - 1, accuracy: 1e-12)
        XCTAssertEqual(result.statistics.maxDrawdown, -0.0035 / 3, accuracy: 1e-12)
        XCTAssertTrue(result.levelCSV().hasPrefix("date,level\n2024-01-01,1000.0000000000\n"))
        XCTAssertTrue(result.svgChart(title: "ew").contains("<polyline"))
    }

    func testBacktestCommandWritesAllOutputs() throws {
        let examples = TestSupport.repositoryRoot.appendingPathComponent("examples/methodology").path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("bt-\(UUID().uuidString)").path
        let r = try TestSupport.runRebalancer(["backtest", "--methodology", "\(examples)/icai.yaml", "--metadata", "\(examples)/assets.yaml",
                                               "--data", "\(examples)/prices.csv", "--from", "2023-04-01", "--to", "2024-03-25",
                                               "--frequency", "monthly", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("max drawdown"))
        for name in ["level.csv", "rebalances.csv", "weights.csv", "summary.json", "chart.svg"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(out)/\(name)"), name)
        }
        let levels = try String(contentsOfFile: "\(out)/level.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(levels.count, 1 + 360)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/summary.json"))) as! [String: Any]
        XCTAssertEqual(summary["rebalances"] as? Int, 13)
    }

    /// The synthetic market is deterministic, and a monthly top-10 sqrt-cap backtest over it is
    /// reproducible with weights summing to 1 at every rebalance.
    func testSyntheticMarketBacktestIsReproducible() throws {
        let data = SyntheticMarket.generate(assets: 20, days: 730, seed: 3)
        XCTAssertEqual(data.histories.count, 20)
        XCTAssertEqual(SyntheticMarket.generate(assets: 20, days: 730, seed: 3).histories["asset-7"], data.histories["asset-7"])
        let m = try Methodology.parse("""
            name: synthetic
            selection: { top: 10 }
            inputs: { moving_average_days: 30 }
            weighting: { method: sqrt_market_cap }
            constraints: { cap: 0.2, floor: 0.03 }
            calendar: { frequency: monthly, snapshot_offset_days: 5 }
            """, file: "s.yaml")
        let from = Day(iso: "2019-03-01")!, to = Day(iso: "2020-12-30")!
        let a = try Backtest.run(methodology: m, data: data, from: from, to: to)
        let b = try Backtest.run(methodology: m, data: data, from: from, to: to)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.rebalances.count, 22)
        for r in a.rebalances {
            XCTAssertEqual(r.weights.values.reduce(0, +), 1, accuracy: 1e-12)
            XCTAssertLessThanOrEqual(r.weights.count, 10)
            XCTAssertLessThanOrEqual(r.weights.values.max()!, 0.2 + 1e-12)
        }
        XCTAssertEqual(a.levels.count, to.daysSinceEpoch - from.daysSinceEpoch + 1)
    }
}

import XCTest
import ChainModel
@testable import AuctionPlanner

/// Synthetic market data for pipeline tests: constant market caps over `days` days ending at `end`.
enum PipelineFixture {
    static func constant(id: String, marketCap: Double, end: Day, days: Int = 120, fdv: Double? = nil) -> AssetHistory {
        let obs = (0..<days).map { k in
            DailyObservation(day: end.adding(days: k - days + 1), close: 1, marketCap: marketCap, volume: 1e6,
                             fullyDilutedValuation: fdv ?? marketCap * 2)
        }
        return AssetHistory(assetId: id, sortedObservations: obs)!
    }

    static func address(_ n: Int) -> Address {
        try! Address(bytes: [UInt8](repeating: 0, count: 19) + [UInt8(n)])
    }
}

final class MethodologyPipelineTests: XCTestCase {
    let asOf = Day(iso: "2024-03-27")!

    /// The icAI RFC shape: sqrt of the 30-day MA market cap, AI category, ERC20 on Ethereum,
    /// MC ≥ $50m, MC/FDV ≥ 20 %, top 10, min weight 5 % by removal. Of 12 tokens one is too small,
    /// one has MC/FDV 10 %, one is not on Ethereum, and rank 11 falls outside the top 10; removal then
    /// drops the three names below 5 % one at a time (2.8 %, then 3.5 %, then 4.7 %).
    func testICAIStyleSqrtMarketCapWithFloorRemoval() throws {
        let methodology = try Methodology.parse("""
            name: icAI
            eligibility: { categories: [artificial-intelligence], chain: ethereum, min_market_cap_usd: 50e6,
                           min_age_days: 90, min_history_days: 30, min_mc_fdv_ratio: 0.2 }
            selection: { top: 10 }
            inputs: { moving_average_days: 30 }
            weighting: { method: sqrt_market_cap }
            constraints: { max_constituents: 10, floor: 0.05, floor_mode: removal }
            """, file: "icai.yaml")
        let caps: [(String, Double)] = [("a", 5000), ("b", 3000), ("c", 2000), ("d", 1500), ("e", 1000), ("f", 600), ("g", 400),
                                        ("h", 200), ("i", 120), ("j", 80), ("k", 60), ("small", 45), ("diluted", 900), ("offchain", 700)]
        var data = MarketData()
        for (n, (id, mc)) in caps.enumerated() {
            data.histories[id] = PipelineFixture.constant(id: id, marketCap: mc * 1e6, end: asOf,
                                                          fdv: id == "diluted" ? mc * 1e7 : nil)
            data.metadata[id] = AssetMetadata(id: id, symbol: id.uppercased(), name: id, categories: ["artificial-intelligence"],
                                              addresses: id == "offchain" ? [:] : ["ethereum": PipelineFixture.address(n + 1)], decimals: 18)
        }
        let report = try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf)
        let expected: [(String, Double)] = [("a", 0.24806255527146318), ("b", 0.19214842907680674), ("c", 0.15688853537184635),
                                            ("d", 0.13586945719455243), ("e", 0.11093694725185808), ("f", 0.08593138983710741),
                                            ("g", 0.07016268599636574)]
        XCTAssertEqual(report.constituents.map(\.assetId), expected.map(\.0))
        for (row, (_, w)) in zip(report.constituents, expected) { XCTAssertEqual(row.weight, w, accuracy: 1e-15) }
        XCTAssertEqual(report.constituents.map(\.weight).reduce(0, +), 1, accuracy: 1e-12)
        let reasons = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.assetId, $0.reasons.first ?? "") })
        XCTAssertEqual(reasons["small"], "eligibility.min_market_cap_usd: $45.00m < $50.00m")
        XCTAssertEqual(reasons["diluted"], "eligibility.min_mc_fdv_ratio: 10.00% < 20.00%")
        XCTAssertEqual(reasons["offchain"], "eligibility.chain: no ethereum address")
        XCTAssertEqual(reasons["k"], "selection.top: market-cap rank 11 not selected (limit 10)")
        XCTAssertEqual(reasons["j"], "constraints.floor (removal): weight 2.80% < 5.00%")
        XCTAssertEqual(reasons["i"], "constraints.floor (removal): weight 3.53% < 5.00%")
        XCTAssertEqual(reasons["h"], "constraints.floor (removal): weight 4.73% < 5.00%")
        XCTAssertEqual(report.constituents[0].address, PipelineFixture.address(1))
    }

    /// A 50/50 two-sleeve index (tokens | equities), market-cap weighted inside each sleeve, the
    /// equity sleeve capped at 50 % of the sleeve.
    func testTwoSleeveIndex() throws {
        let methodology = try Methodology.parse("""
            name: two
            weighting: { method: market_cap }
            sleeves:
              - { name: tokens, budget: 0.5 }
              - { name: equities, budget: 0.5, constraints: { cap: 0.5 } }
            """, file: "two.yaml")
        var data = MarketData()
        for (id, mc, sleeve) in [("t1", 300.0, "tokens"), ("t2", 100.0, "tokens"), ("t3", 100.0, "tokens"),
                                 ("e1", 3000.0, "equities"), ("e2", 1000.0, "equities"), ("e3", 1000.0, "equities")] {
            data.histories[id] = PipelineFixture.constant(id: id, marketCap: mc, end: asOf)
            data.metadata[id] = AssetMetadata(id: id, symbol: id, name: id, kind: sleeve == "tokens" ? .token : .equity, sleeve: sleeve)
        }
        let report = try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf)
        let w = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.assetId, $0.weight) })
        XCTAssertEqual(w["t1"]!, 0.3, accuracy: 1e-15)
        XCTAssertEqual(w["t2"]!, 0.1, accuracy: 1e-15)
        XCTAssertEqual(w["t3"]!, 0.1, accuracy: 1e-15)
        XCTAssertEqual(w["e1"]!, 0.25, accuracy: 1e-15)
        XCTAssertEqual(w["e2"]!, 0.125, accuracy: 1e-15)
        XCTAssertEqual(w["e3"]!, 0.125, accuracy: 1e-15)
        XCTAssertEqual(report.rows.first { $0.assetId == "e1" }?.reasons, ["capped at 50.00% of sleeve (constraints.cap)"])
        XCTAssertEqual(report.rows.first { $0.assetId == "e1" }?.rawWeight ?? 0, 0.3, accuracy: 1e-15)
        XCTAssertEqual(report.rows.map(\.weight).reduce(0, +), 1, accuracy: 1e-12)
        // A sleeve left with too few names for its cap: the error names the sleeve and the rule.
        data.histories["e2"] = nil
        data.histories["e3"] = nil
        XCTAssertThrowsError(try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf)) { e in
            XCTAssertEqual(e as? WeightingError, .inSleeve("equities", .capInfeasible(count: 1, capSum: 0.5)))
            XCTAssertEqual("\(e)", "sleeve 'equities': constraints.cap: 1 constituents with caps summing to 0.5 < 1: weights cannot sum to 1 (need n·cap ≥ 1)")
        }
    }

    /// Rank buffer: an incumbent ranked 3rd stays in a top-2 with exit rank 3; a newcomer ranked 2nd
    /// does not enter with entry rank 1 when the incumbents fill the slots.
    func testRankBufferKeepsIncumbents() throws {
        let methodology = try Methodology.parse("""
            name: buffer
            selection: { top: 2, entry_rank: 1, exit_rank: 3 }
            weighting: { method: equal }
            """, file: "b.yaml")
        var data = MarketData()
        for (id, mc) in [("x", 400.0), ("y", 300.0), ("z", 200.0), ("w", 100.0)] {
            data.histories[id] = PipelineFixture.constant(id: id, marketCap: mc, end: asOf)
        }
        let report = try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf, incumbents: ["x", "z"])
        XCTAssertEqual(report.constituents.map(\.assetId), ["x", "z"])
        XCTAssertEqual(report.constituents.map(\.weight), [0.5, 0.5])
        let fresh = try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf)
        XCTAssertEqual(fresh.constituents.map(\.assetId), ["x", "y"])
    }

    /// Raise-to-floor with a cap, and infeasibility discovered only at run time (fewer names than n·cap ≥ 1 needs).
    func testRaiseModeAndRuntimeInfeasibility() throws {
        let methodology = try Methodology.parse("""
            name: raise
            weighting: { method: market_cap }
            constraints: { cap: 0.5, floor: 0.1, floor_mode: raise }
            """, file: "r.yaml")
        var data = MarketData()
        for (id, mc) in [("a", 60.0), ("b", 30.0), ("c", 6.0), ("d", 4.0)] {
            data.histories[id] = PipelineFixture.constant(id: id, marketCap: mc, end: asOf)
        }
        let report = try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf)
        for (w, e) in zip(report.constituents.map(\.weight), [0.5, 0.3, 0.1, 0.1]) { XCTAssertEqual(w, e, accuracy: 1e-15) }
        XCTAssertEqual(report.constituents[2].reasons, ["raised to 10.00% of sleeve (constraints.floor, raise)"])
        data.histories["c"] = nil
        data.histories["d"] = nil
        data.histories["b"] = nil
        XCTAssertThrowsError(try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf)) { e in
            XCTAssertEqual(e as? WeightingError, .capInfeasible(count: 1, capSum: 0.5))
        }
    }

    /// The moving average uses only days with a market cap in the window; zeros are missing.
    func testMovingAverageSkipsMissingDays() throws {
        let obs = [DailyObservation(day: asOf.adding(days: -2), close: 1, marketCap: 100),
                   DailyObservation(day: asOf.adding(days: -1), close: 1, marketCap: nil),
                   DailyObservation(day: asOf, close: 2, marketCap: 300)]
        let h = AssetHistory(assetId: "a", sortedObservations: obs)!
        let inputs = AssetInputs.compute(history: h, asOf: asOf, movingAverageDays: 3, volumeWindowDays: 30, firstSeen: nil)
        XCTAssertEqual(inputs.marketCap, 200)
        XCTAssertEqual(inputs.marketCapDaysInWindow, 2)
        XCTAssertEqual(inputs.price, 2)
        XCTAssertEqual(inputs.ageDays, 2)
        XCTAssertEqual(inputs.historyDays, 2)
    }

    /// Custom weights go through the same capping; assets without a custom weight are excluded;
    /// per-asset bounds cap one name below the global cap.
    func testCustomWeightsWithBounds() throws {
        let methodology = try Methodology.parse("""
            name: custom
            weighting: { method: custom, weights: { a: 5, b: 3, c: 2 } }
            constraints: { cap: 0.45, bounds: { b: [0.0, 0.25] } }
            """, file: "c.yaml")
        var data = MarketData()
        for id in ["a", "b", "c", "d"] { data.histories[id] = PipelineFixture.constant(id: id, marketCap: 100, end: asOf) }
        let report = try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf)
        let w = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.assetId, $0.weight) })
        // a capped at 45 %, b bounded at 25 %, c takes the remaining 30 %.
        XCTAssertEqual(w["a"]!, 0.45, accuracy: 1e-15)
        XCTAssertEqual(w["b"]!, 0.25, accuracy: 1e-15)
        XCTAssertEqual(w["c"]!, 0.30, accuracy: 1e-15)
        XCTAssertEqual(w["d"], 0)
        let reasons = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.assetId, $0.reasons) })
        XCTAssertEqual(reasons["d"], ["weighting.custom: no weight given"])
        XCTAssertEqual(reasons["a"], ["capped at 45.00% of sleeve (constraints.cap)"])
        XCTAssertEqual(reasons["b"], ["capped at 25.00% of sleeve (constraints.bounds)"])
    }

    /// The min-volatility method in the pipeline equals a direct solve on the same return window,
    /// and assets with too short a history are excluded with the rule named.
    func testMinimumVolatilityThroughThePipeline() throws {
        let data0 = SyntheticMarket.generate(assets: 6, days: 200, start: asOf.adding(days: -199), seed: 9)
        var data = data0
        data.histories["young"] = PipelineFixture.constant(id: "young", marketCap: 1e12, end: asOf, days: 50)
        let methodology = try Methodology.parse("""
            name: mv
            weighting: { method: min_volatility, lookback_days: 120, covariance: ledoit_wolf }
            constraints: { cap: 0.4 }
            """, file: "mv.yaml")
        let report = try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf)
        XCTAssertEqual(report.rows.first { $0.assetId == "young" }?.reasons, ["inputs: price history shorter than lookback_days (120)"])
        let ids = (0..<6).map { "asset-\($0)" }
        let ranked = ids.sorted { data.histories[$0]!.observations.last!.marketCap! > data.histories[$1]!.observations.last!.marketCap! }
        let returns = try IndexWeights.returnMatrix(ranked.map { data.histories[$0]! }, asOf: asOf, days: 120)
        let stats = try ReturnStatistics.estimate(returns: returns, annualization: 365, ledoitWolf: true)
        let direct = try MinimumVolatility.solve(covariance: stats.covariance, bounds: WeightBounds(count: 6, cap: 0.4))
        let w = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.assetId, $0.weight) })
        for (k, id) in ranked.enumerated() { XCTAssertEqual(w[id]!, direct.weights[k], accuracy: 1e-12) }
        XCTAssertEqual(report.optimizations["index"]?.method, "min_volatility")
    }

    /// Data issues of the assets considered are carried into the report (and its table), not dropped.
    func testReportCarriesDataIssues() throws {
        let text = """
        asset_id,date,close_usd,market_cap_usd,volume_usd
        a,2024-03-20,1,0,1
        a,2024-03-21,1,100,1
        a,2024-03-27,1,100,1
        b,2024-03-27,1,50,1
        """
        var data = MarketData()
        data.add(try MarketDataImporter.importText(text, file: "d.csv"))
        let methodology = try Methodology.parse("name: x\ninputs: { moving_average_days: 10 }\nweighting: { method: market_cap }\n", file: "m")
        let report = try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf)
        XCTAssertEqual(report.issues.map(\.kind), [.zeroMarketCap(Day(iso: "2024-03-20")!),
                                                    .missingDays(from: Day(iso: "2024-03-22")!, to: Day(iso: "2024-03-26")!, count: 5)])
        XCTAssertEqual(report.rows.first { $0.assetId == "a" }?.inputs.marketCapDaysInWindow, 2)
        XCTAssertTrue(report.table().contains("a: market cap 0 on 2024-03-20 treated as missing [d.csv]"))
        XCTAssertEqual(report.constituents.map(\.weight), [2.0 / 3, 1.0 / 3])
    }

    /// Property: on random universes, sleeves, caps and floors the index weights sum to 1 within
    /// 1e-12, respect cap × budget, and removed/raised names obey the floor.
    func testPipelinePropertiesOnRandomIndexes() throws {
        var rng = SplitMix64(seed: 99)
        var infeasible = 0
        for round in 0..<60 {
            let n = 4 + Int(rng.next() % 20)
            let twoSleeves = round % 2 == 1
            let cap = max(4.0 / Double(n), 0.1 + 0.5 * rng.unit())  // ≥ 2 / (names per sleeve)
            let floor = 0.01 + 0.03 * rng.unit()
            let mode = round % 3 == 0 ? "raise" : "removal"
            let method = ["market_cap", "sqrt_market_cap", "equal"][round % 3]
            let rules = "weighting: { method: \(method) }\n" +
                "constraints: { cap: \(cap), floor: \(floor), floor_mode: \(mode) }\n"
            let text = twoSleeves
                ? "name: p\n" + rules + "sleeves:\n  - { name: s1, budget: 0.3 }\n  - { name: s2, budget: 0.7 }\n"
                : "name: p\n" + rules
            let methodology = try Methodology.parse(text, file: "p.yaml")
            var data = MarketData()
            for k in 0..<n {
                let id = "x\(k)"
                data.histories[id] = PipelineFixture.constant(id: id, marketCap: exp(10 * rng.unit()), end: asOf, days: 5)
                data.metadata[id] = AssetMetadata(id: id, symbol: id, name: id, sleeve: k % 2 == 0 ? "s1" : "s2")
            }
            let outcome = Result { () throws(WeightingError) -> WeightsReport in
                try IndexWeights.compute(methodology: methodology, data: data, asOf: asOf)
            }
            let report: WeightsReport
            switch outcome {
            case let .success(value):
                report = value
            case let .failure(.floorRemovalInfeasible(_, remaining, capSum)):
                // The only acceptable failure: removal shrank the sleeve below what the cap allows.
                XCTAssertEqual(mode, "removal")
                XCTAssertLessThan(Double(remaining) * cap, 1)
                XCTAssertEqual(capSum, Double(remaining) * cap, accuracy: 1e-12)
                infeasible += 1
                continue
            case let .failure(error):
                XCTFail("\(error)")
                continue
            }
            XCTAssertEqual(report.rows.map(\.weight).reduce(0, +), 1, accuracy: 1e-12)
            for sleeve in methodology.effectiveSleeves {
                let rows = report.rows.filter { $0.sleeve == sleeve.name }
                XCTAssertEqual(rows.map(\.weight).reduce(0, +), sleeve.budget, accuracy: 1e-12)
                for r in rows where r.included {
                    XCTAssertLessThanOrEqual(r.weight, cap * sleeve.budget + 1e-12)
                    XCTAssertGreaterThanOrEqual(r.weight, floor * sleeve.budget - 1e-12)
                }
            }
        }
        XCTAssertLessThan(infeasible, 30)
    }
}

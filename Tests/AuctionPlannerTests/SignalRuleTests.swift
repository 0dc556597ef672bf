import XCTest
@testable import AuctionPlanner

/// Synthetic market data for trigger tests: geometric random walks with volumes and market caps.
enum SignalFixture {
    static let asOf = Day(iso: "2024-06-30")!

    static func walk(id: String, days: Int, seed: UInt64, volatility: Double = 0.03, volume: Double = 5e6,
                     end: Day = asOf) -> AssetHistory {
        var rng = SignalTestRandom(seed: seed)
        var p = 100.0
        let obs = (0..<days).map { k -> DailyObservation in
            if k > 0 { p *= exp(volatility * rng.normal()) }
            return DailyObservation(day: end.adding(days: k - days + 1), close: p, marketCap: p * 1e7, volume: volume * (0.5 + rng.unit()))
        }
        return AssetHistory(assetId: id, sortedObservations: obs)!
    }

    static func history(id: String, closes: [Double], volumes: [Double]? = nil, end: Day = asOf) -> AssetHistory {
        let obs = closes.enumerated().map { k, c in
            DailyObservation(day: end.adding(days: k - closes.count + 1), close: c, marketCap: c * 1e7, volume: volumes?[k] ?? 1e6)
        }
        return AssetHistory(assetId: id, sortedObservations: obs)!
    }

    static func data() -> MarketData {
        var d = MarketData()
        d.histories["aaa"] = walk(id: "aaa", days: 500, seed: 1)
        d.histories["bbb"] = walk(id: "bbb", days: 500, seed: 2, volatility: 0.05)
        d.histories["ccc"] = walk(id: "ccc", days: 400, seed: 3, volatility: 0.02, volume: 2e5)
        d.histories["bitcoin"] = walk(id: "bitcoin", days: 500, seed: 4)
        d.histories["usdc"] = history(id: "usdc", closes: [1, 1, 0.999, 0.97])
        return d
    }

    static func methodology(_ rules: String, extra: String = "") throws -> Methodology {
        try Methodology.parse("""
            name: test
            universe: { assets: [aaa, bbb, ccc] }
            weighting: { method: equal }
            triggers:
            \(extra)  rules:
            \(rules.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            """, file: "t.yaml")
    }
}

final class SignalRuleTests: XCTestCase {
    let asOf = SignalFixture.asOf

    func testParsesEveryMetric() throws {
        let m = try SignalFixture.methodology("""
            - { name: cross, metric: ema_cross_down, fast: 10, slow: 30, action: flag }
            - { name: rsi_hot, metric: rsi, period: 14, above: 70, action: flag }
            - { name: div, metric: macd_divergence, window: 15, direction: bullish, action: flag }
            - { name: bb, metric: bollinger_percent_b, period: 20, deviations: 2.5, above: 1, action: flag }
            - { name: atr, metric: atr_surge, period: 14, lag: 5, above: 1.5, action: { adjust_weight: { scale: -0.5, max: 0.4 } } }
            - { name: accel, metric: momentum_acceleration, period: 10, lag: 3, above: 5, action: flag }
            - { name: roc, metric: roc, period: 30, below: -20, action: flag }
            - { name: vol, metric: realized_volatility, window: 30, above: 1.2, action: flag }
            - { name: volratio, metric: volatility_ratio, window: 30, above: 1.5, action: flag }
            - { name: liq, metric: liquidity_breach, window: 7, min_volume_usd: 1e6, above: 5, action: rebalance }
            - { name: var, scope: basket, metric: var, method: cornish_fisher, confidence: 0.99, window: 180, above: 0.1, action: flag }
            - { name: cvar, metric: cvar, method: gaussian, above: 0.1, action: flag }
            - { name: sh, metric: sharpe_change, window: 60, below: -1, action: flag }
            - { name: so, metric: sortino, window: 60, below: 0, action: flag }
            - { name: beta, metric: beta, benchmark: bitcoin, window: 90, outside: [0.8, 1.2], action: flag }
            - { name: dd, scope: basket, metric: drawdown, below: -0.25, action: rebalance }
            - { name: mdd, metric: max_drawdown, window: 90, below: -0.5, action: flag, assets: [aaa] }
            - { name: hhi, metric: hhi_drift, above: 0.05, action: rebalance }
            - { name: funding, metric: funding_rate_spike, days: 3, above: 0.003, action: flag }
            - { name: depeg, metric: stablecoin_depeg, assets: [usdc], above: 0.02, action: rebalance }
            - { name: gov, metric: governance_event, days: 7, action: flag }
            """, extra: "  annualization: 252\n  warmup_multiple: 4\n")
        let t = try XCTUnwrap(m.triggers)
        XCTAssertEqual(t.annualization, 252)
        XCTAssertEqual(t.warmupMultiple, 4)
        XCTAssertEqual(t.rules.count, 21)
        XCTAssertEqual(t.rules[0].metric, .emaCrossDown(fast: 10, slow: 30))
        XCTAssertEqual(t.rules[0].condition, .event)
        XCTAssertEqual(t.rules[2].metric, .macdDivergence(fast: 12, slow: 26, signal: 9, window: 15, bearish: false))
        XCTAssertEqual(t.rules[4].action, .adjustWeight(scale: -0.5, maximum: 0.4))
        XCTAssertEqual(t.rules[10].scope, .basket)
        XCTAssertEqual(t.rules[10].metric, .valueAtRisk(method: .cornishFisher, confidence: 0.99, window: 180))
        XCTAssertEqual(t.rules[11].metric, .conditionalValueAtRisk(method: .gaussian, confidence: 0.95, window: 365))
        XCTAssertEqual(t.rules[14].condition, .outside(0.8, 1.2))
        XCTAssertEqual(t.rules[16].assets, ["aaa"])
        XCTAssertEqual(t.rules[17].scope, .basket)
        XCTAssertEqual(t.rules[19].metric, .stablecoinDepeg(assets: ["usdc"], peg: 1))
        XCTAssertEqual(t.rules[19].assets, [])
    }

    func testRejectsBadTriggerSections() {
        let cases: [(String, String, String)] = [
            ("- { name: a, metric: rsi, above: 70, action: flag, lag: 3 }", "triggers.rules[0].lag", "unknown key"),
            ("- { name: a, metric: rsii, above: 70, action: flag }", "triggers.rules[0].metric", "unknown metric"),
            ("- { name: a, metric: rsi, action: flag }", "triggers.rules[0]", "missing a threshold"),
            ("- { name: a, metric: rsi, above: 70, below: 30, action: flag }", "triggers.rules[0].below", "give one of"),
            ("- { name: a, metric: ema_cross_down, above: 0, action: flag }", "triggers.rules[0].above", "event"),
            ("- { name: a, metric: ema_cross_down, fast: 30, slow: 10, action: flag }", "triggers.rules[0].fast", "below slow"),
            ("- { name: a, metric: rsi, period: 1, above: 70, action: flag }", "triggers.rules[0].period", "between 2"),
            ("- { name: a, metric: rsi, above: 70, action: sell }", "triggers.rules[0].action", "action must be"),
            ("- { name: a, scope: basket, metric: liquidity_breach, min_volume_usd: 1, above: 3, action: flag }", "triggers.rules[0].scope", "per asset"),
            ("- { name: a, scope: asset, metric: hhi, above: 0.3, action: flag }", "triggers.rules[0].scope", "basket-wide"),
            ("- { name: a, scope: basket, metric: drawdown, below: -0.2, action: { adjust_weight: { scale: 1, max: 0.1 } } }",
             "triggers.rules[0].action.adjust_weight", "scope asset"),
            ("- { name: a, metric: rsi, above: 70, action: { adjust_weight: { scale: 1, max: 2 } } }", "triggers.rules[0].action.adjust_weight.max", "(0, 1]"),
            ("- { name: a, metric: beta, above: 1.2, action: flag }", "triggers.rules[0]", "needs key 'benchmark'"),
            ("- { name: a, metric: beta, benchmark: b, outside: [1.2, 0.8], action: flag }", "triggers.rules[0].outside", "lower < upper"),
            ("- { name: a, metric: var, confidence: 1, above: 0.1, action: flag }", "triggers.rules[0].confidence", "[0.5, 1)"),
            ("- { name: a, metric: rsi, above: 70, action: flag }\n- { name: a, metric: rsi, below: 30, action: flag }", "triggers.rules[1]", "duplicate rule name"),
        ]
        for (rules, field, rule) in cases {
            XCTAssertThrowsError(try SignalFixture.methodology(rules), rules) { error in
                let e = error as! InputFileError
                XCTAssertEqual(e.field, field, "\(rules): \(e)")
                XCTAssertTrue(e.rule.contains(rule), "\(rules): \(e)")
                XCTAssertNotNil(e.line)
            }
        }
        XCTAssertThrowsError(try Methodology.parse("name: x\nweighting: { method: equal }\ntriggers: { rules: [], extra: 1 }", file: "t")) {
            XCTAssertEqual(($0 as! InputFileError).field, "triggers.extra")
        }
        XCTAssertThrowsError(try Methodology.parse("name: x\nweighting: { method: equal }\ntriggers: { annualization: 365 }", file: "t")) {
            XCTAssertEqual(($0 as! InputFileError).rule, "missing key 'rules'")
        }
    }

    /// Every value metric fires when its threshold equals the measured value and not one ulp beyond.
    func testRulesFireExactlyAtTheirThresholds() throws {
        let data = SignalFixture.data()
        let metrics = [
            "metric: rsi", "metric: bollinger_percent_b", "metric: atr_surge", "metric: momentum_acceleration",
            "metric: roc", "metric: realized_volatility", "metric: volatility_ratio",
            "metric: var, method: historical", "metric: cvar, method: cornish_fisher, window: 200", "metric: sharpe", "metric: sortino_change",
            "metric: beta, benchmark: bitcoin", "metric: drawdown", "metric: max_drawdown, window: 100",
            "scope: basket, metric: var, method: gaussian, window: 300", "scope: basket, metric: drawdown", "scope: basket, metric: hhi",
        ]
        for metric in metrics {
            let probe = try SignalFixture.methodology("- { name: p, \(metric), above: 0, action: flag }")
            let first = try TriggerEvaluation.evaluate(methodology: probe, data: data, asOf: asOf)
            for o in first.outcomes {
                let v = try XCTUnwrap(o.value, "\(metric) \(o.assetId ?? "basket"): \(o.note ?? "")")
                let scope = o.assetId.map { ", assets: [\($0)]" } ?? ""
                for (condition, fires) in [("above: \(v)", true), ("above: \(v.nextUp)", false), ("below: \(v)", true), ("below: \(v.nextDown)", false),
                                           ("outside: [\(v.nextDown), \(v)]", true), ("outside: [\(v.nextDown), \(v.nextUp)]", false)] {
                    let m = try SignalFixture.methodology("- { name: p, \(metric)\(scope), \(condition), action: flag }")
                    let r = try TriggerEvaluation.evaluate(methodology: m, data: data, asOf: asOf)
                    XCTAssertEqual(r.outcomes.count, 1)
                    XCTAssertEqual(r.outcomes[0].value, v, "\(metric) \(condition)")
                    XCTAssertEqual(r.outcomes[0].fired, fires, "\(metric) \(o.assetId ?? "basket") \(condition)")
                }
            }
        }
    }

    func testHandComputedValues() throws {
        var data = MarketData()
        // aaa: 100 → 120 → 90: current drawdown exactly −25 %; bbb flat.
        data.histories["aaa"] = SignalFixture.history(id: "aaa", closes: [100, 120, 90])
        data.histories["bbb"] = SignalFixture.history(id: "bbb", closes: [50, 50, 50])
        data.histories["ccc"] = SignalFixture.history(id: "ccc", closes: [10, 10, 10], volumes: [1e6, 1e5, 1e5])
        data.histories["usdc"] = SignalFixture.history(id: "usdc", closes: [1, 1, 0.97])
        let m = try SignalFixture.methodology("""
            - { name: dd, metric: drawdown, below: -0.25, action: rebalance, assets: [aaa, bbb] }
            - { name: liq, metric: liquidity_breach, window: 1, min_volume_usd: 5e5, above: 2, action: flag, assets: [ccc] }
            - { name: depeg, metric: stablecoin_depeg, assets: [usdc], above: 0.03, action: rebalance }
            - { name: hhi, metric: hhi, above: 0.34, action: flag }
            - { name: drift, metric: hhi_drift, above: 0.1, action: rebalance }
            - { name: gov, metric: governance_event, days: 2, action: flag }
            - { name: fund, metric: funding_rate_spike, days: 1, above: 0.002, action: flag }
            - { name: rsi, metric: rsi, above: 70, action: flag, assets: [aaa] }
            """)
        var stress = StressInputs()
        stress.fundingRates = [.init(day: asOf, market: "BTC-PERP", rate: -0.0025), .init(day: asOf.adding(days: -1), market: "BTC-PERP", rate: 0.01)]
        stress.governanceEvents = [.init(day: asOf.adding(days: -1), subject: "pause")]
        let r = try TriggerEvaluation.evaluate(methodology: m, data: data, asOf: asOf,
                                               currentWeights: ["aaa": 0.6, "bbb": 0.2, "ccc": 0.2], stress: stress)
        let byKey = Dictionary(uniqueKeysWithValues: r.outcomes.map { ("\($0.rule)/\($0.assetId ?? "-")", $0) })
        XCTAssertEqual(byKey["dd/aaa"]?.value, -0.25); XCTAssertEqual(byKey["dd/aaa"]?.fired, true)
        XCTAssertEqual(byKey["dd/bbb"]?.value, 0); XCTAssertEqual(byKey["dd/bbb"]?.fired, false)
        XCTAssertEqual(byKey["liq/ccc"]?.value, 2); XCTAssertEqual(byKey["liq/ccc"]?.fired, true)
        XCTAssertEqual(byKey["depeg/-"]!.value!, 0.03, accuracy: 1e-15)
        XCTAssertEqual(byKey["hhi/-"]!.value!, 0.36 + 0.04 + 0.04, accuracy: 1e-15)  // current weights
        XCTAssertEqual(byKey["hhi/-"]?.fired, true)
        XCTAssertEqual(byKey["drift/-"]!.value!, 0.44 - 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(byKey["drift/-"]?.fired, true)
        XCTAssertEqual(byKey["gov/-"]?.value, 1); XCTAssertEqual(byKey["gov/-"]?.fired, true)
        XCTAssertEqual(byKey["fund/-"]?.value, 0.0025); XCTAssertEqual(byKey["fund/-"]?.fired, true)
        XCTAssertNil(byKey["rsi/aaa"]?.value)
        XCTAssertEqual(byKey["rsi/aaa"]?.note, "needs 42 days of prices, has 3")
        XCTAssertTrue(r.rebalanceDue)
        XCTAssertTrue(r.flagged)
        XCTAssertEqual(r.targetWeights.count, 3)

        // Without stress inputs or current weights those rules are reported, not fired.
        let bare = try TriggerEvaluation.evaluate(methodology: m, data: data, asOf: asOf)
        let bareByRule = Dictionary(bare.outcomes.map { ($0.rule, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(bareByRule["gov"]?.note, "no stress file given")
        XCTAssertEqual(bareByRule["drift"]?.note, "needs the current weights")
        XCTAssertEqual(bareByRule["hhi"]!.value!, 1.0 / 3, accuracy: 1e-15)
        XCTAssertThrowsError(try TriggerEvaluation.evaluate(methodology: SignalFixture.methodology(
            "- { name: b, metric: beta, benchmark: nothere, above: 1, action: flag }"), data: data, asOf: asOf)) {
            XCTAssertEqual($0 as? TriggerEvaluationError, .missingAsset(rule: "b", assetId: "nothere"))
        }
        // An as-of day far after the data is refused instead of carrying prices over the gap.
        let far = Day(iso: "9999-12-31")!
        XCTAssertThrowsError(try TriggerEvaluation.evaluate(methodology: m, data: data, asOf: far)) {
            XCTAssertEqual($0 as? TriggerEvaluationError, .asOfAfterData(asOf: far, lastDay: asOf))
            XCTAssertEqual("\($0)", "as-of 9999-12-31 is more than 366 days after the last observation (2024-06-30)")
        }
        let late = try TriggerEvaluation.evaluate(triggers: m.triggers!, data: data, asOf: asOf.adding(days: 366), targetWeights: r.targetWeights)
        XCTAssertEqual(late.outcomes.first { $0.rule == "dd" && $0.assetId == "aaa" }?.value, -0.25)  // carried forward
        XCTAssertThrowsError(try TriggerEvaluation.evaluate(methodology: m, data: MarketData(), asOf: asOf)) {
            XCTAssertEqual($0 as? TriggerEvaluationError, .asOfAfterData(asOf: asOf, lastDay: nil))
        }
    }

    func testEventsAndWeightAdjustments() throws {
        // Rising then falling prices: EMA(2) crosses below EMA(4) on the last day only.
        let closes: [Double] = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 15]
        var data = MarketData()
        for id in ["aaa", "bbb", "ccc"] { data.histories[id] = SignalFixture.history(id: id, closes: closes) }
        let m = try SignalFixture.methodology("""
            - { name: cross, metric: ema_cross_down, fast: 2, slow: 4, action: rebalance, assets: [aaa] }
            - { name: bear, metric: macd_divergence, fast: 2, slow: 3, signal: 2, window: 3, action: flag, assets: [aaa] }
            - { name: roc, metric: roc, period: 1, below: -20, action: { adjust_weight: { scale: 0.01, max: 0.3 } }, assets: [aaa, bbb] }
            """)
        let r = try TriggerEvaluation.evaluate(methodology: m, data: data, asOf: asOf)
        XCTAssertEqual(r.outcomes[0].fired, true)
        // EMA(2) and EMA(4) at the last bar: recompute independently.
        let f = TechnicalIndicators.ema(closes, period: 2).last!, s = TechnicalIndicators.ema(closes, period: 4).last!
        XCTAssertEqual(try XCTUnwrap(r.outcomes[0].value, "\(r.outcomes)"), (f - s) / s, accuracy: 1e-15)
        XCTAssertEqual(r.outcomes[1].fired, false)  // price fell: no new high
        // ROC(1) = −40 %: excess 20 → 0.01 × 20 = 0.2 relative adjustment for aaa and bbb.
        XCTAssertEqual(r.outcomes[2].value!, -40, accuracy: 1e-12)
        XCTAssertEqual(r.outcomes[2].weightAdjustment!, 0.2, accuracy: 1e-12)
        XCTAssertEqual(r.weightAdjustments["aaa"]!, 0.2, accuracy: 1e-12)
        let adjusted = r.adjustedWeights
        XCTAssertEqual(adjusted.values.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(adjusted["aaa"]! / adjusted["ccc"]!, 1.2, accuracy: 1e-12)
        // The maximum caps the adjustment.
        let capped = try SignalFixture.methodology("- { name: roc, metric: roc, period: 1, below: -20, action: { adjust_weight: { scale: 1, max: 0.3 } }, assets: [aaa] }")
        XCTAssertEqual(try TriggerEvaluation.evaluate(methodology: capped, data: data, asOf: asOf).outcomes[0].weightAdjustment, 0.3)
        // A new high with a lower MACD is a bearish divergence.
        let diverging: [Double] = [10, 11, 12, 13, 14, 20, 30, 40, 41, 41.5]
        for id in ["aaa", "bbb", "ccc"] { data.histories[id] = SignalFixture.history(id: id, closes: diverging) }
        let macd = TechnicalIndicators.macd(diverging, fast: 2, slow: 3, signal: 2).macd
        let r2 = try TriggerEvaluation.evaluate(methodology: m, data: data, asOf: asOf)
        XCTAssertEqual(try XCTUnwrap(r2.outcomes[1].value, "\(r2.outcomes[1])"), macd[9] - macd[6...8].max()!, accuracy: 1e-15)
        XCTAssertTrue((r2.outcomes[1].value ?? 0) < 0)
        XCTAssertEqual(r2.outcomes[1].fired, true)
    }

    func testStressFileParsing() throws {
        let s = try StressInputs.parse("date,kind,subject,value\n2024-06-29,funding_rate,BTC-PERP,0.0012\n2024-06-30,governance,\"dao: pause, vote\",\n", file: "s.csv")
        XCTAssertEqual(s.fundingRates, [.init(day: Day(iso: "2024-06-29")!, market: "BTC-PERP", rate: 0.0012)])
        XCTAssertEqual(s.governanceEvents, [.init(day: Day(iso: "2024-06-30")!, subject: "dao: pause, vote")])
        let bad: [(String, String, Int?)] = [
            ("date,kind,value\n", "(header)", 1),
            ("date,kind,subject,value\n2024-13-01,governance,x,\n", "date", 2),
            ("date,kind,subject,value\n2024-06-01,funding,x,1\n", "kind", 2),
            ("date,kind,subject,value\n2024-06-01,funding_rate,x,abc\n", "value", 2),
            ("date,kind,subject,value\n2024-06-01,funding_rate,x,5\n", "value", 2),
            ("date,kind,subject,value\n2024-06-01,governance,x,1\n", "value", 2),
            ("date,kind,subject,value\n2024-06-01,governance\n", "(record)", 2),
            ("", "(header)", nil),
        ]
        for (text, field, line) in bad {
            XCTAssertThrowsError(try StressInputs.parse(text, file: "s.csv")) {
                XCTAssertEqual(($0 as! InputFileError).field, field, text)
                XCTAssertEqual(($0 as! InputFileError).line, line, text)
            }
        }
    }

    func testAnnualizationByAssetKind() throws {
        var data = SignalFixture.data()
        data.metadata["bbb"] = AssetMetadata(id: "bbb", symbol: "BBB", name: "bbb", kind: .equity)
        let rules = "- { name: v, metric: realized_volatility, window: 60, above: 10, action: flag, assets: [aaa, bbb] }"
        let byKind = try SignalFixture.methodology(rules, extra: "  annualization: { token: 365, equity: 252 }\n")
        XCTAssertEqual(byKind.triggers?.annualization, 365)
        XCTAssertEqual(byKind.triggers?.equityAnnualization, 252)
        let flat = try SignalFixture.methodology(rules, extra: "  annualization: 365\n")
        XCTAssertNil(flat.triggers?.equityAnnualization)
        let a = try TriggerEvaluation.evaluate(methodology: byKind, data: data, asOf: asOf).outcomes
        let b = try TriggerEvaluation.evaluate(methodology: flat, data: data, asOf: asOf).outcomes
        XCTAssertEqual(a[0].value, b[0].value)  // token: 365 either way
        XCTAssertEqual(a[1].value!, b[1].value! * (252.0 / 365).squareRoot(), accuracy: 1e-15)
        XCTAssertThrowsError(try SignalFixture.methodology(rules, extra: "  annualization: { crypto: 365 }\n")) {
            XCTAssertEqual(($0 as! InputFileError).field, "triggers.annualization.crypto")
        }
        XCTAssertThrowsError(try SignalFixture.methodology(rules, extra: "  annualization: { equity: 0 }\n")) {
            XCTAssertEqual(($0 as! InputFileError).rule, "annualization must be in (0, 100000]")
        }
    }

    /// Momentum acceleration, ATR surge, volatility ratio and Bollinger %B by hand on five-day series.
    func testHandComputedIndicatorRules() throws {
        var data = MarketData()
        let rising: [Double] = [100, 110, 121, 121, 133.1]
        data.histories["aaa"] = SignalFixture.history(id: "aaa", closes: rising)
        data.histories["bbb"] = SignalFixture.history(id: "bbb", closes: [5, 5, 5, 5, 5])
        data.histories["ccc"] = SignalFixture.history(id: "ccc", closes: rising.map { $0 / 10 })
        let m = try SignalFixture.methodology("""
            - { name: accel, metric: momentum_acceleration, period: 1, lag: 1, below: -10, action: flag, assets: [aaa] }
            - { name: atr, metric: atr_surge, period: 1, lag: 2, above: 1.05, action: { adjust_weight: { scale: -2, max: 0.5 } }, assets: [aaa] }
            - { name: volratio, metric: volatility_ratio, window: 2, above: 1.5, action: flag }
            - { name: bb, metric: bollinger_percent_b, period: 2, deviations: 1, above: 1, action: flag, assets: [aaa] }
            """, extra: "  warmup_multiple: 1\n")
        let o = try TriggerEvaluation.evaluate(methodology: m, data: data, asOf: asOf).outcomes
        // ROC(1) is 0 % on day 4 (121 → 121) and +10 % on day 5 (121 → 133.1): acceleration +10 points.
        XCTAssertEqual(o[0].value!, 10, accuracy: 1e-12)
        XCTAssertFalse(o[0].fired)
        // ATR(1) = |ΔC|: 12.1 on the last day, 11 two days before → 1.1.
        XCTAssertEqual(o[1].value!, 1.1, accuracy: 1e-12)
        XCTAssertTrue(o[1].fired)
        XCTAssertEqual(o[1].weightAdjustment!, -2 * (1.1 - 1.05), accuracy: 1e-12)  // ATR-scaled trim of 10 %
        // Volatility of the last 2 log returns: aaa = ccc = ln 1.1/√2, bbb = 0; the average is ⅔ of aaa's → 1.5, 0, 1.5.
        XCTAssertEqual(o[2...4].map(\.assetId), ["aaa", "bbb", "ccc"])
        XCTAssertEqual(o[2].value!, 1.5, accuracy: 1e-12)
        XCTAssertEqual(o[3].value, 0)
        XCTAssertEqual(o[4].value!, 1.5, accuracy: 1e-12)
        // Bollinger(2, 1) of the last two closes 121, 133.1: middle 127.05, σ 6.05 → the close sits on the upper band, %B = 1.
        XCTAssertEqual(o[5].value!, 1, accuracy: 1e-12)
    }
}

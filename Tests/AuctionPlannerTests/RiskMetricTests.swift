import Foundation
import TestSupport
import XCTest
@testable import AuctionPlanner

/// Risk metrics against `methodology.md` §3's toy vector and Dowd's published Cornish–Fisher value,
/// against numpy/scipy (`Tests/python/signals_peer.py`) on random series, and properties.
final class RiskMetricTests: XCTestCase {
    // methodology.md §3 "self-computed toy vector".
    let r: [Double] = [0.02, -0.01, 0.015, -0.03, 0.005, 0.01, -0.02, 0.025, -0.005, 0.0]
    let b: [Double] = [0.01, -0.005, 0.01, -0.02, 0, 0.012, -0.01, 0.02, 0, 0.003]

    func testToyVectorFromMethodology() {
        XCTAssertEqual(RiskMetrics.mean(r), 0.001, accuracy: 1e-15)
        XCTAssertEqual(RiskMetrics.sampleStandardDeviation(r), 0.0176068, accuracy: 5e-8)
        XCTAssertEqual(RiskMetrics.sharpe(r, annualization: 365), 1.08509, accuracy: 5e-6)
        XCTAssertEqual(RiskMetrics.downsideDeviation(r, annualization: 1), 0.0119373, accuracy: 5e-8)
        XCTAssertEqual(RiskMetrics.sortino(r, annualization: 365), 1.60044, accuracy: 5e-6)
        let hist = RiskMetrics.tailRisk(r, alpha: 0.05, method: .historical)
        XCTAssertEqual(hist.valueAtRisk, -0.0255, accuracy: 1e-12)
        XCTAssertEqual(hist.conditionalValueAtRisk, -0.03, accuracy: 1e-12)
        let gauss = RiskMetrics.tailRisk(r, alpha: 0.05, method: .gaussian)
        XCTAssertEqual(gauss.valueAtRisk, -0.0279606, accuracy: 5e-8)
        XCTAssertEqual(gauss.conditionalValueAtRisk, -0.0353178, accuracy: 5e-8)
        XCTAssertEqual(RiskMetrics.maxDrawdown(returns: r), -0.0350935, accuracy: 5e-8)
        XCTAssertEqual(RiskMetrics.beta(r, benchmark: b), 1.45396, accuracy: 5e-6)
        XCTAssertEqual(Concentration.herfindahl([0.4, 0.3, 0.2, 0.1]), 0.30, accuracy: 1e-15)
        XCTAssertEqual(Concentration.effectiveConstituents([0.4, 0.3, 0.2, 0.1]), 1 / 0.3, accuracy: 1e-12)
        XCTAssertEqual(Concentration.herfindahlPoints([0.4, 0.3, 0.2, 0.1]), 3000, accuracy: 1e-9)
    }

    func testCornishFisherPublishedVector() {
        // Dowd: CornishFisherVaR(mu = 3.2, sigma = 5.6, skew = 2, kurtosis = 3, cl = 0.9) = 4.145348
        // (rdrr.io/cran/Dowd CornishFisherVaR; kurtosis 3 = excess 0).
        let t = RiskMetrics.cornishFisherTailRisk(mean: 3.2, standardDeviation: 5.6, skewness: 2, excessKurtosis: 0, alpha: 0.1)
        XCTAssertEqual(-t.valueAtRisk, 4.145348, accuracy: 5e-7)
        // With S = K = 0 Cornish–Fisher is the Gaussian.
        let cf = RiskMetrics.cornishFisherTailRisk(mean: 0.01, standardDeviation: 0.2, skewness: 0, excessKurtosis: 0, alpha: 0.05)
        let g = RiskMetrics.gaussianTailRisk(mean: 0.01, standardDeviation: 0.2, alpha: 0.05)
        XCTAssertEqual(cf.valueAtRisk, g.valueAtRisk, accuracy: 1e-15)
        XCTAssertEqual(cf.conditionalValueAtRisk, g.conditionalValueAtRisk, accuracy: 1e-15)
    }

    func testNormalQuantile() {
        XCTAssertEqual(NormalDistribution.quantile(0.05), -1.6448536269514722, accuracy: 1e-14)
        XCTAssertEqual(NormalDistribution.quantile(0.975), 1.959963984540054, accuracy: 1e-14)
        XCTAssertEqual(NormalDistribution.quantile(0.5), 0, accuracy: 1e-15)
        XCTAssertEqual(NormalDistribution.quantile(1e-10), -6.361340902404056, accuracy: 1e-12)
        XCTAssertEqual(NormalDistribution.quantile(0), -.infinity)
        XCTAssertTrue(NormalDistribution.quantile(1.5).isNaN)
        for p in stride(from: 0.001, to: 1, by: 0.0137) {
            XCTAssertEqual(NormalDistribution.cdf(NormalDistribution.quantile(p)), p, accuracy: 1e-15)
        }
    }

    func testDrawdownsAndHandCases() {
        // 1 → 1.1 → 0.825 → 0.9075: max drawdown −25 %, current 0.9075/1.1 − 1 = −17.5 %.
        let returns = [0.1, -0.25, 0.1]
        XCTAssertEqual(RiskMetrics.maxDrawdown(returns: returns), -0.25, accuracy: 1e-15)
        XCTAssertEqual(RiskMetrics.currentDrawdown(returns: returns), -0.175, accuracy: 1e-15)
        XCTAssertEqual(RiskMetrics.maxDrawdown(prices: [100, 110, 82.5, 90.75]), -0.25, accuracy: 1e-15)
        XCTAssertEqual(RiskMetrics.currentDrawdown(prices: [100, 110, 82.5, 90.75]), -0.175, accuracy: 1e-15)
        XCTAssertEqual(RiskMetrics.currentDrawdown(prices: [Double]()), 0)
        // Realised volatility of log returns ±ln 1.1 alternating: σ = ln 1.1 · √(4/3) for 4 returns.
        let l = log(1.1)
        XCTAssertEqual(RiskMetrics.realizedVolatility([l, -l, l, -l], annualization: 365), l * (4.0 / 3).squareRoot() * 365.0.squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(RiskMetrics.realizedVolatility([l, -l, l, -l], annualization: 252), l * (4.0 / 3).squareRoot() * 252.0.squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(RiskMetrics.logReturns([100, 110]), [l])
        XCTAssertEqual(RiskMetrics.simpleReturns([100, 110])[0], 0.1, accuracy: 1e-15)
        // Beta of 2·b against b is 2; against a flat benchmark it is undefined.
        XCTAssertEqual(RiskMetrics.beta(b.map { 2 * $0 }, benchmark: b), 2, accuracy: 1e-12)
        XCTAssertTrue(RiskMetrics.beta(r, benchmark: [Double](repeating: 0, count: r.count)).isNaN)
        XCTAssertTrue(RiskMetrics.tailRisk([0.1], alpha: 0.05, method: .historical).valueAtRisk.isNaN)
    }

    func testLiquidityScreenCountsConsecutiveDays() {
        // 2-day average volume: –, 10, 5, 2.5, 5, 12.5 → below 6 on days 2, 3, 4 → runs 0 0 1 2 3 0.
        let v: [Double] = [10, 10, 0, 5, 5, 20]
        XCTAssertEqual(LiquidityScreen.consecutiveDaysBelow(volumes: v, window: 2, minimum: 6), [0, 0, 1, 2, 3, 0])
        // An average exactly at the minimum is not below it; a missing volume breaks the run.
        XCTAssertEqual(LiquidityScreen.consecutiveDaysBelow(volumes: [6, 6, 1, .nan, 1], window: 1, minimum: 6), [0, 0, 1, 0, 1])
    }

    func testAgainstNumpyScipy() throws {
        var rng = SignalTestRandom(seed: 42)
        var series: [[String: Any]] = []
        var inputs: [(r: [Double], b: [Double], alpha: Double, ann: Double)] = []
        for k in 0..<40 {
            let n = 20 + Int(rng.next() % 700)
            let skewed = k % 2 == 0
            let bench = (0..<n).map { _ in 0.02 * rng.normal() }
            let rets = bench.map { x -> Double in
                let e = 0.03 * rng.normal()
                return 0.0005 + 1.3 * x + (skewed ? e * e * 10 - 0.009 : e)
            }
            let alpha = [0.01, 0.05, 0.1][k % 3]
            let ann = k % 4 == 0 ? 252.0 : 365.0
            inputs.append((rets, bench, alpha, ann))
            series.append(["returns": rets, "benchmark": bench, "alpha": alpha, "annualization": ann])
        }
        let input = try JSONSerialization.data(withJSONObject: ["series": series])
        let output = try TestSupport.runPython(script: "signals_peer.py", [], input: input)
        let results = (try JSONSerialization.jsonObject(with: output) as! [String: Any])["results"] as! [[String: Double]]
        XCTAssertEqual(results.count, inputs.count)
        for (i, p) in results.enumerated() {
            let (rets, bench, alpha, ann) = inputs[i]
            func close(_ a: Double, _ key: String, _ tol: Double = 1e-10) {
                XCTAssertEqual(a, p[key]!, accuracy: tol * max(1, abs(p[key]!)), "series \(i) \(key)")
            }
            let h = RiskMetrics.tailRisk(rets, alpha: alpha, method: .historical)
            let g = RiskMetrics.tailRisk(rets, alpha: alpha, method: .gaussian)
            let c = RiskMetrics.tailRisk(rets, alpha: alpha, method: .cornishFisher)
            let m = RiskMetrics.Moments(rets)
            close(h.valueAtRisk, "historical_var"); close(h.conditionalValueAtRisk, "historical_cvar")
            close(g.valueAtRisk, "gaussian_var"); close(g.conditionalValueAtRisk, "gaussian_cvar")
            close(c.valueAtRisk, "cf_var"); close(c.conditionalValueAtRisk, "cf_cvar", 1e-8)
            close(m.skewness, "skewness"); close(m.excessKurtosis, "excess_kurtosis")
            close(RiskMetrics.realizedVolatility(rets, annualization: ann), "volatility")
            close(RiskMetrics.sharpe(rets, annualization: ann), "sharpe")
            close(RiskMetrics.sortino(rets, annualization: ann), "sortino")
            close(RiskMetrics.beta(rets, benchmark: bench), "beta")
            close(RiskMetrics.maxDrawdown(returns: rets), "max_drawdown")
            close(RiskMetrics.currentDrawdown(returns: rets), "current_drawdown")
            close(NormalDistribution.quantile(alpha), "normal_quantile", 1e-14)
        }
    }

    func testCVaRNeverAboveVaR() {
        var rng = SignalTestRandom(seed: 9)
        for k in 0..<300 {
            let n = 5 + Int(rng.next() % 400)
            let rets = (0..<n).map { _ -> Double in let e = rng.normal(); return k % 3 == 0 ? 0.01 * e * abs(e) : 0.02 * e }
            let alpha = 0.005 + 0.3 * rng.unit()
            for method in VaRMethod.allCases {
                let t = RiskMetrics.tailRisk(rets, alpha: alpha, method: method)
                if method == .cornishFisher, abs(RiskMetrics.Moments(rets).skewness) > 1 { continue }  // CF map not monotone there
                XCTAssertLessThanOrEqual(t.conditionalValueAtRisk, t.valueAtRisk + 1e-12, "\(method) n=\(n) alpha=\(alpha)")
            }
            XCTAssertLessThanOrEqual(RiskMetrics.maxDrawdown(returns: rets), RiskMetrics.currentDrawdown(returns: rets) + 1e-15)
        }
    }
}

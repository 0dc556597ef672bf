import XCTest
@testable import AuctionPlanner

/// The panel entry point agrees with the individual indicator and metric functions.
final class SignalPanelTests: XCTestCase {
    /// Element-wise identity where NaN equals NaN.
    func same(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }
    }

    func testPanelAgreesWithTheIndividualFunctions() {
        var rng = SignalTestRandom(seed: 11)
        let days = 600, assets = 5
        var closes: [[Double]] = [], volumes: [[Double]] = []
        for _ in 0..<assets {
            var p = 50.0
            closes.append((0..<days).map { _ in p *= exp(0.04 * rng.normal()); return p })
            volumes.append((0..<days).map { _ in 2e6 * rng.unit() })
        }
        let weights = [0.4, 0.3, 0.15, 0.1, 0.05]
        var settings = SignalPanelSettings()
        settings.riskWindow = 250
        let panel = SignalPanel.compute(closes: closes, volumes: volumes, weights: weights, benchmark: closes[0], settings: settings)
        XCTAssertEqual(panel.assets.count, assets)
        XCTAssertEqual(panel.herfindahl, 0.16 + 0.09 + 0.0225 + 0.01 + 0.0025, accuracy: 1e-15)
        XCTAssertEqual(panel.effectiveConstituents, 1 / panel.herfindahl, accuracy: 1e-12)
        for (k, a) in panel.assets.enumerated() {
            let c = closes[k]
            XCTAssertTrue(same(a.rsi, TechnicalIndicators.rsi(c, period: 14)))
            let macd = TechnicalIndicators.macd(c)
            XCTAssertTrue(same(a.macd.macd, macd.macd) && same(a.macd.signal, macd.signal) && same(a.macd.histogram, macd.histogram))
            XCTAssertEqual(a.atr.last, TechnicalIndicators.atr(high: c, low: c, close: c).last)
            let r = Array(RiskMetrics.simpleReturns(c).suffix(250))
            XCTAssertEqual(a.tailRisk[.cornishFisher], RiskMetrics.tailRisk(r, alpha: 1 - 0.95, method: .cornishFisher))
            XCTAssertEqual(a.sharpe, RiskMetrics.sharpe(r, annualization: 365))
            XCTAssertEqual(a.realizedVolatility, RiskMetrics.realizedVolatility(Array(RiskMetrics.logReturns(c).suffix(250)), annualization: 365))
            XCTAssertEqual(a.maxDrawdown, RiskMetrics.maxDrawdown(prices: c))
            XCTAssertLessThanOrEqual(a.maxDrawdown, a.currentDrawdown)
            for m in VaRMethod.allCases { XCTAssertLessThanOrEqual(a.tailRisk[m]!.conditionalValueAtRisk, a.tailRisk[m]!.valueAtRisk) }
        }
        XCTAssertEqual(panel.assets[0].beta, 1, accuracy: 1e-12)
        // Too-short series give NaN metrics, not crashes.
        let short = SignalPanel.compute(closes: [[1]], volumes: [[1]], weights: [1])
        XCTAssertTrue(short.assets[0].sharpe.isNaN)
        XCTAssertTrue(short.assets[0].rsi[0].isNaN)
    }
}

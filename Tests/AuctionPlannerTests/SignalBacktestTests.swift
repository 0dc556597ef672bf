import XCTest
@testable import AuctionPlanner

/// Trigger-driven rebalances in the backtest go through the same `TriggerEvaluation` as the CLI.
final class SignalBacktestTests: XCTestCase {
    let from = Day(iso: "2024-01-01")!, to = SignalFixture.asOf

    func methodology(_ rules: String) throws -> Methodology {
        try Methodology.parse("""
            name: test
            universe: { assets: [aaa, bbb, ccc] }
            weighting: { method: equal }
            calendar: { frequency: quarterly, day: first_day }
            triggers:
              rules:
            \(rules.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            """, file: "t.yaml")
    }

    func testHookRebalancesExactlyWhenAsked() throws {
        let m = try methodology("- { name: r, metric: rsi, above: 101, action: rebalance }")
        let data = SignalFixture.data()
        let plain = try Backtest.run(methodology: m, data: data, from: from, to: to)
        XCTAssertEqual(plain.rebalances.map(\.day), [from, Day(iso: "2024-04-01")!])
        // RSI never exceeds 100: the trigger never fires and the run is identical.
        let quiet = try Backtest.run(methodology: m, data: data, from: from, to: to,
                                     trigger: TriggerEvaluation.backtestTrigger(methodology: m, data: data))
        XCTAssertEqual(quiet, plain)
        // A hook asking for fixed weights on one day rebalances there, to exactly those weights.
        let special = Day(iso: "2024-02-15")!
        var asked: [Day: [String: Double]] = [:]
        let hooked = try Backtest.run(methodology: m, data: data, from: from, to: to, trigger: { (day: Day, held: [String: Double]) throws(WeightingError) -> [String: Double]? in
            asked[day] = held
            return day == special ? ["aaa": 0.5, "bbb": 0.5] : nil
        })
        XCTAssertEqual(hooked.rebalances.map(\.day), [from, special, Day(iso: "2024-04-01")!])
        XCTAssertEqual(hooked.rebalances[1].weights, ["aaa": 0.5, "bbb": 0.5])
        XCTAssertEqual(hooked.rebalances[1].removed, ["ccc"])
        XCTAssertNil(asked[from])
        XCTAssertEqual(asked[from.adding(days: 1)]!.values.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(asked.count, (to.daysSinceEpoch - from.daysSinceEpoch + 1) - 2)
    }

    func testTriggerDrivenRebalancesFollowTheEvaluation() throws {
        let m = try methodology("""
            - { name: trim, metric: roc, period: 5, above: 10, action: { adjust_weight: { scale: -0.01, max: 0.5 } } }
            - { name: flag_only, metric: rsi, above: 60, action: flag }
            """)
        let data = SignalFixture.data()
        var reports: [TriggerReport] = []
        let result = try Backtest.run(methodology: m, data: data, from: from, to: to,
                                      trigger: TriggerEvaluation.backtestTrigger(methodology: m, data: data, log: { reports.append($0) }))
        let calendarDays: Set<Day> = [from, Day(iso: "2024-04-01")!]
        let triggered = result.rebalances.filter { !calendarDays.contains($0.day) }
        XCTAssertFalse(triggered.isEmpty, "the random walks should cross a 10 % 5-day ROC at least once")
        XCTAssertEqual(triggered.map(\.day), reports.map(\.asOf))
        for (record, report) in zip(triggered, reports) {
            XCTAssertTrue(report.rebalanceDue)
            XCTAssertEqual(record.weights, report.adjustedWeights.filter { $0.value > 0 })
            XCTAssertEqual(record.weights.values.reduce(0, +), 1, accuracy: 1e-12)
            // Weights are the equal targets scaled by (1 + adjustment), renormalised; trims are negative.
            let adjustments = report.weightAdjustments
            XCTAssertFalse(adjustments.isEmpty)
            for a in adjustments.values { XCTAssertLessThan(a, 0) }
            for (i, wi) in record.weights { for (j, wj) in record.weights {
                XCTAssertEqual(wi / wj, (1 + (adjustments[i] ?? 0)) / (1 + (adjustments[j] ?? 0)), accuracy: 1e-12)
            } }
        }
    }
}

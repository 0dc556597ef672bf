import AuctionPlanner
import Benchmark
import ChainModel
import Foundation

/// Planning-side benchmarks: a 100-component plan from a snapshot, the full schedules of its curves,
/// the portfolio optimizers on 100 assets × 365 days, a 5-year backtest and the signal panel.
/// When `REBALANCER_BENCH_EXPORT` names a directory, the optimizer problems are written there as JSON
/// so `scripts/bench` can time scipy on exactly the same inputs.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 2_000
    )

    // 100-component plan from a snapshot, and the schedules of its curves (144 steps over the auction).
    let planInputs = SyntheticIndex.inputs(componentCount: 100, seed: 1)
    let plan = try! Planner.plan(planInputs)
    let duration = UInt256(planInputs.policy.durationSeconds)

    Benchmark("Plan 100-component index from a snapshot") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! Planner.plan(planInputs)) }
    }

    Benchmark("Schedules 100 components x 144 steps") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! AuctionSchedule.generate(trades: plan.tradeList.trades, adapters: plan.adapters,
                                                    duration: duration, steps: 144))
        }
    }

    // Optimizers: 100 assets, 365 daily returns, Ledoit–Wolf covariance, 10 % cap.
    let market = SyntheticMarket.generate(assets: 100, days: 366, seed: 7)
    let histories = market.histories.keys.sorted().map { market.histories[$0]! }
    let asOf = histories[0].observations.last!.day
    let returns = try! IndexWeights.returnMatrix(histories, asOf: asOf, days: 365)
    let bounds = WeightBounds(count: 100, cap: 0.1)
    let statistics = try! ReturnStatistics.estimate(returns: returns, annualization: 365, ledoitWolf: true)
    if let directory = ProcessInfo.processInfo.environment["REBALANCER_BENCH_EXPORT"] {
        let cov = (0..<100).map { i in Array(statistics.covariance.storage[(i * 100)..<(i * 100 + 100)]) }
        let common: [String: Any] = ["mu": statistics.expectedReturns, "cov": cov,
                                     "lower": bounds.lower, "upper": bounds.upper, "rf": 0.04]
        var minVol = common; minVol["kind"] = "min_volatility"
        var maxSharpe = common; maxSharpe["kind"] = "max_sharpe"
        let document: [String: Any] = ["problems": [minVol, maxSharpe], "repeat": 1]
        let data = try! JSONSerialization.data(withJSONObject: document)
        try! data.write(to: URL(fileURLWithPath: directory).appendingPathComponent("optimizer-problems.json"))
    }

    Benchmark("Minimum volatility 100 assets x 365 days (Ledoit-Wolf + solve)") { benchmark in
        for _ in benchmark.scaledIterations {
            let stats = try! ReturnStatistics.estimate(returns: returns, annualization: 365, ledoitWolf: true)
            blackHole(try! MinimumVolatility.solve(covariance: stats.covariance, bounds: bounds))
        }
    }

    Benchmark("Maximum Sharpe 100 assets x 365 days (Ledoit-Wolf + solve)") { benchmark in
        for _ in benchmark.scaledIterations {
            let stats = try! ReturnStatistics.estimate(returns: returns, annualization: 365, ledoitWolf: true)
            blackHole(try! MaximumSharpe.solve(expectedReturns: stats.expectedReturns, covariance: stats.covariance,
                                               riskFreeRate: 0.04, bounds: bounds))
        }
    }

    Benchmark("Minimum volatility solve only (same problem as scipy)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! MinimumVolatility.solve(covariance: statistics.covariance, bounds: bounds))
        }
    }

    Benchmark("Maximum Sharpe solve only (same problem as scipy)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! MaximumSharpe.solve(expectedReturns: statistics.expectedReturns, covariance: statistics.covariance,
                                               riskFreeRate: 0.04, bounds: bounds))
        }
    }

    // Backtest: 100 assets × 5 years daily, monthly rebalances.
    let fiveYears = SyntheticMarket.generate(assets: 100, days: 5 * 365 + 60, seed: 3)
    let methodology = try! Methodology.parse("""
        name: bench
        selection: { top: 50 }
        inputs: { moving_average_days: 30 }
        weighting: { method: sqrt_market_cap }
        constraints: { cap: 0.1, floor: 0.01 }
        calendar: { frequency: monthly, snapshot_offset_days: 5 }
        """, file: "bench.yaml")
    let start = Day(iso: "2019-03-01")!
    let end = start.adding(days: 5 * 365 - 1)

    Benchmark("Backtest 100 assets x 5 years, monthly rebalances") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try! Backtest.run(methodology: methodology, data: fiveYears, from: start, to: end))
        }
    }

    // Every indicator and metric for 100 assets × 5 years of daily data.
    let panelHistories = fiveYears.histories.keys.sorted().map { fiveYears.histories[$0]! }
    let closes = panelHistories.map { history in history.observations.suffix(5 * 365).map { $0.close ?? .nan } }
    let volumes = panelHistories.map { history in history.observations.suffix(5 * 365).map { $0.volume ?? .nan } }
    let weights = [Double](repeating: 0.01, count: 100)

    Benchmark("Signals: all indicators and metrics, 100 assets x 5 years") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SignalPanel.compute(closes: closes, volumes: volumes, weights: weights, benchmark: closes[0]))
        }
    }
}

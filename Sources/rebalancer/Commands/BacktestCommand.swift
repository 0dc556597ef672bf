import ArgumentParser
import AuctionPlanner
import Foundation

/// `rebalancer backtest`: replays history with a methodology and calendar, with an auction-cost model.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Replay history with a methodology and its calendar; report level, turnover and risk figures.",
        discussion: """
        Writes to --out DIR: level.csv (date,level), rebalances.csv (turnover, cost, adds, deletes, divisor),
        weights.csv (weights at each rebalance), summary.json and chart.svg, and with --triggers triggers.csv
        (every fired rule on each trigger-driven rebalance day). Nothing is written if the run fails.

        Example:
          rebalancer backtest --methodology examples/methodology/icai.yaml --metadata examples/methodology/assets.yaml \\
            --data examples/methodology/prices.csv --from 2023-04-01 --to 2024-03-25 --out backtest-out
        """
    )

    @Option(help: "Methodology YAML file.")
    var methodology: String

    @Option(help: "Market data file (repeatable; ID=PATH names the asset of a single-asset file).")
    var data: [String] = []

    @Option(help: "Asset metadata YAML/JSON file.")
    var metadata: String?

    @Option(help: "First day YYYY-MM-DD (default: 90 days after the first observation).")
    var from: String?

    @Option(help: "Last day YYYY-MM-DD (default: the last observation).")
    var to: String?

    @Option(help: "Rebalance cadence overriding the methodology calendar: monthly or quarterly.")
    var frequency: String?

    @Option(name: .customLong("bidder-margin"), help: "Auction cost: bidder margin as a fraction of traded notional.")
    var bidderMargin: Double = 0.003

    @Option(name: .customLong("price-step"), help: "Auction cost: one price step as a fraction of price.")
    var priceStep: Double = 0.001

    @Option(help: "Periods per year for the statistics (365 crypto, 252 equities).")
    var annualization: Double = 365

    @Option(help: "Output directory.")
    var out: String?

    @Flag(name: .customLong("triggers"), help: "Also rebalance when the methodology's trigger rules ask for it (see 'rebalancer signals').")
    var useTriggers = false

    @Option(help: "Stress inputs CSV for the trigger rules (with --triggers).")
    var stress: String?

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("--data: give at least one market data file") }
        if let from, Day(iso: from) == nil { throw ValidationError("--from: '\(from)' is not a date YYYY-MM-DD") }
        if let to, Day(iso: to) == nil { throw ValidationError("--to: '\(to)' is not a date YYYY-MM-DD") }
        if let frequency, frequency != "monthly", frequency != "quarterly" {
            throw ValidationError("--frequency: '\(frequency)' must be monthly or quarterly")
        }
        guard bidderMargin >= 0, bidderMargin < 1 else { throw ValidationError("--bidder-margin: must be in [0, 1)") }
        guard priceStep >= 0, priceStep < 1 else { throw ValidationError("--price-step: must be in [0, 1)") }
        guard annualization > 0 else { throw ValidationError("--annualization: must be positive") }
    }

    func run() throws {
        let parsed = try Methodology.parse(try MarketData.readText(path: methodology), file: methodology)
        let marketData = try MarketData.load(dataPaths: data, metadataPath: metadata)
        guard let last = marketData.lastDay,
              let first = marketData.histories.values.compactMap({ $0.observations.first?.day }).min() else {
            throw CommandFailure("--data: the files hold no observation")
        }
        let start = from.flatMap { Day(iso: $0) } ?? first.adding(days: 90)
        let end = to.flatMap { Day(iso: $0) } ?? last
        guard start < end else { throw CommandFailure("--from: \(start) is not before --to \(end)") }
        var calendar = parsed.calendar
        if let frequency {
            calendar = RebalanceCalendar(frequency: frequency == "monthly" ? .monthly : .quarterly,
                                         snapshotOffsetDays: parsed.calendar?.snapshotOffsetDays ?? 0)
        }
        guard let calendar else { throw CommandFailure("--frequency: the methodology has no calendar; give monthly or quarterly") }
        if useTriggers, parsed.triggers == nil { throw CommandFailure("--triggers: \(methodology) has no 'triggers' section") }
        if stress != nil, !useTriggers { throw CommandFailure("--stress: only used with --triggers") }
        let stressInputs = try stress.map { path throws in try StressInputs.parse(try MarketData.readText(path: path), file: path) }
        var triggerReports: [TriggerReport] = []
        let trigger = useTriggers ? TriggerEvaluation.backtestTrigger(methodology: parsed, data: marketData, stress: stressInputs,
                                                                      log: { triggerReports.append($0) }) : nil
        let bar = ProgressBar(enabled: isatty(2) == 1)
        let result = try Backtest.run(methodology: parsed, data: marketData, from: start, to: end, calendar: calendar,
                                      costModel: AuctionCostModel(bidderMargin: bidderMargin, priceStep: priceStep),
                                      annualization: annualization, trigger: trigger, progress: bar.update)
        bar.finish()
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try AtomicFile.write(result.levelCSV(), to: "\(out)/level.csv")
            try AtomicFile.write(result.rebalancesCSV(), to: "\(out)/rebalances.csv")
            try AtomicFile.write(result.weightsCSV(), to: "\(out)/weights.csv")
            try AtomicFile.write(result.summaryJSON(), to: "\(out)/summary.json")
            try AtomicFile.write(result.svgChart(title: "\(parsed.name) index level"), to: "\(out)/chart.svg")
            if useTriggers { try AtomicFile.write(TriggerReport.firedCSV(triggerReports), to: "\(out)/triggers.csv") }
        }
        let s = result.statistics
        print("\(parsed.name): \(start) … \(end), \(result.rebalances.count) rebalances" + (useTriggers ? " (\(triggerReports.count) trigger-driven)" : ""))
        print("final level   \(Format.fixed(result.levels.last!.level, 2)) (base 1000)")
        print("CAGR          \(Format.percent(s.cagr))")
        print("volatility    \(Format.percent(s.volatility))")
        print("Sharpe        \(Format.fixed(s.sharpe, 3))")
        print("Sortino       \(Format.fixed(s.sortino, 3))")
        print("max drawdown  \(Format.percent(s.maxDrawdown))")
        print("avg turnover  \(Format.percent(result.rebalances.dropFirst().map(\.turnover).reduce(0, +) / Double(max(1, result.rebalances.count - 1))))")
        print("total cost    \(Format.percent(result.rebalances.map(\.cost).reduce(0, +)))")
        if let out { print("wrote \(out)/level.csv, rebalances.csv, weights.csv, summary.json, chart.svg" + (useTriggers ? ", triggers.csv" : "")) }
    }
}

/// A one-line progress bar on standard error (only when it is a terminal).
final class ProgressBar {
    private let enabled: Bool
    private var lastPercent = -1

    init(enabled: Bool) { self.enabled = enabled }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        FileHandle.standardError.write(Data("\r[\(String(repeating: "#", count: filled))\(String(repeating: " ", count: 30 - filled))] \(percent)%".utf8))
    }

    func finish() {
        if enabled, lastPercent >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

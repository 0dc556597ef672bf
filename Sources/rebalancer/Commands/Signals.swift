import ArgumentParser
import AuctionPlanner
import Foundation

/// `rebalancer signals`: evaluates the methodology's trigger rules on one day and prints every rule
/// with its value, threshold, whether it fired and the resulting action. Exit status 0 when no
/// rebalance is due (flags may be listed), 3 when one is due, another non-zero status on errors.
struct Signals: ParsableCommand {
    /// Exit status when a fired rule asks for a rebalance.
    static let rebalanceDueStatus: Int32 = 3

    static let configuration = CommandConfiguration(
        abstract: "Evaluate the methodology's rebalance triggers (exit 3 when a rebalance is due).",
        discussion: """
        Prints every rule of the methodology's 'triggers' section for every subject (asset or basket): value, condition (thresholds are inclusive), fired, and action (flag, rebalance, or adjust_weight with the relative weight change). Exit status: 0 no rebalance due, 3 rebalance due, any other non-zero status an error.

        --weights gives the current holdings (a weights file, as written by 'rebalancer weights'): they are the basket for basket metrics and 'hhi_drift', and the incumbents for selection. --stress gives the stress CSV (date,kind,subject,value with kind funding_rate or governance).

        Example:
          rebalancer signals --methodology examples/signals/icai-triggers.yaml --metadata examples/methodology/assets.yaml \\
            --data examples/methodology/prices.csv --stress examples/signals/stress.csv --as-of 2024-03-20
        """
    )

    @Option(help: "Methodology YAML file with a 'triggers' section.")
    var methodology: String

    @Option(help: "Market data file (repeatable; ID=PATH names the asset of a single-asset file).")
    var data: [String] = []

    @Option(help: "Asset metadata YAML/JSON file.")
    var metadata: String?

    @Option(name: .customLong("as-of"), help: "Evaluation day YYYY-MM-DD (default: the last day with data).")
    var asOf: String?

    @Option(help: "Current weights file (the held basket).")
    var weights: String?

    @Option(help: "Stress inputs CSV (funding rates, governance events).")
    var stress: String?

    @Flag(help: "Print the report as JSON instead of a table.")
    var json = false

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("--data: give at least one market data file") }
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of: '\(asOf)' is not a date YYYY-MM-DD") }
    }

    func run() throws {
        let parsed = try Methodology.parse(try MarketData.readText(path: methodology), file: methodology)
        guard parsed.triggers != nil else {
            throw CommandFailure("--methodology: \(methodology) has no 'triggers' section")
        }
        let marketData = try MarketData.load(dataPaths: data, metadataPath: metadata)
        guard let day = asOf.flatMap({ Day(iso: $0) }) ?? marketData.lastDay else {
            throw CommandFailure("--data: the files hold no observation")
        }
        var current: [String: Double]?
        if let weights {
            let file = try WeightsFile.parse(try Data(contentsOf: URL(fileURLWithPath: weights)), file: weights)
            var map: [String: Double] = [:]
            for e in file.entries {
                guard let w = Double(e.weight) else { throw CommandFailure("--weights: \(weights): weight '\(e.weight)' of \(e.assetId) is not a number") }
                map[e.assetId] = w
            }
            current = map
        }
        let stressInputs = try stress.map { path throws in try StressInputs.parse(try MarketData.readText(path: path), file: path) }
        let report = try TriggerEvaluation.evaluate(methodology: parsed, data: marketData, asOf: day, currentWeights: current,
                                                    stress: stressInputs)
        print(json ? report.json() : report.table(), terminator: "")
        if report.rebalanceDue {
            fflush(stdout)
            Foundation.exit(Self.rebalanceDueStatus)
        }
    }
}

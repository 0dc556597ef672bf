import ArgumentParser
import AuctionPlanner
import Foundation

/// `rebalancer weights`: computes index weights from a methodology and market data, prints a table
/// (or JSON) and writes the weights file the auction engine reads.
struct Weights: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute index weights from a methodology file and market data.",
        discussion: """
        Data files: CoinGecko /coins/markets or /coins/{id}/market_chart JSON, the CoinGecko CSV export,
        the long CSV (asset_id,date,close_usd,market_cap_usd,volume_usd[,circulating_supply][,fdv_usd]),
        or Yahoo/Stooq daily CSV. Single-asset files take the asset id from ID=PATH or the file name.

        Examples:
          rebalancer weights --methodology examples/methodology/icai.yaml \\
            --metadata examples/methodology/assets.yaml --data examples/methodology/prices.csv \\
            --as-of 2024-03-27 --out weights.json
        """
    )

    @Option(help: "Methodology YAML file.")
    var methodology: String

    @Option(help: "Market data file (repeatable; ID=PATH names the asset of a single-asset file).")
    var data: [String] = []

    @Option(help: "Asset metadata YAML/JSON file (symbols, categories, sleeves, chain addresses).")
    var metadata: String?

    @Option(name: .customLong("as-of"), help: "Snapshot day YYYY-MM-DD (default: the last day with data).")
    var asOf: String?

    @Option(help: "Current weights file: its constituents are the incumbents (rank buffer, floor hysteresis).")
    var incumbents: String?

    @Flag(help: "Print the report as JSON instead of a table.")
    var json = false

    @Option(help: "Write the weights file here (atomically).")
    var out: String?

    func validate() throws {
        guard !data.isEmpty else { throw ValidationError("--data: give at least one market data file") }
        if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of: '\(asOf)' is not a date YYYY-MM-DD") }
    }

    func run() throws {
        let methodologyText = try MarketData.readText(path: methodology)
        let parsed = try Methodology.parse(methodologyText, file: methodology)
        let marketData = try MarketData.load(dataPaths: data, metadataPath: metadata)
        guard let day = asOf.flatMap({ Day(iso: $0) }) ?? marketData.lastDay else {
            throw CommandFailure("--data: the files hold no observation")
        }
        var current = Set<String>()
        if let incumbents {
            let file = try WeightsFile.parse(Data(try MarketData.readText(path: incumbents).utf8), file: incumbents)
            current = Set(file.entries.map(\.assetId))
        }
        let report = try IndexWeights.compute(methodology: parsed, data: marketData, asOf: day, incumbents: current)
        if let out { try AtomicFile.write(WeightsFile(report: report).encoded(), to: out) }
        print(json ? report.json() : report.table(), terminator: "")
    }
}

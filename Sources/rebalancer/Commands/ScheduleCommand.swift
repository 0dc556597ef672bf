import ArgumentParser
import AuctionPlanner
import ChainModel
import Foundation

/// `rebalancer schedule`: exact integer auction prices per time step, from a plan's curves or
/// from one adapter config.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Print exact integer auction prices per time step (from a plan, or one adapter config).",
        discussion: """
        Prices are in the adapter scale (quote base units per component base unit × 1e18), exactly
        as getPrice computes them. Defaults: --from 0, --to the plan's duration − 1 (86399 for
        --adapter), --every the smallest bucket size.

        Examples:
          rebalancer schedule --plan plan.json --component 0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599
          rebalancer schedule --adapter linear --config 0x… --to 3600 --every 600
        """
    )

    @Option(help: "Plan document written by `rebalancer plan --out`.")
    var plan: String?

    @Option(help: "Only this component of the plan.")
    var component: String?

    @Option(help: "Adapter kind: constant, linear, exponential or logarithmic.")
    var adapter: String?

    @Option(help: "The adapter's abi-encoded config (0x…).")
    var config: String?

    @Option(help: "First second after the start.")
    var from: UInt64 = 0

    @Option(help: "Last second (inclusive).")
    var to: UInt64?

    @Option(help: "Seconds between rows.")
    var every: UInt64?

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        if (plan == nil) == (adapter == nil) { throw ValidationError("give either --plan or --adapter with --config") }
        if adapter != nil && config == nil { throw ValidationError("--adapter needs --config 0x…") }
        if adapter == nil && config != nil { throw ValidationError("--config needs --adapter") }
        if component != nil && plan == nil { throw ValidationError("--component needs --plan") }
    }

    func run() throws {
        var adapters: [(label: String, component: Address?, adapter: PriceAdapter)] = []
        var lastSecond: UInt64 = 86_399
        if let plan {
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: plan)) } catch {
                throw InputFileError(file: plan, line: nil, field: "(file)", value: plan, rule: "cannot read: \(error.localizedDescription)")
            }
            let curves = try PlanCurves.parse(data, file: plan)
            lastSecond = curves.durationSeconds - 1
            var wanted: Address?
            if let component {
                do { wanted = try Address(component) } catch { throw ValidationError("--component: '\(component)': \(error)") }
            }
            for entry in curves.entries where wanted == nil || entry.component == wanted {
                adapters.append((entry.symbol, entry.component, entry.adapter))
            }
            if let wanted, adapters.isEmpty { throw ValidationError("--component: \(wanted) is not traded in \(plan)") }
        } else if let adapter, let config {
            let bytes: [UInt8]
            do { bytes = try Hex.decode(config, requirePrefix: true) } catch { throw ValidationError("--config: not 0x-prefixed hex: \(error)") }
            do { adapters.append((adapter, nil, try PriceAdapter(kind: adapter, configData: bytes))) } catch {
                throw ValidationError("--adapter \(adapter) --config: \(error.description)")
            }
        }
        let end = to ?? lastSecond
        let step = every ?? PriceTable.defaultStep(adapters.map(\.adapter), from: from, to: end)
        let table = try PriceTable(adapters: adapters, from: from, to: end, every: step)
        print(json ? table.json.encoded() : table.table, terminator: "")
    }
}

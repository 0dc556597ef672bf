import ArgumentParser
import AuctionPlanner
import ChainModel
import Foundation

/// `rebalancer plan`: plans a rebalance offline from a state snapshot, target weights, prices and
/// a policy; prints tables (or the plan document with `--json`) and writes the plan document.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a rebalance: targets, trades, price curves and the transactions that start it.",
        discussion: """
        Inputs: a snapshot (rebalancer/snapshot@1, from `rebalancer snapshot`), target weights
        (rebalancer/weights@1, from `rebalancer weights`), prices (rebalancer/prices@1) and a policy
        (rebalancer/policy@1, YAML, or JSON when the file name ends in .json); see examples/README.md.
        The plan document is deterministic: the same input files give the same bytes.

        Example:
          rebalancer plan --state examples/snapshot.json --weights examples/weights.json \\
            --prices examples/prices.json --policy examples/policy.yaml --out plan.json
        """
    )

    @Option(help: "Snapshot file written by `rebalancer snapshot`.")
    var state: String

    @Option(help: "Target weights file (rebalancer/weights@1).")
    var weights: String

    @Option(help: "Prices file (rebalancer/prices@1).")
    var prices: String

    @Option(help: "Policy file (YAML, or JSON for *.json).")
    var policy: String

    @Option(help: "Write the plan document here (atomically).")
    var out: String?

    @Flag(help: "Print the plan document instead of tables.")
    var json = false

    func run() throws {
        let inputs = try PlanFiles.load(state: state, weights: weights, prices: prices, policy: policy)
        let plan = try Planner.plan(inputs)
        let document = plan.document.encoded()
        if let out { try AtomicFile.write(document, to: out) }
        print(json ? document : plan.table, terminator: "")
    }
}

/// Reads and parses the plan's input files, recording each file's Keccak-256.
enum PlanFiles {
    static func read(_ path: String) throws(InputFileError) -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InputFileError(file: path, line: nil, field: "(file)", value: path, rule: "cannot read: \(error.localizedDescription)")
        }
    }

    static func load(state: String, weights: String, prices: String, policy: String) throws(InputFileError) -> PlanInputs {
        let stateBytes = try read(state), weightsBytes = try read(weights), pricesBytes = try read(prices), policyBytes = try read(policy)
        let snapshot = try SetTokenSnapshot.parse(stateBytes, file: state)
        let weightsFile = try WeightsFile.parse(weightsBytes, file: weights)
        let sheet = try PriceSheet.parse(pricesBytes, file: prices)
        let parsedPolicy = try RebalancePolicy.parse(policyBytes, file: policy, yaml: !policy.lowercased().hasSuffix(".json"))
        return PlanInputs(snapshot: snapshot, weights: weightsFile, prices: sheet, policy: parsedPolicy, files: [
            InputFileDigest(role: "snapshot", path: state, bytes: stateBytes),
            InputFileDigest(role: "weights", path: weights, bytes: weightsBytes),
            InputFileDigest(role: "prices", path: prices, bytes: pricesBytes),
            InputFileDigest(role: "policy", path: policy, bytes: policyBytes),
        ])
    }
}

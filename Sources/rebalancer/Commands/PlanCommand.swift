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
        The plan document is deterministic: the same input files give the same bytes. Without
        --state, the state is read over RPC (--rpc-url, --set; the module comes from the policy)
        at the latest block and recorded in the plan as the canonical snapshot text's hash.

        Example:
          rebalancer plan --state examples/snapshot.json --weights examples/weights.json \\
            --prices examples/prices.json --policy examples/policy.yaml --out plan.json
        """
    )

    @Option(help: "Snapshot file written by `rebalancer snapshot`.")
    var state: String?

    @OptionGroup var node: RPCOptions

    @Option(name: .customLong("set"), help: "The SetToken address (reads the state over RPC instead of --state).")
    var setToken: String?

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

    func validate() throws {
        if (state == nil) == (setToken == nil) { throw ValidationError("give either --state FILE or --rpc-url URL --set ADDR") }
        if state != nil && node.rpcURL != nil { throw ValidationError("--rpc-url reads the state; it cannot be combined with --state") }
    }

    func run() throws {
        var snapshot: (SetTokenSnapshot, InputFileDigest)?
        if let setToken {
            let policyFile = try PlanFiles.read(policy)
            let parsed = try RebalancePolicy.parse(policyFile, file: policy, yaml: !policy.lowercased().hasSuffix(".json"))
            let read = try SnapshotCommand.read(node: node, setToken: setToken, module: parsed.module.checksummed, block: nil)
            snapshot = (read, InputFileDigest(role: "snapshot", path: "rpc block \(read.block.number)",
                                              bytes: Data(read.json.encoded().utf8)))
        }
        let inputs = try PlanFiles.load(state: state, snapshot: snapshot, weights: weights, prices: prices, policy: policy)
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

    static func load(state: String?, snapshot given: (SetTokenSnapshot, InputFileDigest)? = nil, weights: String, prices: String,
                     policy: String) throws(InputFileError) -> PlanInputs {
        let weightsBytes = try read(weights), pricesBytes = try read(prices), policyBytes = try read(policy)
        let snapshot: SetTokenSnapshot, snapshotDigest: InputFileDigest
        if let given {
            (snapshot, snapshotDigest) = given
        } else {
            let path = state ?? "snapshot"
            let stateBytes = try read(path)
            snapshot = try SetTokenSnapshot.parse(stateBytes, file: path)
            snapshotDigest = InputFileDigest(role: "snapshot", path: path, bytes: stateBytes)
        }
        let weightsFile = try WeightsFile.parse(weightsBytes, file: weights)
        let sheet = try PriceSheet.parse(pricesBytes, file: prices)
        let parsedPolicy = try RebalancePolicy.parse(policyBytes, file: policy, yaml: !policy.lowercased().hasSuffix(".json"))
        return PlanInputs(snapshot: snapshot, weights: weightsFile, prices: sheet, policy: parsedPolicy, files: [
            snapshotDigest,
            InputFileDigest(role: "weights", path: weights, bytes: weightsBytes),
            InputFileDigest(role: "prices", path: prices, bytes: pricesBytes),
            InputFileDigest(role: "policy", path: policy, bytes: policyBytes),
        ])
    }
}

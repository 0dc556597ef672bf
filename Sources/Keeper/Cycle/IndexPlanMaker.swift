import AuctionPlanner
import ChainModel
import Foundation

/// Why the keeper could not plan a rebalance of an index (it logs the reason and tries again
/// after backing off: input files can be fixed, nodes come back).
public enum CyclePlanError: Error, Equatable, CustomStringConvertible {
    /// An input file is missing or malformed (file, line, field, rule).
    case input(InputFileError)
    /// The methodology's weights cannot be computed.
    case weighting(WeightingError)
    /// The trigger rules cannot be evaluated.
    case triggers(TriggerEvaluationError)
    /// The planner refused the inputs.
    case plan(PlanError)
    /// The Set's state could not be read.
    case snapshot(String)
    /// The snapshot is of another chain than the configured one.
    case chainMismatch(expected: UInt64, actual: UInt64)
    /// The plan could not be recorded.
    case keeper(KeeperError)

    public var description: String {
        switch self {
        case let .input(error): return error.description
        case let .weighting(error): return "weights: \(error)"
        case let .triggers(error): return "triggers: \(error)"
        case let .plan(error): return "plan: \(error)"
        case let .snapshot(message): return message
        case let .chainMismatch(expected, actual): return "the node serves chain \(actual), the configuration says \(expected)"
        case let .keeper(error): return error.description
        }
    }
}

/// Reads a Set's state at the latest block (over JSON-RPC in the keeper; a fixed snapshot in tests).
public protocol SetStateReading {
    /// The snapshot of `setToken` with the module's view. Throws `CyclePlanError.snapshot`.
    func snapshot(of setToken: Address, module: Address) throws(CyclePlanError) -> SetTokenSnapshot
}

/// ``SetStateReading`` over JSON-RPC at the latest block.
public struct RPCSetStateReader: SetStateReading {
    /// The node.
    public var client: RPCClient

    /// Makes a reader over `client`.
    public init(client: RPCClient) { self.client = client }

    /// The snapshot at the latest block; throws `CyclePlanError.snapshot` with the node's answer.
    public func snapshot(of setToken: Address, module: Address) throws(CyclePlanError) -> SetTokenSnapshot {
        do { return try RPCSnapshot.read(client: client, setToken: setToken, module: module, block: .latest) } catch {
            throw .snapshot(error.description)
        }
    }
}

/// The files one planned rebalance leaves in the plans directory, for review and `verify`.
public struct CyclePlanFiles: Sendable, Equatable {
    /// The on-chain state the plan starts from (`rebalancer/snapshot@1`).
    public var snapshot: String
    /// The methodology's weights (`rebalancer/weights@1`).
    public var weights: String
    /// The plan document (`rebalancer/plan@1`); its keccak256 is the plan hash operators approve.
    public var plan: String
}

/// A planned rebalance with where its files are.
public struct CyclePlan: Sendable {
    /// The record the keeper runs.
    public var rebalance: KeeperRebalance
    /// The files written.
    public var files: CyclePlanFiles
    /// The plan (tables for the log).
    public var plan: RebalancePlan
}

/// The inputs of one index read fresh from its files: methodology, market data, prices, policy.
public struct IndexInputs {
    /// The methodology.
    public var methodology: Methodology
    /// Its market data and metadata.
    public var data: MarketData
    /// The plan's prices and their file bytes.
    public var prices: PriceSheet
    /// The policy.
    public var policy: RebalancePolicy
    /// The stress inputs, when configured.
    public var stress: StressInputs?
    /// Raw bytes of the prices and policy files (their digests go into the plan).
    var pricesBytes: Data
    var policyBytes: Data

    /// Reads and parses every file of `index`. Throws `CyclePlanError.input` naming the file,
    /// line and rule.
    public static func load(_ index: IndexConfig) throws(CyclePlanError) -> IndexInputs {
        do {
            let methodology = try Methodology.parse(try MarketData.readText(path: index.methodology), file: index.methodology)
            let data = try MarketData.load(dataPaths: index.data, metadataPath: index.metadata)
            let pricesBytes = try read(index.prices), policyBytes = try read(index.policy)
            return IndexInputs(methodology: methodology, data: data, prices: try PriceSheet.parse(pricesBytes, file: index.prices),
                               policy: try RebalancePolicy.parse(policyBytes, file: index.policy, yaml: !index.policy.lowercased().hasSuffix(".json")),
                               stress: try index.stress.map { (path) throws(InputFileError) in
                                   try StressInputs.parse(try MarketData.readText(path: path), file: path)
                               },
                               pricesBytes: pricesBytes, policyBytes: policyBytes)
        } catch {
            throw .input(error)
        }
    }

    static func read(_ path: String) throws(InputFileError) -> Data {
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw InputFileError(file: path, line: nil, field: "(file)", value: path, rule: "cannot read: \(error.localizedDescription)")
        }
    }

    /// The asset id of each Set component the metadata gives an address for on the methodology's chain.
    public func assetIDs(of snapshot: SetTokenSnapshot) -> [Address: String] {
        var byAddress: [Address: String] = [:]
        for (id, meta) in data.metadata {
            if let address = meta.addresses[methodology.chain] { byAddress[address] = id }
        }
        var out: [Address: String] = [:]
        for component in snapshot.components { if let id = byAddress[component.address] { out[component.address] = id } }
        return out
    }

    /// The Set's current weights by asset id: each component's value at the plan prices (USD per
    /// whole token) over the total. Components without an asset id or a price are left out. These
    /// are statistics (the held basket for trigger rules), so they are `Double`s.
    public func currentWeights(of snapshot: SetTokenSnapshot) -> [String: Double] {
        let ids = assetIDs(of: snapshot)
        var values: [String: Double] = [:]
        for component in snapshot.components {
            guard let id = ids[component.address], let price = prices.entry(for: component.address),
                  let units = Double(component.realUnit.description) else { continue }
            values[id, default: 0] += units / pow(10, Double(component.decimals)) * price.usd.approximate
        }
        let total = values.values.reduce(0, +)
        guard total > 0 else { return [:] }
        return values.mapValues { $0 / total }
    }
}

/// Plans one rebalance of an index: reads its files and the Set's state, computes the weights
/// as of the data day, plans, writes the snapshot, weights and plan files (atomically) and
/// returns the `planned` record whose hash is that of the plan file's bytes.
public struct IndexPlanMaker {
    /// The index.
    public var index: IndexConfig
    /// The configured chain.
    public var chainID: UInt64
    /// The keeper's signing account.
    public var keeper: Address
    /// Where the files go.
    public var plansDirectory: String
    /// The Set's state.
    public var state: SetStateReading

    /// Makes a plan maker.
    public init(index: IndexConfig, chainID: UInt64, keeper: Address, plansDirectory: String, state: SetStateReading) {
        self.index = index
        self.chainID = chainID
        self.keeper = keeper
        self.plansDirectory = plansDirectory
        self.state = state
    }

    /// The file path stem of rebalance `id` in the plans directory (`/` becomes `-`).
    public func stem(_ id: String) -> String {
        plansDirectory + "/" + String(id.map { $0 == "/" ? "-" : $0 })
    }

    /// Whether the triggers fire on the latest data day, with the report. Reads the files and the
    /// Set's state (its current weights are the held basket). Throws `CyclePlanError`.
    public func evaluateTriggers() throws(CyclePlanError) -> TriggerReport {
        let inputs = try IndexInputs.load(index)
        guard let asOf = inputs.data.lastDay else {
            throw .input(InputFileError(file: index.data.joined(separator: ", "), line: nil, field: "(data)", value: "",
                                        rule: "the market data holds no observation"))
        }
        let snapshot = try state.snapshot(of: index.setToken, module: inputs.policy.module)
        do {
            return try TriggerEvaluation.evaluate(methodology: inputs.methodology, data: inputs.data, asOf: asOf,
                                                  currentWeights: inputs.currentWeights(of: snapshot), stress: inputs.stress)
        } catch {
            throw .triggers(error)
        }
    }

    /// Plans rebalance `id` with weights as of `asOf`, sendable from `startAt` until `expiresAt`
    /// (after which an unsent plan fails rather than start late). The market data must reach
    /// `asOf` (else `CyclePlanError.input`, before the chain is read). `adjustments`
    /// (relative weight changes by asset id, from fired `adjust_weight` rules) scale the
    /// methodology's weights before they are renormalised. Throws `CyclePlanError`; nothing is
    /// recorded (files may be left for inspection).
    public func makePlan(id: String, asOf: Day, startAt: Int64, expiresAt: Int64? = nil,
                         adjustments: [String: Double] = [:]) throws(CyclePlanError) -> CyclePlan {
        let inputs = try IndexInputs.load(index)
        // Weights on data that stops before the snapshot day would silently carry old prices forward.
        guard let lastDay = inputs.data.lastDay, lastDay >= asOf else {
            throw .input(InputFileError(file: index.data.joined(separator: ", "), line: nil, field: "(data)",
                                        value: inputs.data.lastDay.map { "last day \($0)" } ?? "no observation",
                                        rule: "the market data must reach the snapshot day \(asOf); refresh it (the keeper retries)"))
        }
        let snapshot = try state.snapshot(of: index.setToken, module: inputs.policy.module)
        guard snapshot.block.chainId == chainID else { throw .chainMismatch(expected: chainID, actual: snapshot.block.chainId) }
        var report: WeightsReport
        do {
            report = try IndexWeights.compute(methodology: inputs.methodology, data: inputs.data, asOf: asOf,
                                              incumbents: Set(inputs.assetIDs(of: snapshot).values))
        } catch {
            throw .weighting(error)
        }
        if !adjustments.isEmpty { report = IndexPlanMaker.adjust(report, by: adjustments) }
        let weights = WeightsFile(report: report)
        let stem = stem(id)
        let files = CyclePlanFiles(snapshot: stem + ".snapshot.json", weights: stem + ".weights.json", plan: stem + ".plan.json")
        let snapshotText = snapshot.json.encoded(), weightsText = weights.encoded()
        do {
            try FileManager.default.createDirectory(atPath: plansDirectory, withIntermediateDirectories: true)
        } catch {
            throw .input(InputFileError(file: plansDirectory, line: nil, field: "plans_dir", value: plansDirectory,
                                        rule: "cannot create the directory: \(error.localizedDescription)"))
        }
        do {
            try AtomicFile.write(snapshotText, to: files.snapshot)
            try AtomicFile.write(weightsText, to: files.weights)
        } catch {
            throw .input(error)
        }
        let plan: RebalancePlan
        do {
            plan = try Planner.plan(PlanInputs(snapshot: snapshot, weights: weights, prices: inputs.prices, policy: inputs.policy, files: [
                InputFileDigest(role: "snapshot", path: files.snapshot, bytes: Data(snapshotText.utf8)),
                InputFileDigest(role: "weights", path: files.weights, bytes: Data(weightsText.utf8)),
                InputFileDigest(role: "prices", path: index.prices, bytes: inputs.pricesBytes),
                InputFileDigest(role: "policy", path: index.policy, bytes: inputs.policyBytes),
            ]))
        } catch {
            throw .plan(error)
        }
        let document = plan.document.encoded()
        do { try AtomicFile.write(document, to: files.plan) } catch { throw .input(error) }
        do {
            let rebalance = try KeeperRebalance(id: id, index: index.name, planDocument: Array(document.utf8), keeper: keeper,
                                                startAt: startAt, expiresAt: expiresAt, module: inputs.policy.module)
            return CyclePlan(rebalance: rebalance, files: files, plan: plan)
        } catch {
            throw .keeper(error)
        }
    }

    /// `report` with each constituent's weight scaled by `1 + adjustment` and all renormalised to
    /// sum to 1 (statistics in `Double`; the weights file rounds them to 18 decimals).
    static func adjust(_ report: WeightsReport, by adjustments: [String: Double]) -> WeightsReport {
        var adjusted = report
        var total = 0.0
        for i in adjusted.rows.indices where adjusted.rows[i].included {
            adjusted.rows[i].weight *= 1 + (adjustments[adjusted.rows[i].assetId] ?? 0)
            total += adjusted.rows[i].weight
        }
        guard total > 0 else { return report }
        for i in adjusted.rows.indices where adjusted.rows[i].included { adjusted.rows[i].weight /= total }
        // Constituents by decreasing weight (ties by id), then the excluded, as the report orders them.
        adjusted.rows.sort { a, b in
            if a.included != b.included { return a.included }
            if a.included && a.weight != b.weight { return a.weight > b.weight }
            return a.assetId < b.assetId
        }
        return adjusted
    }
}

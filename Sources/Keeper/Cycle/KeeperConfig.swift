import AuctionPlanner
import ChainModel
import Foundation

/// When a configured index starts a rebalance.
public enum RebalanceStartRule: String, Sendable, Equatable, CaseIterable {
    /// On the methodology's calendar only.
    case calendar
    /// When the methodology's trigger rules say a rebalance is due (checked on each new data day).
    case triggers
    /// On the calendar, and in between when the triggers say so.
    case calendarAndTriggers = "calendar_and_triggers"

    /// Whether calendar events start rebalances.
    public var usesCalendar: Bool { self != .triggers }
    /// Whether trigger rules start rebalances.
    public var usesTriggers: Bool { self != .calendar }
}

/// How a configured index's keeper bids.
public struct IndexBiddingConfig: Sendable, Equatable {
    /// A `rebalancer/reference-prices@1` file path (absolute) or an http(s) URL serving one.
    public var referencePrices: String
    /// The edge demanded against the reference price, in basis points (below 10 000).
    public var marginBasisPoints: UInt64
    /// ERC-20 approvals the keeper sends for its bids.
    public var approvals: ApprovalPolicy
    /// Bid only on reference prices whose `as_of` is at most this many seconds old.
    public var maxAgeSeconds: Int64?

    /// Makes a bidding configuration.
    public init(referencePrices: String, marginBasisPoints: UInt64, approvals: ApprovalPolicy = .off, maxAgeSeconds: Int64? = nil) {
        self.referencePrices = referencePrices
        self.marginBasisPoints = marginBasisPoints
        self.approvals = approvals
        self.maxAgeSeconds = maxAgeSeconds
    }
}

/// One index the keeper runs: its Set, the files its plans are computed from and its switches.
public struct IndexConfig: Sendable, Equatable {
    /// The index's name: rebalance ids start with it (`<name>/<rebalance day>`).
    public var name: String
    /// The SetToken.
    public var setToken: Address
    /// The methodology (YAML): weighting, calendar and trigger rules.
    public var methodology: String
    /// Asset metadata (symbols, chain addresses, decimals).
    public var metadata: String?
    /// Market data files, re-read each time a plan is made or triggers are checked.
    public var data: [String]
    /// Prices for the plan (`rebalancer/prices@1`), re-read each time a plan is made.
    public var prices: String
    /// The rebalance policy (`rebalancer/policy@1`, YAML or JSON).
    public var policy: String
    /// Stress inputs (CSV) for the trigger rules.
    public var stress: String?
    /// When rebalances start.
    public var start: RebalanceStartRule
    /// Seconds between trigger checks (each reads the data files and the Set's state).
    public var triggerCheckSeconds: Int64
    /// The keeper's switches (approval, raise, unlock; `bidder` follows `bidding`).
    public var keeperPolicy: KeeperPolicy
    /// Bidding, when the keeper bids in this index's auctions.
    public var bidding: IndexBiddingConfig?
}

/// The keeper's configuration file (`rebalancer/keeper@1`, YAML): the journal, the chain, where
/// plans are written, and the indexes.
///
/// ```yaml
/// format: rebalancer/keeper@1
/// journal: keeper.sqlite            # paths are relative to this file's directory
/// chain_id: 1
/// rpc_url: http://127.0.0.1:8545    # optional: else --rpc-url or $ETH_RPC_URL (keep credentials out of files)
/// signer: "0x…"                     # optional: the key given to the keeper must be this account
/// plans_dir: plans                  # snapshot, weights and plan files of every rebalance
/// poll_seconds: 5
/// max_backoff_seconds: 60
/// confirmations: 1
/// indexes:
///   - name: icai
///     set_token: "0x…"
///     methodology: methodology.yaml  # its calendar and triggers
///     metadata: assets.yaml
///     data: [prices.csv]
///     prices: prices.json
///     policy: policy.yaml
///     stress: stress.csv             # optional, for trigger rules
///     start: calendar                # calendar | triggers | calendar_and_triggers
///     trigger_check_seconds: 3600    # how often triggers are evaluated (start: triggers…)
///     require_approval: true
///     raise_targets: false
///     unlock: true
///     bidding:                       # optional
///       reference_prices: https://prices.example/ic.json   # or a file path; read before every bid
///       margin_bps: 50
///       approvals: exact             # off | exact | unlimited: approve the module before a bid
///       max_age_seconds: 300         # bid only on prices whose as_of is this fresh
/// ```
public struct KeeperConfig: Sendable, Equatable {
    /// The format tag.
    public static let format = "rebalancer/keeper@1"

    /// The journal (SQLite) path.
    public var journal: String
    /// The chain every index runs on (checked against the node before anything).
    public var chainID: UInt64
    /// The node, when the file names one.
    public var rpcURL: String?
    /// The signing account the keeper must run with, when given.
    public var signer: Address?
    /// Where snapshot, weights and plan files are written.
    public var plansDirectory: String
    /// Seconds between passes when nothing progresses.
    public var pollSeconds: Double
    /// The longest wait between retries after a failure.
    public var maxBackoffSeconds: Double
    /// Confirmations each transaction waits for.
    public var confirmations: UInt64
    /// The indexes, in file order (distinct names).
    public var indexes: [IndexConfig]

    /// The index named `name`.
    public func index(named name: String) -> IndexConfig? { indexes.first { $0.name == name } }

    /// Parses a configuration. Relative paths are resolved against `directory` (the file's
    /// directory). Throws `InputFileError` naming the file, the line, the key and the rule for
    /// unknown keys, missing keys, bad values and duplicate index names.
    public static func parse(_ text: String, file: String, directory: String) throws(InputFileError) -> KeeperConfig {
        let root = try StrictYAML.root(text, file: file)
        let top = try root.fields(allowed: ["format", "journal", "chain_id", "rpc_url", "signer", "plans_dir", "poll_seconds",
                                            "max_backoff_seconds", "confirmations", "indexes"])
        func required(_ fields: [String: StrictYAML], _ key: String, in node: StrictYAML) throws(InputFileError) -> StrictYAML {
            guard let value = fields[key] else { throw node.error("missing key '\(key)'") }
            return value
        }
        func path(_ node: StrictYAML) throws(InputFileError) -> String {
            let text = try node.string()
            guard !text.isEmpty else { throw node.error("must be a non-empty path") }
            return resolve(text, directory: directory)
        }
        func address(_ node: StrictYAML) throws(InputFileError) -> Address {
            do { return try Address(try node.string()) } catch let error as InputFileError { throw error } catch {
                throw node.error("\(error)")
            }
        }
        guard try required(top, "format", in: root).string() == format else {
            throw top["format"]!.error("must be \(format)")
        }
        let chainNode = try required(top, "chain_id", in: root)
        guard let chainID = UInt64(try chainNode.string()), chainID > 0 else { throw chainNode.error("must be a positive integer chain id") }
        var rpcURL: String?
        if let node = top["rpc_url"] {
            let text = try node.string()
            do { _ = try RPCEndpoint(text) } catch {
                throw InputFileError(file: file, line: node.line, field: "rpc_url", value: "(redacted)", rule: error.description)
            }
            rpcURL = text
        }
        func seconds(_ key: String, default value: Double, range: ClosedRange<Double>) throws(InputFileError) -> Double {
            guard let node = top[key] else { return value }
            let number = try node.double()
            guard range.contains(number) else { throw node.error("must be between \(range.lowerBound) and \(range.upperBound) seconds") }
            return number
        }
        let poll = try seconds("poll_seconds", default: 5, range: 0.05...3600)
        let backoff = try seconds("max_backoff_seconds", default: max(60, poll), range: poll...86400)
        var confirmations: UInt64 = 1
        if let node = top["confirmations"] {
            guard let value = UInt64(try node.string()), (1...1000).contains(value) else { throw node.error("must be between 1 and 1000") }
            confirmations = value
        }
        let list = try required(top, "indexes", in: root)
        let items = try list.sequence()
        guard !items.isEmpty else { throw list.error("must list at least one index") }
        var indexes: [IndexConfig] = []
        for item in items {
            let f = try item.fields(allowed: ["name", "set_token", "methodology", "metadata", "data", "prices", "policy", "stress",
                                              "start", "trigger_check_seconds", "require_approval", "raise_targets", "unlock", "bidding"])
            let nameNode = try required(f, "name", in: item)
            let name = try nameNode.string()
            guard !name.isEmpty, name.count <= 60,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) else {
                throw nameNode.error("must be 1 to 60 letters, digits, '-', '_' or '.'")
            }
            guard !indexes.contains(where: { $0.name == name }) else { throw nameNode.error("duplicate index name") }
            let dataNode = try required(f, "data", in: item)
            var data: [String] = []
            for node in (dataNode.node.scalar != nil ? [dataNode] : try dataNode.sequence()) { data.append(try path(node)) }
            guard !data.isEmpty else { throw dataNode.error("must list at least one market data file") }
            var start = RebalanceStartRule.calendar
            if let node = f["start"] {
                guard let rule = RebalanceStartRule(rawValue: try node.string()) else {
                    throw node.error("must be one of \(RebalanceStartRule.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                start = rule
            }
            var triggerCheck: Int64 = 3600
            if let node = f["trigger_check_seconds"] {
                guard let value = Int64(try node.string()), (1...86_400).contains(value) else { throw node.error("must be between 1 and 86400 seconds") }
                triggerCheck = value
            }
            func flag(_ key: String, default value: Bool) throws(InputFileError) -> Bool { try f[key]?.bool() ?? value }
            var bidding: IndexBiddingConfig?
            if let node = f["bidding"] {
                let b = try node.fields(allowed: ["reference_prices", "margin_bps", "approvals", "max_age_seconds"])
                let source = try required(b, "reference_prices", in: node)
                let text = try source.string()
                guard !text.isEmpty else { throw source.error("must be a path or an http(s) URL") }
                let reference = text.hasPrefix("http://") || text.hasPrefix("https://") ? text : resolve(text, directory: directory)
                var margin: UInt64 = 50
                if let m = b["margin_bps"] {
                    guard let value = UInt64(try m.string()), value < 10_000 else { throw m.error("must be an integer below 10000") }
                    margin = value
                }
                var approvals = ApprovalPolicy.off
                if let a = b["approvals"] {
                    guard let policy = ApprovalPolicy(rawValue: try a.string()) else { throw a.error("must be off, exact or unlimited") }
                    approvals = policy
                }
                var maxAge: Int64?
                if let m = b["max_age_seconds"] {
                    guard let value = Int64(try m.string()), (1...31_536_000).contains(value) else {
                        throw m.error("must be between 1 and 31536000 seconds")
                    }
                    maxAge = value
                }
                bidding = IndexBiddingConfig(referencePrices: reference, marginBasisPoints: margin, approvals: approvals, maxAgeSeconds: maxAge)
            }
            indexes.append(IndexConfig(
                name: name, setToken: try address(try required(f, "set_token", in: item)),
                methodology: try path(try required(f, "methodology", in: item)), metadata: try f["metadata"].map(path),
                data: data, prices: try path(try required(f, "prices", in: item)), policy: try path(try required(f, "policy", in: item)),
                stress: try f["stress"].map(path), start: start, triggerCheckSeconds: triggerCheck,
                keeperPolicy: KeeperPolicy(requireApproval: try flag("require_approval", default: true), bidder: bidding != nil,
                                           raiseTargets: try flag("raise_targets", default: false), unlock: try flag("unlock", default: true)),
                bidding: bidding))
        }
        return KeeperConfig(journal: try path(try required(top, "journal", in: root)), chainID: chainID, rpcURL: rpcURL,
                            signer: try top["signer"].map(address), plansDirectory: try top["plans_dir"].map(path) ?? resolve("plans", directory: directory),
                            pollSeconds: poll, maxBackoffSeconds: backoff, confirmations: confirmations, indexes: indexes)
    }

    /// `path` when absolute, else `directory/path`.
    static func resolve(_ path: String, directory: String) -> String {
        path.hasPrefix("/") ? path : (directory.isEmpty || directory == "." ? path : directory + "/" + path)
    }
}

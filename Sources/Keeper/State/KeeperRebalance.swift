import AuctionPlanner
import ChainModel

/// One call of a plan the keeper must send: the callee, the calldata and why.
public struct PlannedCall: Sendable, Equatable {
    /// The contract called (the module or the manager extension).
    public var to: Address
    /// `selector ‖ arguments`.
    public var data: [UInt8]
    /// Why the plan makes it (shown by `keeper status`).
    public var purpose: String

    /// Makes a call.
    public init(to: Address, data: [UInt8], purpose: String) {
        self.to = to
        self.data = data
        self.purpose = purpose
    }
}

/// One rebalance of one index as the keeper tracks it: the plan it executes and its phase.
public struct KeeperRebalance: Sendable, Equatable {
    /// The rebalance's name, unique in the journal (e.g. `ic21/2026-03-31`); every intent id of
    /// the rebalance starts with it.
    public var id: String
    /// The index (its name in the keeper configuration).
    public var index: String
    /// The chain the plan is for.
    public var chainID: UInt64
    /// The keeper's signing account (the sender of every intent).
    public var keeper: Address
    /// The auction module (`bid`, `raiseAssetTargets` and `unlock` are called on it).
    public var module: Address
    /// The SetToken.
    public var setToken: Address
    /// keccak256 of the plan document (see ``KeeperRebalance/planHash(of:)``); approvals name it.
    public var planHash: Bytes32
    /// The calendar time the plan's transactions may be sent (Unix seconds, UTC wall time).
    public var startAt: Int64
    /// When the plan goes stale (Unix seconds, UTC wall time): if none of its transactions was
    /// sent by then, the rebalance fails instead of starting late on old prices. `nil`: never.
    public var expiresAt: Int64?
    /// Whether the plan locks the Set (then it must be unlocked at the end).
    public var locksSet: Bool
    /// The plan's transactions, in sending order.
    public var calls: [PlannedCall]
    /// Where the rebalance stands.
    public var phase: KeeperPhase
    /// The note of the last transition (the failure reason in `failed`, the outcome in `done`).
    public var note: String

    /// Makes a record.
    public init(id: String, index: String, chainID: UInt64, keeper: Address, module: Address, setToken: Address,
                planHash: Bytes32, startAt: Int64, expiresAt: Int64? = nil, locksSet: Bool, calls: [PlannedCall],
                phase: KeeperPhase = .planned, note: String = "") {
        self.id = id
        self.index = index
        self.chainID = chainID
        self.keeper = keeper
        self.module = module
        self.setToken = setToken
        self.planHash = planHash
        self.startAt = startAt
        self.expiresAt = expiresAt
        self.locksSet = locksSet
        self.calls = calls
        self.phase = phase
        self.note = note
    }

    /// A `planned` record executing `plan`: its transactions, module, Set, lock flag and hash.
    public init(id: String, index: String, plan: RebalancePlan, keeper: Address, startAt: Int64) {
        self.init(id: id, index: index, chainID: plan.snapshot.block.chainId, keeper: keeper, module: plan.policy.module,
                  setToken: plan.snapshot.setToken, planHash: KeeperRebalance.planHash(of: plan), startAt: startAt,
                  locksSet: plan.policy.lockSetToken,
                  calls: plan.transactions.map { PlannedCall(to: $0.to, data: $0.calldata, purpose: $0.purpose) })
    }

    /// The plan's hash: keccak256 of its canonical document (the bytes `rebalancer plan` writes),
    /// so an operator can approve exactly the file they reviewed.
    public static func planHash(of plan: RebalancePlan) -> Bytes32 {
        Keccak256.hash(Array(plan.document.encoded().utf8))
    }
}

import ChainModel
import Submission

/// What a keeper transaction is for, within its rebalance. Each kind names exactly one intent,
/// so the id is the same however often the keeper restarts.
public enum KeeperIntentKind: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The plan's transaction at this position.
    case start(Int)
    /// The keeper's bid with this sequence number (0, 1, …) in the rebalance.
    case bid(Int)
    /// The keeper's ERC-20 `approve(module, amount)` with this sequence number (0, 1, …) in the
    /// rebalance, sent to the token a bid spends before that bid.
    case approval(Int)
    /// `raiseAssetTargets(set)` on the module.
    case raiseTargets
    /// `unlock(set)` on the module.
    case unlock

    /// The suffix of the intent id: `start-0`, `bid-3`, `approve-1`, `raise-targets`, `unlock`.
    public var description: String {
        switch self {
        case let .start(position): return "start-\(position)"
        case let .bid(number): return "bid-\(number)"
        case let .approval(number): return "approve-\(number)"
        case .raiseTargets: return "raise-targets"
        case .unlock: return "unlock"
        }
    }

    /// Parses ``description``; `nil` for any other text.
    public init?(_ text: String) {
        switch text {
        case "raise-targets": self = .raiseTargets
        case "unlock": self = .unlock
        default:
            func number(after prefix: String) -> Int? {
                guard text.hasPrefix(prefix) else { return nil }
                let digits = text.dropFirst(prefix.count)
                guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { return nil }
                return Int(digits)
            }
            if let position = number(after: "start-") { self = .start(position) }
            else if let sequence = number(after: "bid-") { self = .bid(sequence) }
            else if let sequence = number(after: "approve-") { self = .approval(sequence) }
            else { return nil }
        }
    }

    /// The intent id of this kind in `rebalance`: `<rebalance id>/<kind>`.
    public func intentID(in rebalance: String) -> String { "\(rebalance)/\(description)" }
}

/// Where a keeper intent stands, combining the keeper's record with the submission journal.
public enum KeeperIntentState: Sendable, Equatable {
    /// Recorded by the keeper and not settled: submitting it again resumes it (the submitter
    /// settles what an earlier run sent instead of sending again).
    case open
    /// Included with status 1.
    case mined
    /// Included with status 0.
    case reverted
    /// Given up before anything was signed (its dry run reverted); the reason.
    case abandoned(String)

    /// The state of an intent the keeper recorded: `abandoned` when the keeper gave it up,
    /// otherwise from the journal's status (`nil` when the submitter never journaled it).
    public init(journal status: IntentStatus?, abandonedReason: String?) {
        if let abandonedReason { self = .abandoned(abandonedReason); return }
        switch status {
        case .mined?: self = .mined
        case .reverted?: self = .reverted
        case .pending?, .rejected?, nil: self = .open
        }
    }
}

/// One intent of a rebalance as the keeper sees it.
public struct KeeperIntentRecord: Sendable, Equatable {
    /// What it is for.
    public var kind: KeeperIntentKind
    /// The transaction intent (its id is `kind.intentID(in: rebalance)`).
    public var intent: TransactionIntent
    /// Where it stands.
    public var state: KeeperIntentState

    /// Makes a record.
    public init(kind: KeeperIntentKind, intent: TransactionIntent, state: KeeperIntentState) {
        self.kind = kind
        self.intent = intent
        self.state = state
    }
}

import ChainModel

/// Why the keeper's journal refused or failed.
public enum KeeperError: Error, Equatable, CustomStringConvertible {
    /// SQLite failed (path, permissions, corruption).
    case database(String)
    /// Another keeper holds the journal's lock.
    case journalLocked(path: String, holder: String)
    /// The lock file could not be opened or locked.
    case lockFailed(path: String, reason: String)
    /// A rebalance id is already recorded with another plan.
    case rebalanceConflict(id: String, recordedPlan: Bytes32, newPlan: Bytes32)
    /// An intent id is already recorded with other content.
    case intentConflict(id: String)
    /// No rebalance with this id.
    case unknownRebalance(String)
    /// No recorded rebalance has this plan hash.
    case unknownPlanHash(Bytes32, known: [Bytes32])
    /// A phase change that goes backwards or leaves a final phase.
    case invalidTransition(id: String, from: KeeperPhase, to: KeeperPhase)
    /// A stored row does not parse.
    case corruptRow(table: String, detail: String)
    /// A plan document field is missing or invalid.
    case planDocument(field: String, rule: String)
    /// A reference price file field is missing or invalid.
    case referencePrices(field: String, rule: String)

    public var description: String {
        switch self {
        case let .database(message): return "keeper journal: \(message)"
        case let .journalLocked(path, holder):
            return "journal \(path) is in use by another keeper (\(holder)); one keeper per journal, stop it first"
        case let .lockFailed(path, reason): return "journal lock \(path): \(reason)"
        case let .rebalanceConflict(id, recorded, new):
            return "rebalance \(id): already recorded with plan \(recorded), not \(new); a rebalance id names one plan"
        case let .intentConflict(id):
            return "intent \(id): already recorded with different content; an intent id names one transaction"
        case let .unknownRebalance(id): return "rebalance \(id): not in the journal"
        case let .unknownPlanHash(hash, known):
            let list = known.isEmpty ? "none recorded" : known.map(\.description).joined(separator: ", ")
            return "plan-hash: \(hash) is not the hash of any planned rebalance in the journal (known: \(list))"
        case let .invalidTransition(id, from, to):
            return "rebalance \(id): cannot move from \(from.rawValue) to \(to.rawValue); phases only move forward"
        case let .corruptRow(table, detail): return "keeper journal: unreadable row in \(table): \(detail)"
        case let .planDocument(field, rule): return "plan: \(field): \(rule)"
        case let .referencePrices(field, rule): return "reference prices: \(field): \(rule)"
        }
    }
}

import Submission

/// The one next step the keeper takes for a rebalance. The caller records it in the journal
/// before acting on it.
public enum KeeperDecision: Sendable, Equatable {
    /// Nothing to do yet; why (shown by `keeper status` and the logs).
    case wait(String)
    /// Move the rebalance to this phase (recorded with the note; no transaction).
    case transition(KeeperPhase, note: String)
    /// Record this intent (if new), then submit it; a resumed intent is settled, never re-sent.
    case submit(KeeperIntentKind, TransactionIntent)
    /// The rebalance is `done` or `failed`.
    case finished
}

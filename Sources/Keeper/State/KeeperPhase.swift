/// Where one rebalance stands in the keeper's cycle. Phases only move forward, in declaration
/// order, except that any phase may end in `failed`.
public enum KeeperPhase: String, Sendable, Equatable, CaseIterable {
    /// The plan is computed and recorded (with its hash); nothing was sent.
    case planned
    /// The plan may be executed: approved by an operator, or approval is not required.
    case approved
    /// Every transaction of the plan (`startRebalance` and its setup calls) is mined.
    case started
    /// The auction runs; the keeper bids on favourable prices if it is a bidder.
    case bidding
    /// The raise-targets step is settled (raised, or not needed).
    case raised
    /// The Set is unlocked (by the keeper, by someone else, or it was never locked).
    case unlocked
    /// The outcome is recorded; nothing more happens for this rebalance.
    case done
    /// A step could not be completed (a plan transaction reverted); needs an operator.
    case failed

    /// Whether the keeper has nothing more to do for a rebalance in this phase.
    public var isFinal: Bool { self == .done || self == .failed }
}

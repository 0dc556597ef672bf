import ChainModel

/// The module's view of a running rebalance, read at one block.
public struct AuctionObservation: Sendable, Equatable {
    /// The block's timestamp (auction timing uses chain time, never the wall clock).
    public var chainTime: UInt64
    /// `rebalanceInfo.rebalanceStartTime`.
    public var rebalanceStart: UInt64
    /// `rebalanceInfo.rebalanceDuration`.
    public var rebalanceDuration: UInt64
    /// `allTargetsMet`: every component is at its target unit.
    public var allTargetsMet: Bool
    /// `canRaiseAssetTargets(set)`.
    public var canRaiseAssetTargets: Bool
    /// `canUnlockEarly(set)`.
    public var canUnlockEarly: Bool
    /// `setToken.isLocked()`.
    public var isLocked: Bool

    /// Makes an observation.
    public init(chainTime: UInt64, rebalanceStart: UInt64, rebalanceDuration: UInt64, allTargetsMet: Bool,
                canRaiseAssetTargets: Bool, canUnlockEarly: Bool, isLocked: Bool) {
        self.chainTime = chainTime
        self.rebalanceStart = rebalanceStart
        self.rebalanceDuration = rebalanceDuration
        self.allTargetsMet = allTargetsMet
        self.canRaiseAssetTargets = canRaiseAssetTargets
        self.canUnlockEarly = canUnlockEarly
        self.isLocked = isLocked
    }

    /// Whether the rebalance duration has elapsed at `chainTime` (the module's
    /// `block.timestamp >= start + duration`, computed without overflow).
    public var durationElapsed: Bool {
        chainTime >= rebalanceStart && chainTime - rebalanceStart >= rebalanceDuration
    }
}

/// An ERC-20 `approve(spender, amount)` the keeper sends to `token` before a bid that spends
/// more of it than the current allowance.
public struct TokenApproval: Sendable, Equatable {
    /// The token the bid spends (the quote asset on sell auctions, the component on buy auctions).
    public var token: Address
    /// The auction module (it pulls the token with `transferFrom`).
    public var spender: Address
    /// The allowance to set: the bid's need (`exact`) or 2^256 − 1 (`unlimited`).
    public var amount: UInt256

    /// Makes an approval.
    public init(token: Address, spender: Address, amount: UInt256) {
        self.token = token
        self.spender = spender
        self.amount = amount
    }
}

/// How the keeper handles ERC-20 allowances to the module for its bids.
public enum ApprovalPolicy: String, Sendable, Equatable, CaseIterable {
    /// Never approve: bids are capped by min(balance, allowance).
    case off
    /// Approve exactly what the next bid spends when the allowance is short; bids are capped by the balance.
    case exact
    /// Approve 2^256 − 1 when the allowance is short; bids are capped by the balance.
    case unlimited
}

/// A bid the keeper found favourable (its sizing and price check are done by the caller
/// against the reference price, balances and allowances).
public struct BidProposal: Sendable, Equatable {
    /// The component auctioned.
    public var component: Address
    /// The quote asset.
    public var quoteAsset: Address
    /// `_componentAmount`.
    public var componentAmount: UInt256
    /// `_quoteAssetLimit`: the most quote paid (sell auction) or the least received (buy auction).
    public var quoteAssetLimit: UInt256
    /// `_isSellAuction`: the Set sells the component.
    public var isSellAuction: Bool
    /// The approval to send first, when the allowance of the spent token is below what the bid
    /// spends (only with an approval policy other than `off`); `nil` when the bid can go now.
    public var approval: TokenApproval?

    /// Makes a proposal.
    public init(component: Address, quoteAsset: Address, componentAmount: UInt256, quoteAssetLimit: UInt256, isSellAuction: Bool,
                approval: TokenApproval? = nil) {
        self.component = component
        self.quoteAsset = quoteAsset
        self.componentAmount = componentAmount
        self.quoteAssetLimit = quoteAssetLimit
        self.isSellAuction = isSellAuction
        self.approval = approval
    }
}

/// What the keeper's bid evaluation found in one step: a favourable bid, or none and (when the
/// reason is not simply "no favourable price") why not.
public struct BidObservation: Sendable, Equatable {
    /// The favourable bid, if any.
    public var proposal: BidProposal?
    /// Why no bid could be judged this step (reference prices unreadable or stale); `nil` otherwise.
    public var note: String?

    /// Makes an observation.
    public init(proposal: BidProposal?, note: String? = nil) {
        self.proposal = proposal
        self.note = note
    }
}

/// Everything the keeper knows when it decides the next step of one rebalance.
public struct KeeperObservation: Sendable, Equatable {
    /// UTC wall time, Unix seconds (the calendar's clock).
    public var wallTime: Int64
    /// Whether an operator approved the rebalance's plan hash.
    public var approved: Bool
    /// The rebalance's intents, from the keeper's records and the submission journal.
    public var intents: [KeeperIntentRecord]
    /// The module's state, once the rebalance is started (`nil` before, or when unread).
    public var auction: AuctionObservation?
    /// A favourable bid, if the keeper is a bidder and found one.
    public var bid: BidProposal?
    /// Why the keeper could not judge bids this step (shown in its wait message), if so.
    public var bidNote: String?

    /// Makes an observation.
    public init(wallTime: Int64, approved: Bool, intents: [KeeperIntentRecord], auction: AuctionObservation? = nil,
                bid: BidProposal? = nil, bidNote: String? = nil) {
        self.wallTime = wallTime
        self.approved = approved
        self.intents = intents
        self.auction = auction
        self.bid = bid
        self.bidNote = bidNote
    }
}

/// The keeper configuration's switches for one index.
public struct KeeperPolicy: Sendable, Equatable {
    /// Wait for `rebalancer approve <plan hash>` before sending anything.
    public var requireApproval: Bool
    /// The keeper bids in the auctions.
    public var bidder: Bool
    /// Call `raiseAssetTargets` when the targets are met with quote asset left.
    public var raiseTargets: Bool
    /// Call `unlock` when it is allowed.
    public var unlock: Bool

    /// Makes a policy.
    public init(requireApproval: Bool, bidder: Bool, raiseTargets: Bool, unlock: Bool) {
        self.requireApproval = requireApproval
        self.bidder = bidder
        self.raiseTargets = raiseTargets
        self.unlock = unlock
    }
}

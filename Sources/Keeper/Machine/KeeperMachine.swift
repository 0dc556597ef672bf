import ChainModel
import Submission

/// The keeper's state machine: a pure, deterministic function from a rebalance's recorded
/// state and what the keeper observes to the one next step. It does no I/O; the same record
/// and observation always give the same decision, so a restarted keeper re-derives the same
/// intents (with the same ids) and the submitter settles what was sent instead of re-sending.
public enum KeeperMachine {
    /// The next step for `rebalance`. An open intent (recorded, not settled) is always resumed
    /// first, so at most one transaction of a rebalance is in flight and none is sent twice.
    public static func decide(_ rebalance: KeeperRebalance, _ observation: KeeperObservation,
                              policy: KeeperPolicy) -> KeeperDecision {
        if rebalance.phase.isFinal { return .finished }
        if let open = observation.intents.first(where: { $0.state == .open }) {
            return .submit(open.kind, open.intent)
        }
        if rebalance.phase == .planned || rebalance.phase == .approved, let expiry = expired(rebalance, observation) {
            return .transition(.failed, note: expiry)
        }
        switch rebalance.phase {
        case .planned:
            if policy.requireApproval && !observation.approved {
                return .wait("awaiting approval of plan \(rebalance.planHash) (rebalancer approve \(rebalance.planHash))")
            }
            return .transition(.approved, note: policy.requireApproval ? "plan \(rebalance.planHash) approved" : "approval not required")
        case .approved:
            return start(rebalance, observation)
        case .started:
            return .transition(.bidding, note: policy.bidder ? "auction running; bidding" : "auction running; not a bidder")
        case .bidding:
            return bidding(rebalance, observation, policy: policy)
        case .raised:
            return unlocking(rebalance, observation, policy: policy)
        case .unlocked:
            return .transition(.done, note: outcome(rebalance, observation))
        case .done, .failed:
            return .finished
        }
    }

    /// Why the plan is stale: past its expiry with none of its transactions recorded (a plan
    /// whose sending has begun is finished, never left half-sent). `nil` while it is fresh.
    static func expired(_ rebalance: KeeperRebalance, _ observation: KeeperObservation) -> String? {
        guard let expiresAt = rebalance.expiresAt, observation.wallTime >= expiresAt else { return nil }
        let sending = observation.intents.contains { if case .start = $0.kind { return true } else { return false } }
        guard !sending else { return nil }
        return "the plan expired at \(expiresAt) (UTC Unix seconds) before any of its transactions was sent; "
            + (rebalance.phase == .planned ? "it was never approved" : "it was not sent in time") + "; plan again"
    }

    static func intent(_ rebalance: KeeperRebalance, _ kind: KeeperIntentKind, to: Address, data: [UInt8]) -> TransactionIntent {
        TransactionIntent(id: kind.intentID(in: rebalance.id), chainID: rebalance.chainID, sender: rebalance.keeper, to: to,
                          value: .zero, data: data)
    }

    static func record(_ observation: KeeperObservation, _ kind: KeeperIntentKind) -> KeeperIntentRecord? {
        observation.intents.first { $0.kind == kind }
    }

    /// The plan's transactions one at a time, from the calendar time on.
    static func start(_ rebalance: KeeperRebalance, _ observation: KeeperObservation) -> KeeperDecision {
        if observation.wallTime < rebalance.startAt {
            return .wait("start at \(rebalance.startAt) (UTC Unix seconds); now \(observation.wallTime)")
        }
        for (position, call) in rebalance.calls.enumerated() {
            let kind = KeeperIntentKind.start(position)
            switch record(observation, kind)?.state {
            case nil:
                return .submit(kind, intent(rebalance, kind, to: call.to, data: call.data))
            case .mined?:
                continue
            case .reverted?:
                return .transition(.failed, note: "plan transaction \(position) (\(call.purpose)) reverted on chain")
            case let .abandoned(reason)?:
                return .transition(.failed, note: "plan transaction \(position) (\(call.purpose)) not sent: \(reason)")
            case .open?:
                return .submit(kind, record(observation, kind)!.intent)
            }
        }
        return .transition(.started, note: "\(rebalance.calls.count) plan transaction(s) mined")
    }

    /// The next bid's kind: one past the highest bid recorded.
    static func nextBid(_ observation: KeeperObservation) -> KeeperIntentKind {
        var next = 0
        for record in observation.intents {
            if case let .bid(number) = record.kind, number >= next { next = number + 1 }
        }
        return .bid(next)
    }

    /// The next approval's kind: one past the highest approval recorded.
    static func nextApproval(_ observation: KeeperObservation) -> KeeperIntentKind {
        var next = 0
        for record in observation.intents {
            if case let .approval(number) = record.kind, number >= next { next = number + 1 }
        }
        return .approval(next)
    }

    /// Why the keeper must not approve `token` again in this rebalance, or `nil`: an earlier
    /// approval of it reverted or was abandoned (its dry run reverted), or the last two of the
    /// keeper's approvals and bids were mined approvals of it and the allowance is still short
    /// (the token does not honour `approve`). Either way a new approval would only repeat.
    static func approvalRefusal(_ observation: KeeperObservation, token: Address) -> String? {
        var trailing: [KeeperIntentRecord] = []
        for record in observation.intents {
            guard case let .approval(number) = record.kind else {
                if case .bid = record.kind { trailing.removeAll() }
                continue
            }
            guard record.intent.to == token else { continue }
            switch record.state {
            case .reverted: return "approve-\(number) of \(token.checksummed) reverted; not approving it again in this rebalance"
            case let .abandoned(reason):
                return "approve-\(number) of \(token.checksummed) not sent (\(reason)); not approving it again in this rebalance"
            case .mined: trailing.append(record)
            case .open: continue
            }
        }
        if trailing.count >= 2, case let .approval(number) = trailing.last!.kind {
            return "the allowance of \(token.checksummed) is still short after approve-\(number) was mined; not approving it again in this rebalance"
        }
        return nil
    }

    /// The favourable bid, preceded by the approval it needs; otherwise waits for `waiting`
    /// (with the reason no bid could be judged, when there is one).
    static func bidIfFavourable(_ rebalance: KeeperRebalance, _ observation: KeeperObservation, policy: KeeperPolicy,
                                waiting: String) -> KeeperDecision {
        guard policy.bidder else { return .wait(waiting) }
        guard let proposal = observation.bid else {
            return .wait(observation.bidNote.map { "\(waiting); no bid: \($0)" } ?? waiting)
        }
        if let approval = proposal.approval {
            if let refusal = approvalRefusal(observation, token: approval.token) {
                return .wait("\(waiting); no bid: \(refusal)")
            }
            let kind = nextApproval(observation)
            return .submit(kind, intent(rebalance, kind, to: approval.token,
                                        data: ModuleCalls.approve(spender: approval.spender, amount: approval.amount)))
        }
        return .submit(nextBid(observation), intent(rebalance, nextBid(observation), to: rebalance.module,
                                                    data: ModuleCalls.bid(setToken: rebalance.setToken, proposal)))
    }

    /// Bids until the targets are met or the duration elapses, then settles the raise step.
    static func bidding(_ rebalance: KeeperRebalance, _ observation: KeeperObservation, policy: KeeperPolicy) -> KeeperDecision {
        guard let auction = observation.auction else { return .wait("reading the auction state") }
        if !auction.allTargetsMet && !auction.durationElapsed {
            let end = auction.rebalanceStart &+ auction.rebalanceDuration
            return bidIfFavourable(rebalance, observation, policy: policy,
                                   waiting: "auction running until chain time \(end); chain time \(auction.chainTime)")
        }
        if auction.durationElapsed {
            let raised = record(observation, .raiseTargets)?.state == .mined
            return .transition(.raised, note: "duration elapsed at chain time \(auction.chainTime); \(raised ? "targets were raised" : "no raise")")
        }
        guard policy.raiseTargets else { return .transition(.raised, note: "targets met; raising targets not configured") }
        switch record(observation, .raiseTargets)?.state {
        case nil:
            guard auction.canRaiseAssetTargets else {
                return .transition(.raised, note: "targets met; no quote asset left to raise targets with")
            }
            return .submit(.raiseTargets, intent(rebalance, .raiseTargets, to: rebalance.module,
                                                 data: ModuleCalls.raiseAssetTargets(setToken: rebalance.setToken)))
        case .mined?:
            return .transition(.raised, note: "targets raised")
        case .reverted?:
            return .transition(.raised, note: "raiseAssetTargets reverted; continuing without a raise")
        case let .abandoned(reason)?:
            return .transition(.raised, note: "raiseAssetTargets not sent: \(reason)")
        case .open?:
            return .submit(.raiseTargets, record(observation, .raiseTargets)!.intent)
        }
    }

    /// Keeps bidding until unlocking is allowed (duration elapsed, or early when the module says
    /// so), then unlocks a locked Set.
    static func unlocking(_ rebalance: KeeperRebalance, _ observation: KeeperObservation, policy: KeeperPolicy) -> KeeperDecision {
        guard rebalance.locksSet else { return .transition(.unlocked, note: "the plan does not lock the Set") }
        guard let auction = observation.auction else { return .wait("reading the auction state") }
        if let unlock = record(observation, .unlock) {
            switch unlock.state {
            case .mined: return .transition(.unlocked, note: "unlocked by the keeper")
            case .reverted where !auction.isLocked, .abandoned where !auction.isLocked:
                return .transition(.unlocked, note: "unlocked by someone else")
            case .reverted: return .transition(.failed, note: "unlock reverted and the Set is still locked")
            case let .abandoned(reason): return .transition(.failed, note: "unlock not sent (\(reason)) and the Set is still locked")
            case .open: return .submit(.unlock, unlock.intent)
            }
        }
        if !auction.isLocked { return .transition(.unlocked, note: "the Set is not locked (unlocked by someone else)") }
        guard auction.durationElapsed || auction.canUnlockEarly else {
            return bidIfFavourable(rebalance, observation, policy: policy,
                                   waiting: "unlock allowed at chain time \(auction.rebalanceStart &+ auction.rebalanceDuration)")
        }
        guard policy.unlock else { return .wait("unlock allowed; unlocking not configured, waiting for someone else") }
        return .submit(.unlock, intent(rebalance, .unlock, to: rebalance.module, data: ModuleCalls.unlock(setToken: rebalance.setToken)))
    }

    /// The outcome line recorded with `done`.
    static func outcome(_ rebalance: KeeperRebalance, _ observation: KeeperObservation) -> String {
        let bids = observation.intents.filter { if case .bid = $0.kind { return $0.state == .mined } else { return false } }.count
        let targets = observation.auction.map { $0.allTargetsMet ? "all targets met" : "targets not all met" } ?? "auction state unread"
        return "\(targets); \(bids) bid(s) by the keeper mined"
    }
}

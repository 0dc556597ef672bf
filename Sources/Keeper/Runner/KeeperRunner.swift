import ChainModel
import Submission
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The UTC wall clock the calendar runs on.
public protocol KeeperClock {
    /// Now, in Unix seconds.
    func now() -> Int64
}

/// What the keeper reads from the chain and its price source for a started rebalance.
public protocol KeeperChainReading {
    /// The module's state of `rebalance` at the latest block. Throws `KeeperRunError.chain`
    /// when the node cannot be read (the caller backs off and retries).
    func auction(of rebalance: KeeperRebalance) throws(KeeperRunError) -> AuctionObservation
    /// A favourable bid within balance and allowance limits, or `nil`.
    func bid(for rebalance: KeeperRebalance, auction: AuctionObservation) throws(KeeperRunError) -> BidProposal?
    /// A favourable bid, or none with the reason when bids could not be judged (reference prices
    /// unreadable or stale: not an error, the keeper keeps raising and unlocking). Throws
    /// `KeeperRunError.chain` when the node cannot be read.
    func observeBid(for rebalance: KeeperRebalance, auction: AuctionObservation) throws(KeeperRunError) -> BidObservation
}

extension KeeperChainReading {
    /// ``bid(for:auction:)`` without a note.
    public func observeBid(for rebalance: KeeperRebalance, auction: AuctionObservation) throws(KeeperRunError) -> BidObservation {
        BidObservation(proposal: try bid(for: rebalance, auction: auction))
    }
}

/// Sends one intent and returns once it is settled in the submission journal (mined or
/// reverted). Submitting an intent the journal already holds settles it, never re-sends it.
public protocol KeeperSubmitting {
    /// Submits (or resumes) `intent` and returns once it is settled. Throws `SubmissionError`;
    /// `.dryRunReverted` means nothing was signed.
    func submitAndSettle(_ intent: TransactionIntent) throws(SubmissionError)
}

extension Submitter: KeeperSubmitting {
    /// Submits (or resumes) `intent` through ``Submitter/submit(_:)``, which returns once it is
    /// settled at the configured depth. Throws what `submit` throws.
    public func submitAndSettle(_ intent: TransactionIntent) throws(SubmissionError) {
        _ = try submit(intent)
    }
}

/// Why a keeper step stopped.
public enum KeeperRunError: Error, Equatable, CustomStringConvertible {
    /// The keeper's journal failed or refused.
    case keeper(KeeperError)
    /// A submission failed in a way that needs a retry or an operator (the journal says what was sent).
    case submission(SubmissionError)
    /// The chain or the price source could not be read.
    case chain(String)

    public var description: String {
        switch self {
        case let .keeper(error): return error.description
        case let .submission(error): return error.description
        case let .chain(message): return "chain: \(message)"
        }
    }

    /// Whether backing off and retrying the step can help: node, price-source and fee trouble
    /// can pass; a wrong chain id, a journal failure, the wrong key or a nonce used outside the
    /// journal cannot, and stop the keeper.
    public var isRetryable: Bool {
        switch self {
        case .keeper: return false
        case .chain: return true
        case let .submission(error):
            switch error {
            case let .rpc(inner):
                if case .chainMismatch = inner.underlying { return false }
                return true
            case .fees, .unsettledIntent, .rejected, .broadcastUnknown, .timedOut: return true
            case .journal, .wrongKey, .dryRunReverted, .forcedWithoutGasLimit, .nonceConflict, .nonceTakenElsewhere: return false
            }
        }
    }
}

/// Runs the keeper's cycle for rebalances in the journal one step at a time: observe, decide
/// with ``KeeperMachine``, record the decision, then act. A step interrupted at any point is
/// redone from the journal by the next step (after a restart too) without a second transaction.
public struct KeeperRunner {
    /// The keeper's tables.
    public var store: KeeperStore
    /// The submission journal (same file).
    public var journal: Journal
    /// The chain and price reads.
    public var chain: KeeperChainReading
    /// The transaction sender.
    public var submitter: KeeperSubmitting
    /// The wall clock.
    public var clock: KeeperClock
    /// The index's switches.
    public var policy: KeeperPolicy

    /// Makes a runner.
    public init(store: KeeperStore, journal: Journal, chain: KeeperChainReading, submitter: KeeperSubmitting,
                clock: KeeperClock, policy: KeeperPolicy) {
        self.store = store
        self.journal = journal
        self.chain = chain
        self.submitter = submitter
        self.clock = clock
        self.policy = policy
    }

    /// The decisions the keeper would take for `id` now without sending anything: each
    /// transition is applied to `store` (give the runner a copy of the journal), and it stops at
    /// the first submit, wait or finish, or after `maxSteps`. The submitter is never called.
    /// Throws `KeeperRunError` when the journal or the chain cannot be read.
    public func preview(_ id: String, maxSteps: Int = 16) throws(KeeperRunError) -> [KeeperDecision] {
        var decisions: [KeeperDecision] = []
        for _ in 0..<maxSteps {
            let rebalance: KeeperRebalance
            do throws(KeeperError) {
                guard let found = try store.rebalance(id) else { throw KeeperError.unknownRebalance(id) }
                rebalance = found
            } catch { throw .keeper(error) }
            let decision = KeeperMachine.decide(rebalance, try observe(rebalance), policy: policy)
            decisions.append(decision)
            guard case let .transition(phase, note) = decision else { break }
            do { try store.transition(id, to: phase, note: note) } catch { throw .keeper(error) }
        }
        return decisions
    }

    static let observesChain: Set<KeeperPhase> = [.bidding, .raised, .unlocked]

    /// What the keeper observes for `rebalance` now.
    public func observe(_ rebalance: KeeperRebalance) throws(KeeperRunError) -> KeeperObservation {
        do {
            let intents = try store.intents(of: rebalance.id, journal: journal)
            var observation = KeeperObservation(wallTime: clock.now(), approved: try store.isApproved(rebalance.planHash), intents: intents)
            if KeeperRunner.observesChain.contains(rebalance.phase) {
                let auction = try chain.auction(of: rebalance)
                observation.auction = auction
                if policy.bidder && rebalance.phase != .unlocked {
                    let bid = try chain.observeBid(for: rebalance, auction: auction)
                    observation.bid = bid.proposal
                    observation.bidNote = bid.note
                }
            }
            return observation
        } catch let error as KeeperError {
            throw .keeper(error)
        } catch let error as KeeperRunError {
            throw error
        } catch {
            throw .chain("\(error)")
        }
    }

    /// Takes one step for the rebalance `id` and returns the decision it carried out. A new
    /// intent is recorded before it is submitted; a dry-run revert abandons it (nothing signed).
    /// Throws `KeeperRunError` with the journal consistent: the next step resumes.
    @discardableResult
    public func step(_ id: String) throws(KeeperRunError) -> KeeperDecision {
        let rebalance: KeeperRebalance
        do throws(KeeperError) {
            guard let found = try store.rebalance(id) else { throw KeeperError.unknownRebalance(id) }
            rebalance = found
        } catch { throw .keeper(error) }
        let decision = KeeperMachine.decide(rebalance, try observe(rebalance), policy: policy)
        switch decision {
        case .wait, .finished:
            break
        case let .transition(phase, note):
            do { try store.transition(id, to: phase, note: note) } catch { throw .keeper(error) }
        case let .submit(kind, intent):
            do { try store.recordIntent(intent, kind: kind, rebalanceID: id) } catch { throw .keeper(error) }
            do {
                try submitter.submitAndSettle(intent)
            } catch let .dryRunReverted(reason) {
                do { try store.abandonIntent(intent.id, reason: "dry run reverted: \(reason.executionSummary)") } catch { throw .keeper(error) }
            } catch {
                throw .submission(error)
            }
        }
        return decision
    }
}

/// The system's UTC wall clock.
public struct SystemKeeperClock: KeeperClock {
    /// Makes the system clock.
    public init() {}

    /// Unix seconds now (`time(2)`).
    public func now() -> Int64 { Int64(time(nil)) }
}

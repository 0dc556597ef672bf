import ChainModel
import Foundation
import Keeper
import Submission

/// Addresses used by the keeper tests.
enum Fixture {
    static let keeper = try! Address("0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF")
    static let module = try! Address("0x1111111111111111111111111111111111111111")
    static let setToken = try! Address("0x2222222222222222222222222222222222222222")
    static let component = try! Address("0x3333333333333333333333333333333333333333")
    static let quote = try! Address("0x4444444444444444444444444444444444444444")
    static let planHash = Keccak256.hash(utf8: "plan A")
    static let startAt: Int64 = 1_775_000_000

    static func rebalance(id: String = "ic21/2026-03-31", locks: Bool = true, planHash: Bytes32 = Fixture.planHash) -> KeeperRebalance {
        KeeperRebalance(id: id, index: "ic21", chainID: 31337, keeper: keeper, module: module, setToken: setToken,
                        planHash: planHash, startAt: startAt, locksSet: locks,
                        calls: [PlannedCall(to: module, data: [0xaa, 0x01], purpose: "allow the policy's bidders"),
                                PlannedCall(to: module, data: [0xbb, 0x02], purpose: "startRebalance")])
    }

    static func temporaryJournal() -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("keeper-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent("journal.sqlite").path
    }
}

/// Where the fake submitter stops as if the process were killed there.
enum CrashPoint: CaseIterable {
    /// On entry, after the keeper recorded the intent.
    case beforeJournal
    /// After the journal holds the intent, before the transaction reaches the chain.
    case afterJournal
    /// After the transaction is on chain, before the journal knows it is mined.
    case afterBroadcast
}

/// A fake world: wall clock, chain time, a module whose state follows the mined transactions,
/// and a submitter that journals like `Submitter` (record, broadcast, settle; a journaled intent
/// is settled by looking at the chain, never sent again). It counts every transaction that
/// reaches the chain per intent id.
final class FakeWorld: KeeperClock, KeeperChainReading, KeeperSubmitting {
    var wall: Int64 = Fixture.startAt - 600
    var chainTime: UInt64 = UInt64(Fixture.startAt - 600)
    var journal: Journal
    var crash: CrashPoint?
    /// Intent ids (bids or approvals) whose dry run reverts.
    var revertingBids: Set<String> = []
    /// Each bid first needs an approval of the quote asset (as with `--approvals exact`).
    var needsApprovals = false
    /// When set, the price source fails with this note and no bid is proposed.
    var priceNote: String?
    /// Intent id → transactions that reached the chain.
    var executed: [String: Int] = [:]
    /// Intent ids in the order they reached the chain.
    var chainOrder: [String] = []
    /// Calldata of each executed intent.
    var calldata: [String: [UInt8]] = [:]
    var wallAtFirstExecution: Int64?
    var nonce: UInt64 = 0

    let duration: UInt64 = 3_600
    let bidsNeeded = 2
    var rebalanceStart: UInt64 = 0
    var bidsMined = 0
    var approvalsMined = 0
    var raised = false
    var locked = false
    var locksSet = true
    var callCount = 2

    init(journal: Journal) { self.journal = journal }

    func advance(_ seconds: Int64) {
        wall += seconds
        chainTime += UInt64(seconds)
    }

    func now() -> Int64 { wall }

    func auction(of rebalance: KeeperRebalance) throws(KeeperRunError) -> AuctionObservation {
        AuctionObservation(chainTime: chainTime, rebalanceStart: rebalanceStart, rebalanceDuration: duration,
                           allTargetsMet: bidsMined >= bidsNeeded, canRaiseAssetTargets: bidsMined >= bidsNeeded && !raised,
                           canUnlockEarly: false, isLocked: locked)
    }

    func bid(for rebalance: KeeperRebalance, auction: AuctionObservation) throws(KeeperRunError) -> BidProposal? {
        guard !auction.allTargetsMet, !auction.durationElapsed else { return nil }
        let approval = needsApprovals && approvalsMined <= bidsMined
            ? TokenApproval(token: Fixture.quote, spender: Fixture.module, amount: UInt256(UInt64(5_000))) : nil
        return BidProposal(component: Fixture.component, quoteAsset: Fixture.quote, componentAmount: UInt256(UInt64(100 + bidsMined)),
                           quoteAssetLimit: UInt256(UInt64(5_000)), isSellAuction: true, approval: approval)
    }

    func observeBid(for rebalance: KeeperRebalance, auction: AuctionObservation) throws(KeeperRunError) -> BidObservation {
        if let priceNote { return BidObservation(proposal: nil, note: priceNote) }
        return BidObservation(proposal: try bid(for: rebalance, auction: auction))
    }

    func crashed(_ intent: TransactionIntent) -> SubmissionError {
        .timedOut(intent: intent.id, seconds: 0, hashes: [])
    }

    func submitAndSettle(_ intent: TransactionIntent) throws(SubmissionError) {
        if crash == .beforeJournal { crash = nil; throw crashed(intent) }
        let existing: JournaledIntent?
        do { existing = try journal.intent(intent.id) } catch { throw .journal(error) }
        if let existing {
            if existing.status == .mined { return }
            if executed[intent.id, default: 0] > 0 {
                do { try journal.setIntentStatus(intent.id, .mined) } catch { throw .journal(error) }
                return
            }
        } else {
            if revertingBids.contains(intent.id) { throw .dryRunReverted(.error("price moved")) }
            do { try journal.recordIntent(intent, nonce: nonce) } catch { throw .journal(error) }
            nonce += 1
        }
        if crash == .afterJournal { crash = nil; throw crashed(intent) }
        execute(intent)
        if crash == .afterBroadcast { crash = nil; throw crashed(intent) }
        do { try journal.setIntentStatus(intent.id, .mined) } catch { throw .journal(error) }
    }

    func execute(_ intent: TransactionIntent) {
        executed[intent.id, default: 0] += 1
        chainOrder.append(intent.id)
        calldata[intent.id] = intent.data
        if wallAtFirstExecution == nil { wallAtFirstExecution = wall }
        let kind = KeeperIntentKind(String(intent.id.split(separator: "/").last!))!
        switch kind {
        case let .start(position):
            if position == callCount - 1 {
                rebalanceStart = chainTime
                locked = locksSet
            }
        case .bid: bidsMined += 1
        case .approval: approvalsMined += 1
        case .raiseTargets: raised = true
        case .unlock: locked = false
        }
    }
}

import ChainModel
import Keeper
import Submission
import XCTest

/// The pure step function: one decision per recorded phase and observation.
final class KeeperMachineTests: XCTestCase {
    let policy = KeeperPolicy(requireApproval: true, bidder: true, raiseTargets: true, unlock: true)

    func rebalance(_ phase: KeeperPhase, locks: Bool = true) -> KeeperRebalance {
        var r = Fixture.rebalance(locks: locks)
        r.phase = phase
        return r
    }

    func intent(_ kind: KeeperIntentKind, data: [UInt8]) -> TransactionIntent {
        TransactionIntent(id: kind.intentID(in: "ic21/2026-03-31"), chainID: 31337, sender: Fixture.keeper, to: Fixture.module,
                          value: .zero, data: data)
    }

    func record(_ kind: KeeperIntentKind, _ state: KeeperIntentState, data: [UInt8] = [0xbb, 0x02]) -> KeeperIntentRecord {
        KeeperIntentRecord(kind: kind, intent: intent(kind, data: data), state: state)
    }

    func auction(chainTime: UInt64 = 1_000, met: Bool = false, canRaise: Bool = false, early: Bool = false,
                 locked: Bool = true) -> AuctionObservation {
        AuctionObservation(chainTime: chainTime, rebalanceStart: 900, rebalanceDuration: 600, allTargetsMet: met,
                           canRaiseAssetTargets: canRaise, canUnlockEarly: early, isLocked: locked)
    }

    let bid = BidProposal(component: Fixture.component, quoteAsset: Fixture.quote, componentAmount: UInt256(UInt64(7)),
                          quoteAssetLimit: UInt256(UInt64(9)), isSellAuction: false)

    func decide(_ r: KeeperRebalance, _ o: KeeperObservation, _ p: KeeperPolicy? = nil) -> KeeperDecision {
        KeeperMachine.decide(r, o, policy: p ?? policy)
    }

    func testIntentIDsAreDerivedFromTheRebalanceAndKindAndParseBack() {
        let kinds: [KeeperIntentKind] = [.start(0), .start(12), .bid(0), .bid(345), .approval(0), .approval(17), .raiseTargets, .unlock]
        XCTAssertEqual(kinds.map { $0.intentID(in: "ic21/q1") },
                       ["ic21/q1/start-0", "ic21/q1/start-12", "ic21/q1/bid-0", "ic21/q1/bid-345", "ic21/q1/approve-0", "ic21/q1/approve-17",
                        "ic21/q1/raise-targets", "ic21/q1/unlock"])
        for kind in kinds { XCTAssertEqual(KeeperIntentKind(kind.description), kind) }
        for bad in ["", "start-", "bid-x", "start--1", "bid-1234567890", "unlock ", "Start-1", "bid-1a", "approve-", "approval-1", "approve-+1"] {
            XCTAssertNil(KeeperIntentKind(bad), bad)
        }
    }

    func testPlannedWaitsForApprovalUnlessNotRequired() {
        let waiting = decide(rebalance(.planned), KeeperObservation(wallTime: Fixture.startAt + 10, approved: false, intents: []))
        XCTAssertEqual(waiting, .wait("awaiting approval of plan \(Fixture.planHash) (rebalancer approve \(Fixture.planHash))"))
        XCTAssertEqual(decide(rebalance(.planned), KeeperObservation(wallTime: 0, approved: true, intents: [])),
                       .transition(.approved, note: "plan \(Fixture.planHash) approved"))
        var open = policy
        open.requireApproval = false
        XCTAssertEqual(decide(rebalance(.planned), KeeperObservation(wallTime: 0, approved: false, intents: []), open),
                       .transition(.approved, note: "approval not required"))
    }

    func testApprovedWaitsForTheCalendarThenSendsThePlanInOrder() {
        let r = rebalance(.approved)
        XCTAssertEqual(decide(r, KeeperObservation(wallTime: Fixture.startAt - 1, approved: true, intents: [])),
                       .wait("start at \(Fixture.startAt) (UTC Unix seconds); now \(Fixture.startAt - 1)"))
        XCTAssertEqual(decide(r, KeeperObservation(wallTime: Fixture.startAt, approved: true, intents: [])),
                       .submit(.start(0), intent(.start(0), data: [0xaa, 0x01])))
        let first = record(.start(0), .mined, data: [0xaa, 0x01])
        XCTAssertEqual(decide(r, KeeperObservation(wallTime: Fixture.startAt, approved: true, intents: [first])),
                       .submit(.start(1), intent(.start(1), data: [0xbb, 0x02])))
        XCTAssertEqual(decide(r, KeeperObservation(wallTime: Fixture.startAt, approved: true, intents: [first, record(.start(1), .mined)])),
                       .transition(.started, note: "2 plan transaction(s) mined"))
        XCTAssertEqual(decide(r, KeeperObservation(wallTime: Fixture.startAt, approved: true, intents: [first, record(.start(1), .reverted)])),
                       .transition(.failed, note: "plan transaction 1 (startRebalance) reverted on chain"))
        XCTAssertEqual(decide(r, KeeperObservation(wallTime: Fixture.startAt, approved: true,
                                                   intents: [record(.start(0), .abandoned("dry run reverted: x"), data: [0xaa, 0x01])])),
                       .transition(.failed, note: "plan transaction 0 (allow the policy's bidders) not sent: dry run reverted: x"))
    }

    /// An unsent plan past its expiry fails (approved late or never); one whose sending began is finished.
    func testAnUnsentPlanFailsAtItsExpiryButAPlanBeingSentIsFinished() {
        var planned = rebalance(.planned)
        planned.expiresAt = Fixture.startAt + 3_600
        let late = KeeperObservation(wallTime: Fixture.startAt + 3_600, approved: true, intents: [])
        XCTAssertEqual(decide(planned, KeeperObservation(wallTime: Fixture.startAt + 3_599, approved: false, intents: [])),
                       .wait("awaiting approval of plan \(Fixture.planHash) (rebalancer approve \(Fixture.planHash))"))
        XCTAssertEqual(decide(planned, late), .transition(.failed, note: "the plan expired at \(Fixture.startAt + 3_600) (UTC Unix seconds) "
                                                             + "before any of its transactions was sent; it was never approved; plan again"))
        var approved = planned
        approved.phase = .approved
        XCTAssertEqual(decide(approved, late), .transition(.failed, note: "the plan expired at \(Fixture.startAt + 3_600) (UTC Unix seconds) "
                                                              + "before any of its transactions was sent; it was not sent in time; plan again"))
        let first = record(.start(0), .mined, data: [0xaa, 0x01])
        XCTAssertEqual(decide(approved, KeeperObservation(wallTime: Fixture.startAt + 7_200, approved: true, intents: [first])),
                       .submit(.start(1), intent(.start(1), data: [0xbb, 0x02])))
        XCTAssertEqual(decide(rebalance(.approved), late), .submit(.start(0), intent(.start(0), data: [0xaa, 0x01])), "no expiry: never stale")
    }

    func testAnOpenIntentIsResumedBeforeAnythingElseWithItsRecordedContent() {
        // A recorded bid whose price is stale is still the one resumed: the journal may hold its transaction.
        let stale = record(.bid(3), .open, data: [1, 2, 3])
        let o = KeeperObservation(wallTime: 0, approved: false, intents: [record(.start(0), .mined), stale],
                                  auction: auction(met: true, canRaise: true), bid: bid)
        for phase in [KeeperPhase.planned, .approved, .bidding, .raised] {
            XCTAssertEqual(decide(rebalance(phase), o), .submit(.bid(3), stale.intent), "\(phase)")
        }
        XCTAssertEqual(decide(rebalance(.done), o), .finished)
        XCTAssertEqual(decide(rebalance(.failed), o), .finished)
    }

    func testBiddingBidsWithTheNextNumberOnlyAsABidderAndWhileRunning() {
        let r = rebalance(.bidding)
        let earlier = [record(.bid(0), .mined), record(.bid(1), .abandoned("dry run reverted: x"))]
        let running = KeeperObservation(wallTime: 0, approved: true, intents: earlier, auction: auction(), bid: bid)
        XCTAssertEqual(decide(r, running), .submit(.bid(2), intent(.bid(2), data: ModuleCalls.bid(setToken: Fixture.setToken, bid))))
        var noBid = running
        noBid.bid = nil
        XCTAssertEqual(decide(r, noBid), .wait("auction running until chain time 1500; chain time 1000"))
        var observer = policy
        observer.bidder = false
        XCTAssertEqual(decide(r, running, observer), .wait("auction running until chain time 1500; chain time 1000"))
        XCTAssertEqual(decide(r, KeeperObservation(wallTime: 0, approved: true, intents: [])), .wait("reading the auction state"))
    }

    func approvalRecord(_ number: Int, _ state: KeeperIntentState, token: Address = Fixture.quote) -> KeeperIntentRecord {
        let kind = KeeperIntentKind.approval(number)
        return KeeperIntentRecord(kind: kind, intent: TransactionIntent(id: kind.intentID(in: "ic21/2026-03-31"), chainID: 31337, sender: Fixture.keeper,
                                                                       to: token, value: .zero, data: [0x09, 0x5e, 0xa7, 0xb3]), state: state)
    }

    func testABidNeedingAnApprovalSendsTheApprovalToTheTokenFirst() {
        let r = rebalance(.bidding)
        var needy = bid
        needy.approval = TokenApproval(token: Fixture.quote, spender: Fixture.module, amount: UInt256(UInt64(9)))
        let o = KeeperObservation(wallTime: 0, approved: true, intents: [approvalRecord(0, .mined), record(.bid(0), .mined)],
                                  auction: auction(), bid: needy)
        let approve = KeeperIntentKind.approval(1)
        XCTAssertEqual(decide(r, o), .submit(approve, TransactionIntent(
            id: "ic21/2026-03-31/approve-1", chainID: 31337, sender: Fixture.keeper, to: Fixture.quote, value: .zero,
            data: ModuleCalls.approve(spender: Fixture.module, amount: UInt256(UInt64(9))))))
        // Once mined, the reader sees the allowance and proposes the bid alone: bid-1.
        var after = o
        after.intents.append(approvalRecord(1, .mined))
        after.bid = bid
        XCTAssertEqual(decide(r, after), .submit(.bid(1), intent(.bid(1), data: ModuleCalls.bid(setToken: Fixture.setToken, bid))))
        // An open approval is resumed, never a new one.
        var open = o
        open.intents.append(approvalRecord(1, .open))
        XCTAssertEqual(decide(r, open), .submit(approve, open.intents.last!.intent))
        // Also while waiting to unlock.
        XCTAssertEqual(decide(rebalance(.raised), KeeperObservation(wallTime: 0, approved: true, intents: o.intents, auction: auction(met: true), bid: needy)),
                       decide(r, o))
    }

    func testAFailedApprovalStopsApprovingThatTokenForTheRebalance() {
        let r = rebalance(.bidding)
        var needy = bid
        needy.approval = TokenApproval(token: Fixture.quote, spender: Fixture.module, amount: .max)
        let waiting = "auction running until chain time 1500; chain time 1000; no bid: "
        let quote = Fixture.quote.checksummed
        for (intents, reason) in [
            ([approvalRecord(0, .reverted)], "approve-0 of \(quote) reverted; not approving it again in this rebalance"),
            ([approvalRecord(0, .abandoned("dry run reverted: paused")), record(.bid(0), .mined)],
             "approve-0 of \(quote) not sent (dry run reverted: paused); not approving it again in this rebalance"),
            ([approvalRecord(0, .mined), approvalRecord(1, .mined)],
             "the allowance of \(quote) is still short after approve-1 was mined; not approving it again in this rebalance"),
        ] {
            XCTAssertEqual(decide(r, KeeperObservation(wallTime: 0, approved: true, intents: intents, auction: auction(), bid: needy)),
                           .wait(waiting + reason))
        }
        // Another token's failure, or mined approvals separated by a bid, do not stop it.
        for intents in [[approvalRecord(0, .reverted, token: Fixture.component)],
                        [approvalRecord(0, .mined), record(.bid(0), .mined), approvalRecord(1, .mined)]] {
            let o = KeeperObservation(wallTime: 0, approved: true, intents: intents, auction: auction(), bid: needy)
            guard case .submit(.approval(intents.count == 1 ? 1 : 2), _) = decide(r, o) else { return XCTFail("\(decide(r, o))") }
        }
        // A bid that needs no approval still goes after a failed approval.
        XCTAssertEqual(decide(r, KeeperObservation(wallTime: 0, approved: true, intents: [approvalRecord(0, .reverted)], auction: auction(), bid: bid)),
                       .submit(.bid(0), intent(.bid(0), data: ModuleCalls.bid(setToken: Fixture.setToken, bid))))
    }

    func testAnUnjudgedBidShowsWhyInTheWaitWithoutBlockingTheRaise() {
        let r = rebalance(.bidding)
        let note = "reference prices http://p.test/: HTTP status 404, expected 200"
        XCTAssertEqual(decide(r, KeeperObservation(wallTime: 0, approved: true, intents: [], auction: auction(), bidNote: note)),
                       .wait("auction running until chain time 1500; chain time 1000; no bid: " + note))
        XCTAssertEqual(decide(r, KeeperObservation(wallTime: 0, approved: true, intents: [], auction: auction(met: true, canRaise: true), bidNote: note)),
                       .submit(.raiseTargets, intent(.raiseTargets, data: ModuleCalls.raiseAssetTargets(setToken: Fixture.setToken))))
        XCTAssertEqual(decide(rebalance(.raised), KeeperObservation(wallTime: 0, approved: true, intents: [], auction: auction(met: true, early: true), bidNote: note)),
                       .submit(.unlock, intent(.unlock, data: ModuleCalls.unlock(setToken: Fixture.setToken))))
    }

    func testBiddingEndsWithARaiseWhenConfiguredAndPossible() {
        let r = rebalance(.bidding)
        func o(_ a: AuctionObservation, _ intents: [KeeperIntentRecord] = []) -> KeeperObservation {
            KeeperObservation(wallTime: 0, approved: true, intents: intents, auction: a, bid: bid)
        }
        XCTAssertEqual(decide(r, o(auction(met: true, canRaise: true))),
                       .submit(.raiseTargets, intent(.raiseTargets, data: ModuleCalls.raiseAssetTargets(setToken: Fixture.setToken))))
        XCTAssertEqual(decide(r, o(auction(met: true, canRaise: true), [record(.raiseTargets, .mined)])),
                       .transition(.raised, note: "targets raised"))
        XCTAssertEqual(decide(r, o(auction(met: true, canRaise: true), [record(.raiseTargets, .reverted)])),
                       .transition(.raised, note: "raiseAssetTargets reverted; continuing without a raise"))
        XCTAssertEqual(decide(r, o(auction(met: true, canRaise: false))),
                       .transition(.raised, note: "targets met; no quote asset left to raise targets with"))
        var noRaise = policy
        noRaise.raiseTargets = false
        XCTAssertEqual(decide(r, o(auction(met: true, canRaise: true)), noRaise),
                       .transition(.raised, note: "targets met; raising targets not configured"))
        // Chain time, not the wall clock: 900 + 600 = 1500 ends it.
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_499))), .submit(.bid(0), intent(.bid(0), data: ModuleCalls.bid(setToken: Fixture.setToken, bid))))
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_500, canRaise: true))),
                       .transition(.raised, note: "duration elapsed at chain time 1500; no raise"))
        // Raised, bid on again, not all met when the duration ends.
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_500), [record(.raiseTargets, .mined)])),
                       .transition(.raised, note: "duration elapsed at chain time 1500; targets were raised"))
    }

    func testUnlockWhenAllowedOnlyForALockedSet() {
        func o(_ a: AuctionObservation, _ intents: [KeeperIntentRecord] = [], bid: BidProposal? = nil) -> KeeperObservation {
            KeeperObservation(wallTime: 0, approved: true, intents: intents, auction: a, bid: bid)
        }
        let r = rebalance(.raised)
        let unlock = TransactionIntent(id: "ic21/2026-03-31/unlock", chainID: 31337, sender: Fixture.keeper, to: Fixture.module,
                                       value: .zero, data: ModuleCalls.unlock(setToken: Fixture.setToken))
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_499))), .wait("unlock allowed at chain time 1500"))
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_499), bid: bid)),
                       .submit(.bid(0), intent(.bid(0), data: ModuleCalls.bid(setToken: Fixture.setToken, bid))))
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_499, early: true))), .submit(.unlock, unlock))
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_500))), .submit(.unlock, unlock))
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_500), [record(.unlock, .mined)])),
                       .transition(.unlocked, note: "unlocked by the keeper"))
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_500, locked: false), [record(.unlock, .reverted)])),
                       .transition(.unlocked, note: "unlocked by someone else"))
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_500), [record(.unlock, .reverted)])),
                       .transition(.failed, note: "unlock reverted and the Set is still locked"))
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_200, locked: false))),
                       .transition(.unlocked, note: "the Set is not locked (unlocked by someone else)"))
        XCTAssertEqual(decide(rebalance(.raised, locks: false), o(auction())),
                       .transition(.unlocked, note: "the plan does not lock the Set"))
        var noUnlock = policy
        noUnlock.unlock = false
        XCTAssertEqual(decide(r, o(auction(chainTime: 1_500)), noUnlock),
                       .wait("unlock allowed; unlocking not configured, waiting for someone else"))
    }

    func testDurationElapsedHasNoOverflow() {
        XCTAssertFalse(AuctionObservation(chainTime: 5, rebalanceStart: 10, rebalanceDuration: 0, allTargetsMet: false,
                                          canRaiseAssetTargets: false, canUnlockEarly: false, isLocked: true).durationElapsed)
        XCTAssertTrue(AuctionObservation(chainTime: .max, rebalanceStart: 1, rebalanceDuration: .max - 1, allTargetsMet: false,
                                         canRaiseAssetTargets: false, canUnlockEarly: false, isLocked: true).durationElapsed)
        XCTAssertFalse(AuctionObservation(chainTime: .max - 1, rebalanceStart: 1, rebalanceDuration: .max - 1, allTargetsMet: false,
                                          canRaiseAssetTargets: false, canUnlockEarly: false, isLocked: true).durationElapsed)
    }
}

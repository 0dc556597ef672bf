import ChainModel
import Foundation
import Keeper
import Submission
import TestSupport
import XCTest

/// The keeper's cycle on a fake chain and clock, over the real journal (SQLite file): the whole
/// cycle, approval, abandoned bids, and kills at random points with exactly-once checks.
final class KeeperRunnerTests: XCTestCase {
    let fullPolicy = KeeperPolicy(requireApproval: false, bidder: true, raiseTargets: true, unlock: true)

    struct Instance {
        var store: KeeperStore
        var runner: KeeperRunner
    }

    /// Opens the journal afresh, as a restarted process would.
    func start(_ path: String, _ world: FakeWorld, policy: KeeperPolicy) throws -> Instance {
        let store = try KeeperStore(path: path)
        let journal = try Journal(path: path)
        world.journal = journal
        return Instance(store: store, runner: KeeperRunner(store: store, journal: journal, chain: world, submitter: world,
                                                         clock: world, policy: policy))
    }

    func makeWorld(_ path: String, rebalance: KeeperRebalance = Fixture.rebalance()) throws -> FakeWorld {
        let world = FakeWorld(journal: try Journal(path: path))
        world.locksSet = rebalance.locksSet
        try KeeperStore(path: path).recordPlanned(rebalance)
        return world
    }

    /// Steps until finished (advancing 60 s per step); a thrown step is a kill: the keeper restarts.
    @discardableResult
    func drive(_ path: String, _ world: FakeWorld, policy: KeeperPolicy, id: String = Fixture.rebalance().id,
               maxSteps: Int = 2_000, beforeStep: (Int, FakeWorld) -> Void = { _, _ in }) throws -> Int {
        var keeper = try start(path, world, policy: policy)
        var restarts = 0
        for step in 0..<maxSteps {
            beforeStep(step, world)
            world.advance(60)
            do {
                if try keeper.runner.step(id) == .finished { return restarts }
            } catch {
                restarts += 1
                keeper = try start(path, world, policy: policy)
            }
        }
        XCTFail("not finished after \(maxSteps) steps; phase \(try keeper.store.rebalance(id)!.phase)")
        return restarts
    }

    let expectedOrder = ["start-0", "start-1", "bid-0", "bid-1", "raise-targets", "unlock"].map { "ic21/2026-03-31/\($0)" }

    func testWholeCycleFromPlanToDoneSendsEachIntentOnceInOrder() throws {
        let path = Fixture.temporaryJournal()
        let world = try makeWorld(path)
        XCTAssertEqual(try drive(path, world, policy: fullPolicy), 0)

        XCTAssertEqual(world.chainOrder, expectedOrder)
        XCTAssertEqual(world.calldata["ic21/2026-03-31/start-0"], [0xaa, 0x01])
        XCTAssertEqual(world.calldata["ic21/2026-03-31/start-1"], [0xbb, 0x02])
        let bid0 = BidProposal(component: Fixture.component, quoteAsset: Fixture.quote, componentAmount: UInt256(UInt64(100)),
                               quoteAssetLimit: UInt256(UInt64(5_000)), isSellAuction: true)
        XCTAssertEqual(world.calldata["ic21/2026-03-31/bid-0"], ModuleCalls.bid(setToken: Fixture.setToken, bid0))
        XCTAssertEqual(world.calldata["ic21/2026-03-31/unlock"], ModuleCalls.unlock(setToken: Fixture.setToken))
        XCTAssertGreaterThanOrEqual(world.wallAtFirstExecution!, Fixture.startAt, "sent before the calendar time")
        // The unlock waited for the duration on chain time.
        XCTAssertFalse(world.locked)

        let store = try KeeperStore(path: path)
        XCTAssertEqual(try store.events("ic21/2026-03-31").map(\.phase),
                       [.planned, .approved, .started, .bidding, .raised, .unlocked, .done])
        let done = try store.rebalance("ic21/2026-03-31")!
        XCTAssertEqual(done.phase, .done)
        XCTAssertEqual(done.note, "all targets met; 2 bid(s) by the keeper mined")
        let journal = try Journal(path: path)
        for id in expectedOrder { XCTAssertEqual(try journal.intent(id)?.status, .mined, id) }
    }

    func testApprovalGatesEverySendUntilThePlanHashIsApproved() throws {
        let path = Fixture.temporaryJournal()
        let world = try makeWorld(path)
        var policy = fullPolicy
        policy.requireApproval = true
        let approveAt = 30
        try drive(path, world, policy: policy) { step, world in
            if step < approveAt {
                XCTAssertTrue(world.chainOrder.isEmpty, "sent before approval at step \(step)")
            }
            if step == approveAt { XCTAssertEqual(try? KeeperStore(path: path).approve(planHash: Fixture.planHash, by: "alice"), ["ic21/2026-03-31"]) }
        }
        XCTAssertEqual(world.chainOrder, expectedOrder)
        let store = try KeeperStore(path: path)
        XCTAssertEqual(try store.events("ic21/2026-03-31")[1].note, "plan \(Fixture.planHash) approved")
    }

    func testWaitsForApprovalAndSaysWhich() throws {
        let path = Fixture.temporaryJournal()
        let world = try makeWorld(path)
        var policy = fullPolicy
        policy.requireApproval = true
        let keeper = try start(path, world, policy: policy)
        world.advance(3_600)
        XCTAssertEqual(try keeper.runner.step("ic21/2026-03-31"),
                       .wait("awaiting approval of plan \(Fixture.planHash) (rebalancer approve \(Fixture.planHash))"))
        XCTAssertEqual(try keeper.store.rebalance("ic21/2026-03-31")!.phase, .planned)
        XCTAssertThrowsError(try keeper.store.approve(planHash: Keccak256.hash(utf8: "plan B"), by: "mallory")) { error in
            XCTAssertEqual(error as? KeeperError, .unknownPlanHash(Keccak256.hash(utf8: "plan B"), known: [Fixture.planHash]))
        }
        XCTAssertFalse(try keeper.store.isApproved(Keccak256.hash(utf8: "plan B")))
    }

    func testABidWhoseDryRunRevertsIsAbandonedAndTheNextBidHasTheNextNumber() throws {
        let path = Fixture.temporaryJournal()
        let world = try makeWorld(path)
        world.revertingBids = ["ic21/2026-03-31/bid-0"]
        try drive(path, world, policy: fullPolicy)
        XCTAssertEqual(world.chainOrder, ["start-0", "start-1", "bid-1", "bid-2", "raise-targets", "unlock"].map { "ic21/2026-03-31/\($0)" })
        let intents = try KeeperStore(path: path).intents(of: "ic21/2026-03-31", journal: try Journal(path: path))
        XCTAssertEqual(intents.first { $0.kind == .bid(0) }?.state, .abandoned("dry run reverted: execution reverted: \"price moved\""))
    }

    func testNotABidderAndNoLockWaitsForTheDurationThenFinishes() throws {
        let path = Fixture.temporaryJournal()
        let world = try makeWorld(path, rebalance: Fixture.rebalance(locks: false))
        try drive(path, world, policy: KeeperPolicy(requireApproval: false, bidder: false, raiseTargets: true, unlock: true))
        XCTAssertEqual(world.chainOrder, ["ic21/2026-03-31/start-0", "ic21/2026-03-31/start-1"])
        let store = try KeeperStore(path: path)
        let events = try store.events("ic21/2026-03-31")
        XCTAssertEqual(events.map(\.phase), [.planned, .approved, .started, .bidding, .raised, .unlocked, .done])
        XCTAssertEqual(events[4].note, "duration elapsed at chain time \(world.rebalanceStart + 3_600); no raise")
        XCTAssertEqual(events[5].note, "the plan does not lock the Set")
        XCTAssertGreaterThanOrEqual(world.chainTime, world.rebalanceStart + world.duration)
    }

    /// Kills the keeper at a random crash point on random steps over many runs: every run ends
    /// done, with each intent on chain exactly once and the journal agreeing with the chain.
    func testKillsAtRandomPointsNeverSendTwiceAndEndConsistent() throws {
        var random = SplitMix64(seed: 0x6b65_6570_6572)
        for run in 0..<40 {
            let path = Fixture.temporaryJournal()
            let world = try makeWorld(path)
            let restarts = try drive(path, world, policy: fullPolicy) { _, world in
                if world.crash == nil, random.next() % 4 == 0 {
                    world.crash = CrashPoint.allCases[Int(random.next() % 3)]
                }
            }
            XCTAssertGreaterThan(restarts, 0, "run \(run) was never killed")
            XCTAssertEqual(world.chainOrder, expectedOrder, "run \(run)")
            XCTAssertTrue(world.executed.values.allSatisfy { $0 == 1 }, "run \(run): \(world.executed)")
            let journal = try Journal(path: path)
            let store = try KeeperStore(path: path)
            XCTAssertEqual(try store.rebalance("ic21/2026-03-31")!.phase, .done, "run \(run)")
            XCTAssertEqual(try store.events("ic21/2026-03-31").map(\.phase),
                           [.planned, .approved, .started, .bidding, .raised, .unlocked, .done], "run \(run)")
            let intents = try store.intents(of: "ic21/2026-03-31", journal: journal)
            XCTAssertEqual(intents.map(\.intent.id), expectedOrder, "run \(run)")
            XCTAssertTrue(intents.allSatisfy { $0.state == .mined }, "run \(run)")
        }
    }

    func testPreviewOnACopyStopsAtTheFirstTransactionAndSendsNothing() throws {
        let path = Fixture.temporaryJournal()
        let world = try makeWorld(path)
        world.wall = Fixture.startAt
        let copy = Fixture.temporaryJournal()
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        let keeper = try start(copy, world, policy: fullPolicy)
        XCTAssertEqual(try keeper.runner.preview("ic21/2026-03-31"), [
            .transition(.approved, note: "approval not required"),
            .submit(.start(0), TransactionIntent(id: "ic21/2026-03-31/start-0", chainID: 31337, sender: Fixture.keeper,
                                                 to: Fixture.module, value: .zero, data: [0xaa, 0x01])),
        ])
        XCTAssertTrue(world.executed.isEmpty)
        XCTAssertEqual(try KeeperStore(path: path).rebalance("ic21/2026-03-31")?.phase, .planned, "the real journal is untouched")
        XCTAssertEqual(try KeeperStore(path: copy).rebalance("ic21/2026-03-31")?.phase, .approved)
        XCTAssertNil(try Journal(path: copy).intent("ic21/2026-03-31/start-0"))
    }

    func testApprovalsGoBeforeEachBidAndAreNeverSentTwiceAcrossKills() throws {
        let order = ["start-0", "start-1", "approve-0", "bid-0", "approve-1", "bid-1", "raise-targets", "unlock"].map { "ic21/2026-03-31/\($0)" }
        var random = SplitMix64(seed: 0x6170_7072)
        for run in 0..<20 {
            let path = Fixture.temporaryJournal()
            let world = try makeWorld(path)
            world.needsApprovals = true
            try drive(path, world, policy: fullPolicy) { _, world in
                if run > 0, world.crash == nil, random.next() % 4 == 0 { world.crash = CrashPoint.allCases[Int(random.next() % 3)] }
            }
            XCTAssertEqual(world.chainOrder, order, "run \(run)")
            XCTAssertTrue(world.executed.values.allSatisfy { $0 == 1 }, "run \(run): \(world.executed)")
            XCTAssertEqual(world.calldata["ic21/2026-03-31/approve-1"], ModuleCalls.approve(spender: Fixture.module, amount: UInt256(UInt64(5_000))))
            let intents = try KeeperStore(path: path).intents(of: "ic21/2026-03-31", journal: try Journal(path: path))
            XCTAssertEqual(intents.first { $0.kind == .approval(0) }?.intent.to, Fixture.quote)
            XCTAssertTrue(intents.allSatisfy { $0.state == .mined }, "run \(run)")
        }
    }

    func testAnAbandonedApprovalIsNotRetriedAndTheRebalanceStillEnds() throws {
        let path = Fixture.temporaryJournal()
        let world = try makeWorld(path)
        world.needsApprovals = true
        world.revertingBids = ["ic21/2026-03-31/approve-0"]
        var waits: Set<String> = []
        let keeper = try start(path, world, policy: fullPolicy)
        while try keeper.runner.step("ic21/2026-03-31") != .finished {
            world.advance(60)
            if case let .wait(reason) = try keeper.runner.preview("ic21/2026-03-31", maxSteps: 1).first { waits.insert(reason) }
        }
        XCTAssertEqual(world.chainOrder, ["start-0", "start-1", "unlock"].map { "ic21/2026-03-31/\($0)" })
        XCTAssertTrue(waits.contains { $0.hasSuffix("; no bid: approve-0 of \(Fixture.quote.checksummed) not sent (dry run reverted: "
                                                    + "execution reverted: \"price moved\"); not approving it again in this rebalance") }, "\(waits)")
    }

    func testUnreadablePricesShowInTheWaitAndDoNotBlockTheUnlock() throws {
        let path = Fixture.temporaryJournal()
        let world = try makeWorld(path)
        world.priceNote = "reference prices http://p.test/: HTTP status 404, expected 200"
        let keeper = try start(path, world, policy: fullPolicy)
        var decisions: [KeeperDecision] = []
        while decisions.last != .finished {
            world.advance(60)
            decisions.append(try keeper.runner.step("ic21/2026-03-31"))
        }
        XCTAssertTrue(decisions.contains(.wait("auction running until chain time \(world.rebalanceStart + 3_600); chain time \(world.rebalanceStart + 180); "
                                               + "no bid: reference prices http://p.test/: HTTP status 404, expected 200")), "\(decisions)")
        XCTAssertEqual(world.chainOrder, ["start-0", "start-1", "unlock"].map { "ic21/2026-03-31/\($0)" })
    }
}

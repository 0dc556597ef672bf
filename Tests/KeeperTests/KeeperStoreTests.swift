import AuctionPlanner
import ChainModel
import Foundation
import GRDB
import Keeper
import Submission
import XCTest

/// The keeper's tables, the journal lock, plan-derived records and the status report.
final class KeeperStoreTests: XCTestCase {
    func testRecordedRebalanceReadsBackAndAnotherPlanUnderTheSameIdIsRefused() throws {
        let path = Fixture.temporaryJournal()
        let store = try KeeperStore(path: path)
        let rebalance = Fixture.rebalance()
        try store.recordPlanned(rebalance)
        try store.recordPlanned(rebalance)
        var expected = rebalance
        expected.note = "plan \(Fixture.planHash) recorded"
        XCTAssertEqual(try KeeperStore(path: path).rebalance(rebalance.id), expected)
        let other = Fixture.rebalance(planHash: Keccak256.hash(utf8: "plan B"))
        XCTAssertThrowsError(try store.recordPlanned(other)) { error in
            XCTAssertEqual(error as? KeeperError, .rebalanceConflict(id: rebalance.id, recordedPlan: Fixture.planHash,
                                                                     newPlan: Keccak256.hash(utf8: "plan B")))
        }
        XCTAssertEqual(try store.rebalances().map(\.id), [rebalance.id])
    }

    /// The expiry reads back; a journal made before plans could expire gains the column and reads
    /// its rebalances as never expiring.
    func testExpiryReadsBackAndOlderJournalsAreMigrated() throws {
        let path = Fixture.temporaryJournal()
        var fresh = Fixture.rebalance(id: "ic21/fresh")
        fresh.expiresAt = Fixture.startAt + 86_400
        try KeeperStore(path: path).recordPlanned(fresh)
        XCTAssertEqual(try KeeperStore(path: path).rebalance("ic21/fresh")?.expiresAt, Fixture.startAt + 86_400)

        let old = Fixture.temporaryJournal()
        let queue = try DatabaseQueue(path: old)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE keeperRebalance (id TEXT PRIMARY KEY NOT NULL, indexName TEXT NOT NULL, chainId INTEGER NOT NULL,
                    keeper TEXT NOT NULL, module TEXT NOT NULL, setToken TEXT NOT NULL, planHash TEXT NOT NULL, startAt INTEGER NOT NULL,
                    locksSet INTEGER NOT NULL, phase TEXT NOT NULL, note TEXT NOT NULL);
                INSERT INTO keeperRebalance VALUES ('ic21/old', 'ic21', 31337, '\(Fixture.keeper.lowercased)', '\(Fixture.module.lowercased)',
                    '\(Fixture.setToken.lowercased)', '\(Fixture.planHash)', \(Fixture.startAt), 1, 'planned', 'recorded');
                """)
        }
        try queue.close()
        let store = try KeeperStore(path: old)
        let record = try XCTUnwrap(store.rebalance("ic21/old"))
        XCTAssertNil(record.expiresAt)
        XCTAssertEqual(record.planHash, Fixture.planHash)
        var next = Fixture.rebalance(id: "ic21/next")
        next.expiresAt = 42
        try store.recordPlanned(next)
        XCTAssertEqual(try store.rebalance("ic21/next")?.expiresAt, 42)
    }

    func testPhasesOnlyMoveForwardAndRepeatsAreIgnored() throws {
        let store = try KeeperStore(path: ":memory:")
        try store.recordPlanned(Fixture.rebalance())
        let id = Fixture.rebalance().id
        try store.transition(id, to: .approved, note: "ok")
        try store.transition(id, to: .approved, note: "again")
        try store.transition(id, to: .bidding, note: "skip ahead")
        XCTAssertThrowsError(try store.transition(id, to: .started, note: "back")) { error in
            XCTAssertEqual(error as? KeeperError, .invalidTransition(id: id, from: .bidding, to: .started))
            XCTAssertEqual((error as? KeeperError)?.description,
                           "rebalance ic21/2026-03-31: cannot move from bidding to started; phases only move forward")
        }
        try store.transition(id, to: .failed, note: "broken")
        XCTAssertThrowsError(try store.transition(id, to: .done, note: "no")) { error in
            XCTAssertEqual(error as? KeeperError, .invalidTransition(id: id, from: .failed, to: .done))
        }
        XCTAssertEqual(try store.events(id).map(\.phase), [.planned, .approved, .bidding, .failed])
        XCTAssertEqual(try store.events(id).map(\.note), ["plan \(Fixture.planHash) recorded", "ok", "skip ahead", "broken"])
        XCTAssertThrowsError(try store.transition("nope", to: .done, note: "")) { error in
            XCTAssertEqual(error as? KeeperError, .unknownRebalance("nope"))
        }
    }

    func testIntentsAreRecordedOnceAndTakeTheirStateFromTheSubmissionJournal() throws {
        let path = Fixture.temporaryJournal()
        let store = try KeeperStore(path: path)
        let journal = try Journal(path: path)
        try store.recordPlanned(Fixture.rebalance())
        let id = Fixture.rebalance().id
        func intent(_ kind: KeeperIntentKind, _ data: [UInt8]) -> TransactionIntent {
            TransactionIntent(id: kind.intentID(in: id), chainID: 31337, sender: Fixture.keeper, to: Fixture.module, value: .zero, data: data)
        }
        try store.recordIntent(intent(.start(0), [1]), kind: .start(0), rebalanceID: id)
        try store.recordIntent(intent(.start(0), [1]), kind: .start(0), rebalanceID: id)
        XCTAssertThrowsError(try store.recordIntent(intent(.start(0), [2]), kind: .start(0), rebalanceID: id)) { error in
            XCTAssertEqual(error as? KeeperError, .intentConflict(id: "ic21/2026-03-31/start-0"))
        }
        try store.recordIntent(intent(.bid(0), [3]), kind: .bid(0), rebalanceID: id)
        try store.recordIntent(intent(.bid(1), [4]), kind: .bid(1), rebalanceID: id)
        try store.recordIntent(intent(.unlock, [5]), kind: .unlock, rebalanceID: id)
        try journal.recordIntent(intent(.start(0), [1]), nonce: 0)
        try journal.setIntentStatus(intent(.start(0), [1]).id, .mined)
        try journal.recordIntent(intent(.bid(0), [3]), nonce: 1)
        try journal.setIntentStatus(intent(.bid(0), [3]).id, .reverted)
        try journal.recordIntent(intent(.bid(1), [4]), nonce: 2)
        try store.abandonIntent(intent(.unlock, [5]).id, reason: "dry run reverted: Must be locked")
        let records = try KeeperStore(path: path).intents(of: id, journal: journal)
        XCTAssertEqual(records.map(\.kind), [.start(0), .bid(0), .bid(1), .unlock])
        XCTAssertEqual(records.map(\.state), [.mined, .reverted, .open, .abandoned("dry run reverted: Must be locked")])
        XCTAssertEqual(records.map(\.intent.data), [[1], [3], [4], [5]])

        let report = try KeeperStatusReport(store: store, journal: journal)
        XCTAssertEqual(report.text, """
            scheduled: 1
              ic21/2026-03-31 [ic21] planned, plan \(Fixture.planHash), start at \(Fixture.startAt): plan \(Fixture.planHash) recorded
                ic21/2026-03-31/start-0 mined
                ic21/2026-03-31/bid-0 reverted
                ic21/2026-03-31/bid-1 in flight
                ic21/2026-03-31/unlock abandoned (dry run reverted: Must be locked)
            in flight: 0
            done: 0
            failed: 0

            """)
    }

    func testApprovalNamesTheRebalancesOfTheHashAndIsIdempotent() throws {
        let store = try KeeperStore(path: ":memory:")
        XCTAssertThrowsError(try store.approve(planHash: Fixture.planHash, by: "alice")) { error in
            XCTAssertEqual((error as? KeeperError)?.description,
                           "plan-hash: \(Fixture.planHash) is not the hash of any planned rebalance in the journal (known: none recorded)")
        }
        try store.recordPlanned(Fixture.rebalance())
        try store.recordPlanned(Fixture.rebalance(id: "ic21/2026-06-30"))
        XCTAssertFalse(try store.isApproved(Fixture.planHash))
        XCTAssertEqual(try store.approve(planHash: Fixture.planHash, by: "alice"), ["ic21/2026-03-31", "ic21/2026-06-30"])
        XCTAssertEqual(try store.approve(planHash: Fixture.planHash, by: "bob"), ["ic21/2026-03-31", "ic21/2026-06-30"])
        XCTAssertTrue(try store.isApproved(Fixture.planHash))
    }

    func testASecondLockOnTheSameJournalIsRefusedNamingTheHolder() throws {
        let path = Fixture.temporaryJournal()
        var first: JournalLock? = try JournalLock(journalPath: path)
        XCTAssertThrowsError(try JournalLock(journalPath: path)) { error in
            XCTAssertEqual(error as? KeeperError, .journalLocked(path: path, holder: "pid \(getpid())"))
            XCTAssertEqual((error as? KeeperError)?.description,
                           "journal \(path) is in use by another keeper (pid \(getpid())); one keeper per journal, stop it first")
        }
        first = nil
        XCTAssertNil(first)
        let second = try JournalLock(journalPath: path)
        XCTAssertEqual(second.path, path + ".lock")
        XCTAssertThrowsError(try JournalLock(journalPath: "/nonexistent-dir-\(UUID())/journal.sqlite")) { error in
            guard case .lockFailed? = error as? KeeperError else { return XCTFail("\(error)") }
        }
    }

    func testARecordFromAPlanCarriesItsTransactionsSetAndHash() throws {
        let plan = try Planner.plan(SyntheticIndex.inputs(componentCount: 5))
        let record = KeeperRebalance(id: "syn/1", index: "syn", plan: plan, keeper: Fixture.keeper, startAt: 7)
        XCTAssertEqual(record.calls.map(\.to), plan.transactions.map(\.to))
        XCTAssertEqual(record.calls.map(\.data), plan.transactions.map(\.calldata))
        XCTAssertEqual(record.setToken, plan.snapshot.setToken)
        XCTAssertEqual(record.module, plan.policy.module)
        XCTAssertEqual(record.chainID, plan.snapshot.block.chainId)
        XCTAssertEqual(record.locksSet, plan.policy.lockSetToken)
        XCTAssertEqual(record.planHash, Keccak256.hash(Array(plan.document.encoded().utf8)))
        let other = try Planner.plan(SyntheticIndex.inputs(componentCount: 5, seed: 2))
        XCTAssertNotEqual(KeeperRebalance.planHash(of: other), record.planHash)
        XCTAssertEqual(KeeperRebalance.planHash(of: try Planner.plan(SyntheticIndex.inputs(componentCount: 5))), record.planHash)
    }
}

/// Plan documents read back into keeper records.
final class KeeperPlanDocumentTests: XCTestCase {
    func testTheDocumentGivesTheSameRecordAsThePlanInMemory() throws {
        for seed in [UInt64(1), 2, 3] {
            let plan = try Planner.plan(SyntheticIndex.inputs(componentCount: 6, seed: seed))
            let bytes = Array(plan.document.encoded().utf8)
            let fromDocument = try KeeperRebalance(id: "syn/\(seed)", index: "syn", planDocument: bytes, keeper: Fixture.keeper, startAt: 9)
            XCTAssertEqual(fromDocument, KeeperRebalance(id: "syn/\(seed)", index: "syn", plan: plan, keeper: Fixture.keeper, startAt: 9))
            XCTAssertEqual(fromDocument.planHash, Keccak256.hash(bytes))
        }
    }

    func testBadDocumentsNameTheField() throws {
        let plan = try Planner.plan(SyntheticIndex.inputs(componentCount: 3))
        let text = plan.document.encoded()
        func error(_ mutated: String, module: Address? = nil) -> String {
            do {
                _ = try KeeperRebalance(id: "x", index: "x", planDocument: Array(mutated.utf8), keeper: Fixture.keeper, startAt: 0, module: module)
                return "accepted"
            } catch { return error.description }
        }
        XCTAssertEqual(error(text.replacingOccurrences(of: "rebalancer/plan@1", with: "rebalancer/plan@9")), "plan: format: must be rebalancer/plan@1")
        XCTAssertEqual(error(text.replacingOccurrences(of: "\"chain_id\": ", with: "\"chain_id\": -")),
                       "plan: state.chain_id: must be an integer chain id")
        XCTAssertEqual(error(text.replacingOccurrences(of: "\"kind\": \"module\"", with: "\"kind\": \"extension\"")),
                       "plan: route.kind: extension route: the auction module must be given")
        XCTAssertEqual(error(text, module: Fixture.module),
                       "plan: route.to: the plan's module \(plan.policy.module) is not the given module \(Fixture.module)")
        XCTAssertTrue(error("{").hasPrefix("plan: (document): not JSON"), error("{"))
        let badHex = error(text.replacingOccurrences(of: "\"calldata\": \"0x", with: "\"calldata\": \"0xz"))
        XCTAssertTrue(badHex.hasPrefix("plan: transactions[0].calldata: must be 0x-prefixed hex ("), badHex)
    }
}

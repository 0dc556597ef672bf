import ChainModel
import Foundation
import Keeper
import Submission
import TestSupport
import XCTest

/// `rebalancer approve` and `rebalancer keeper status` on a journal the keeper wrote.
final class KeeperCommandTests: XCTestCase {
    func journalWithPlan() throws -> String {
        let path = Fixture.temporaryJournal()
        _ = try Journal(path: path)
        let store = try KeeperStore(path: path)
        try store.recordPlanned(Fixture.rebalance())
        var done = Fixture.rebalance(id: "ic21/2025-12-31", planHash: Keccak256.hash(utf8: "old plan"))
        done.calls = []
        try store.recordPlanned(done)
        for phase in [KeeperPhase.approved, .started, .bidding, .raised, .unlocked] {
            try store.transition(done.id, to: phase, note: "step \(phase.rawValue)")
        }
        try store.transition(done.id, to: .done, note: "all targets met; 0 bid(s) by the keeper mined")
        return path
    }

    func testApproveByPlanHashThenStatusShowsIt() throws {
        let path = try journalWithPlan()
        let approved = try TestSupport.runRebalancer(["approve", Fixture.planHash.description, "--journal", path, "--by", "alice"])
        XCTAssertEqual(approved.status, 0, approved.stderr)
        XCTAssertEqual(approved.stdout, "approved plan \(Fixture.planHash) for ic21/2026-03-31\n")
        XCTAssertTrue(try KeeperStore(path: path).isApproved(Fixture.planHash))

        let status = try TestSupport.runRebalancer(["keeper", "status", "--journal", path])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertEqual(status.stdout, """
            scheduled: 1
              ic21/2026-03-31 [ic21] planned, plan \(Fixture.planHash), start at \(Fixture.startAt): plan \(Fixture.planHash) recorded
            in flight: 0
            done: 1
              ic21/2025-12-31 [ic21] done, plan \(Keccak256.hash(utf8: "old plan")), start at \(Fixture.startAt): all targets met; 0 bid(s) by the keeper mined
            failed: 0

            """)
    }

    func testStatusAsJSON() throws {
        let path = try journalWithPlan()
        let status = try TestSupport.runRebalancer(["keeper", "status", "--journal", path, "--json"])
        XCTAssertEqual(status.status, 0, status.stderr)
        let json = try JSONValue.parse(status.stdout)
        XCTAssertEqual(json["scheduled"]?.arrayValue?.count, 1)
        XCTAssertEqual(json["in_flight"]?.arrayValue?.count, 0)
        XCTAssertEqual(json["failed"]?.arrayValue?.count, 0)
        let planned = try XCTUnwrap(json["scheduled"]?.arrayValue?.first)
        XCTAssertEqual(planned["id"]?.stringValue, "ic21/2026-03-31")
        XCTAssertEqual(planned["phase"]?.stringValue, "planned")
        XCTAssertEqual(planned["plan_hash"]?.stringValue, Fixture.planHash.description)
        XCTAssertEqual(planned["start_at"], .number(String(Fixture.startAt)))
        XCTAssertEqual(planned["expires_at"], .null)
        XCTAssertEqual(planned["intents"], .array([]))
        let done = try XCTUnwrap(json["done"]?.arrayValue?.first)
        XCTAssertEqual(done["note"]?.stringValue, "all targets met; 0 bid(s) by the keeper mined")
        XCTAssertNil(json["upcoming"])
    }

    func testApproveRefusesUnknownAndMalformedHashesWritingNothing() throws {
        let path = try journalWithPlan()
        let unknown = Keccak256.hash(utf8: "never planned")
        let refused = try TestSupport.runRebalancer(["approve", unknown.description, "--journal", path])
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderr, "Error: plan-hash: \(unknown) is not the hash of any planned rebalance in the journal "
                       + "(known: \([Keccak256.hash(utf8: "old plan"), Fixture.planHash].map(\.description).sorted().joined(separator: ", ")))\n")
        XCTAssertFalse(try KeeperStore(path: path).isApproved(unknown))

        let malformed = try TestSupport.runRebalancer(["approve", "0x1234", "--journal", path])
        XCTAssertEqual(malformed.status, 1)
        XCTAssertTrue(malformed.stderr.hasPrefix("Error: plan-hash: 0x1234 is not 0x followed by 64 hex digits"), malformed.stderr)

        let missing = try TestSupport.runRebalancer(["keeper", "status", "--journal", path + ".absent"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertEqual(missing.stderr, "Error: journal: \(path).absent does not exist\n")
    }

    func testRunRefusesBadBiddingOptionsBeforeTouchingAnything() throws {
        let path = try journalWithPlan()
        let base = ["keeper", "run", "--journal", path, "--rpc-url", "http://127.0.0.1:1", "--chain-id", "31337"]
        for (extra, message) in [
            (["--reference-max-age", "60"], "Error: reference-max-age: needs --reference-prices\n"),
            (["--reference-prices", "p.json", "--reference-max-age", "0"], "Error: reference-max-age: 0 must be between 1 and 31536000 seconds\n"),
            (["--reference-prices", "ftp://prices.test/p.json"], "Error: reference-prices: ftp://prices.test/p.json must be a file path or an http(s):// URL\n"),
            (["--reference-prices", "https://user:s3cretpass@"], "Error: reference-prices: https://***@ has no host\n"),
        ] {
            let result = try TestSupport.runRebalancer(base + extra)
            XCTAssertEqual(result.status, 1, extra.joined(separator: " "))
            XCTAssertEqual(result.stderr, message)
        }
        let approvals = try TestSupport.runRebalancer(base + ["--approvals", "always"])
        XCTAssertNotEqual(approvals.status, 0)
        XCTAssertTrue(approvals.stderr.hasPrefix("Error: The value 'always' is invalid for '--approvals <approvals>'. "
                                                  + "Please provide one of 'off', 'exact' or 'unlimited'."), approvals.stderr)
    }
}

extension KeeperCommandTests {
    /// With `--config` the switches live in the file: giving them on the command line is refused;
    /// a plan added with `--expires-at` shows its expiry, and an expiry before the start is refused.
    func testConfigOwnsTheSwitchesAndAddedPlansCanExpire() throws {
        let refused = try TestSupport.runRebalancer(["keeper", "--config", "keeper.yaml", "--journal", "j.sqlite", "--poll-interval", "1",
                                                     "--approvals", "exact"])
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(refused.stderr.hasPrefix("Error: --journal, --approvals, --poll-interval: set per index or for the keeper in the "
                                               + "--config file, not on the command line\n"), refused.stderr)

        let plan = TestSupport.repositoryRoot.appendingPathComponent("examples/expected/plan.json").path
        let path = Fixture.temporaryJournal()
        let base = ["keeper", "add", "--plan", plan, "--id", "icDEFI10/2024-Q2", "--index", "icDEFI10", "--start-at", "1711584000",
                    "--keeper", Fixture.keeper.checksummed, "--journal", path]
        let early = try TestSupport.runRebalancer(base + ["--expires-at", "1711584000"])
        XCTAssertEqual(early.status, 1)
        XCTAssertEqual(early.stderr, "Error: expires-at: 1711584000 must be after --start-at 1711584000\n")
        let added = try TestSupport.runRebalancer(base + ["--expires-at", "1711670400"])
        XCTAssertEqual(added.status, 0, added.stderr)
        let status = try TestSupport.runRebalancer(["keeper", "status", "--journal", path])
        XCTAssertTrue(status.stdout.contains("  icDEFI10/2024-Q2 [icDEFI10] planned, plan 0x"), status.stdout)
        XCTAssertTrue(status.stdout.contains(", start at 1711584000, expires at 1711670400: plan 0x"), status.stdout)
    }
}

import ChainModel
import Foundation
import Keeper
import Submission
import TestSupport
import XCTest

/// `rebalancer keeper --config keeper.yaml` on the Vyper stand-ins (auction-module §9.1): the
/// keeper plans at the calendar's snapshot time from the methodology, market data, prices and
/// policy files, waits for the operator's approval of the plan hash, sends the plan, follows the
/// auction on chain time and unlocks; the trigger route plans when a rule fires.
final class KeeperCycleChainTests: LocalChainTestCase {
    struct System {
        var set: Address
        var module: Address
        var dai: Address
        var wbtc: Address
        var weth: Address
        var bidder: Address
    }

    func deploy() throws -> System {
        let deployed = try TestSupport.runPython(script: "auction_chain/deploy.py", ["--rpc-url", node.url, "--scenario", "9.1"])
        let system = try JSONValue.parse(String(decoding: deployed, as: UTF8.self))
        func address(_ value: JSONValue?) throws -> Address { try Address(XCTUnwrap(value?.stringValue)) }
        return System(set: try address(system["setToken"]), module: try address(system["auctionModule"]),
                      dai: try address(system["tokens"]?["DAI"]), wbtc: try address(system["tokens"]?["WBTC"]),
                      weth: try address(system["tokens"]?["WETH"]), bidder: try address(system["accounts"]?["bidder"]))
    }

    /// A calendar with one rebalance, today at 00:00 UTC, data as of today, a 48 h window.
    static var todayOnly: String {
        "{ frequency: explicit, dates: [\"\(today)\"], time_utc: \"00:00\", snapshot_offset_days: 0, auction_duration_hours: 48 }"
    }

    /// Today (UTC) as `YYYY-MM-DD`.
    static var today: String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    /// Writes the methodology (custom 40/30/30 weights, `calendar` and `triggers` sections as
    /// given), asset metadata with the deployed addresses, 60 days of market data to today, the
    /// §9.1 prices, the policy and `keeper.yaml`; returns the configuration's path.
    func writeConfiguration(_ system: System, calendar: String?, triggers: String?, start: String,
                            requireApproval: Bool = true, policyBidder: Address? = nil, bidding: String? = nil,
                            rpcURL: String? = nil, raiseTargetPercentage: String? = nil) throws -> String {
        var methodology = """
            name: keeper cycle
            eligibility: { chain: local }
            weighting: { method: custom, weights: { dai: 0.4, wbtc: 0.3, weth: 0.3 } }

            """
        if let calendar { methodology += "calendar: \(calendar)\n" }
        if let triggers { methodology += "triggers:\n  rules:\n    - \(triggers)\n" }
        _ = try node.writeFile("methodology.yaml", methodology)
        _ = try node.writeFile("assets.yaml", """
            assets:
              - { id: dai, symbol: DAI, name: Dai, kind: token, chains: { local: "\(system.dai.checksummed)" }, decimals: 18, first_seen: 2020-01-01 }
              - { id: wbtc, symbol: WBTC, name: Wrapped BTC, kind: token, chains: { local: "\(system.wbtc.checksummed)" }, decimals: 8, first_seen: 2020-01-01 }
              - { id: weth, symbol: WETH, name: Wrapped Ether, kind: token, chains: { local: "\(system.weth.checksummed)" }, decimals: 18, first_seen: 2020-01-01 }
            """)
        var csv = "asset_id,date,close_usd,market_cap_usd,volume_usd\n"
        let day = 86_400.0
        let now = Date().timeIntervalSince1970
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        for (id, close, cap) in [("dai", "1", "5000000000"), ("wbtc", "29000", "9000000000"), ("weth", "2000", "240000000000")] {
            for back in stride(from: 59, through: 0, by: -1) {
                csv += "\(id),\(formatter.string(from: Date(timeIntervalSince1970: now - Double(back) * day))),\(close),\(cap),50000000\n"
            }
        }
        _ = try node.writeFile("prices.csv", csv)
        _ = try node.writeFile("prices.json", Scenario91PlanFiles.prices(dai: system.dai, wbtc: system.wbtc, weth: system.weth))
        _ = try node.writeFile("policy.yaml", Scenario91PlanFiles.policy(module: system.module, weth: system.weth,
                                                                         bidder: policyBidder ?? system.bidder, lock: true,
                                                                         raiseTargetPercentage: raiseTargetPercentage))
        return try node.writeFile("keeper.yaml", """
            format: rebalancer/keeper@1
            journal: keeper.sqlite
            chain_id: 31337
            rpc_url: \(rpcURL ?? node.url)
            signer: "\(DevAccount.addresses[1].checksummed)"
            plans_dir: plans
            poll_seconds: 0.1
            max_backoff_seconds: 0.5
            indexes:
              - name: e2e
                set_token: "\(system.set.checksummed)"
                methodology: methodology.yaml
                metadata: assets.yaml
                data: [prices.csv]
                prices: prices.json
                policy: policy.yaml
                start: \(start)
                require_approval: \(requireApproval)
                raise_targets: \(raiseTargetPercentage != nil)
                unlock: true
            """ + (bidding.map { "\n    bidding: \($0)" } ?? ""))
    }

    func startKeeper(_ config: String, errors: Pipe) throws -> Process {
        var environment = ProcessInfo.processInfo.environment
        environment["REBALANCER_PRIVATE_KEY"] = DevAccount.privateKey(1)
        return try launchRebalancer(["keeper", "--config", config, "--exit-when-idle", "--log-format", "json"], environment: environment,
                                    errors: errors)
    }

    struct KeeperWaitError: Error, CustomStringConvertible { var description: String }

    /// Waits up to 30 s for `id` to reach `phase` while the keeper runs.
    func waitFor(_ id: String, _ phase: KeeperPhase, journal: String, keeper: Process) throws -> KeeperRebalance {
        for _ in 0..<600 {
            if FileManager.default.fileExists(atPath: journal), let record = try KeeperStore(path: journal).rebalance(id), record.phase == phase {
                return record
            }
            guard keeper.isRunning else { break }
            usleep(50_000)
        }
        let current = FileManager.default.fileExists(atPath: journal) ? try KeeperStore(path: journal).rebalance(id)?.phase : nil
        throw KeeperWaitError(description: "\(id) did not reach \(phase.rawValue) (it is \(current?.rawValue ?? "not recorded"); "
                              + "keeper running: \(keeper.isRunning))")
    }

    func testCalendarCycleFromSnapshotToUnlockDrivenByTheConfiguration() throws {
        let system = try deploy()
        let today = Self.today
        let config = try writeConfiguration(system, calendar: Self.todayOnly, triggers: nil, start: "calendar")
        let journal = dir.appendingPathComponent("keeper.sqlite").path
        let id = "e2e/\(today)"
        let nonceBefore = try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest)
        let errors = Pipe()
        let keeper = try startKeeper(config, errors: errors)
        defer { if keeper.isRunning { keeper.terminate() } }

        // Planned at the snapshot time, then waiting for the operator: nothing is sent.
        let planned = try waitFor(id, .planned, journal: journal, keeper: keeper)
        let planPath = dir.appendingPathComponent("plans/e2e-\(today).plan.json").path
        let planBytes = try Data(contentsOf: URL(fileURLWithPath: planPath))
        XCTAssertEqual(planned.planHash, Keccak256.hash([UInt8](planBytes)))
        let midnight = try XCTUnwrap(ISO8601DateFormatter().date(from: "\(today)T00:00:00Z"))
        XCTAssertEqual(planned.startAt, Int64(midnight.timeIntervalSince1970))
        XCTAssertEqual(planned.expiresAt, Int64(midnight.timeIntervalSince1970) + 48 * 3600, "stale after the calendar's auction window")
        XCTAssertEqual(planned.calls.count, 2)
        usleep(500_000)
        XCTAssertEqual(try KeeperStore(path: journal).rebalance(id)?.phase, .planned)
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest), nonceBefore)

        // The files are what the separate commands make from the same inputs, byte for byte.
        let weightsPath = dir.appendingPathComponent("plans/e2e-\(today).weights.json").path
        let snapshotPath = dir.appendingPathComponent("plans/e2e-\(today).snapshot.json").path
        let cliWeights = dir.appendingPathComponent("cli-weights.json").path
        let weights = try TestSupport.runRebalancer(["weights", "--methodology", dir.appendingPathComponent("methodology.yaml").path,
                                                     "--metadata", dir.appendingPathComponent("assets.yaml").path,
                                                     "--data", dir.appendingPathComponent("prices.csv").path, "--as-of", today, "--out", cliWeights])
        XCTAssertEqual(weights.status, 0, weights.stderr)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: cliWeights)), try Data(contentsOf: URL(fileURLWithPath: weightsPath)))
        let cliPlan = try TestSupport.runRebalancer(["plan", "--state", snapshotPath, "--weights", weightsPath,
                                                     "--prices", dir.appendingPathComponent("prices.json").path,
                                                     "--policy", dir.appendingPathComponent("policy.yaml").path, "--json"])
        XCTAssertEqual(cliPlan.status, 0, cliPlan.stderr)
        XCTAssertEqual(cliPlan.stdout, String(decoding: planBytes, as: UTF8.self))
        let verified = try TestSupport.runRebalancer(["verify", "--plan", planPath])
        XCTAssertEqual(verified.status, 0, verified.stdout + verified.stderr)

        // The operator approves the reviewed file's hash; the keeper sends the plan at the calendar time.
        let approved = try TestSupport.runRebalancer(["approve", planned.planHash.description, "--journal", journal])
        XCTAssertEqual(approved.status, 0, approved.stderr)
        _ = try waitFor(id, .bidding, journal: journal, keeper: keeper)
        try travelPastTheAuction()
        let log = finished(keeper, errors: errors)

        let store = try KeeperStore(path: journal)
        let events = try store.events(id)
        XCTAssertEqual(events.map(\.phase), [.planned, .approved, .started, .bidding, .raised, .unlocked, .done])
        XCTAssertEqual(events.first?.note, "plan \(planned.planHash) recorded: calendar rebalance of \(today) (data as of \(today))")
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest), nonceBefore + 3, "startRebalance, its setup call, unlock")
        XCTAssertFalse(try isLocked(system.set))

        let lines = try log.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        XCTAssertTrue(lines.allSatisfy { $0["time"]?.stringValue?.hasSuffix("Z") == true && $0["level"]?.stringValue != nil }, log)
        XCTAssertTrue(lines.contains { $0["level"]?.stringValue == "notice" && $0["index"]?.stringValue == "e2e"
            && $0["rebalance"]?.stringValue == id
            && $0["message"]?.stringValue?.hasPrefix("planned \(id): plan \(planned.planHash), 2 transaction(s)") == true }, log)
        XCTAssertEqual(lines.last?["message"]?.stringValue, "every rebalance is done or failed and nothing is due")

        let status = try TestSupport.runRebalancer(["keeper", "status", "--config", config])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.hasPrefix("scheduled: 0\nin flight: 0\ndone: 1\n  \(id) [e2e] done, plan \(planned.planHash)"), status.stdout)
        let end = Date(timeIntervalSince1970: midnight.timeIntervalSince1970 + 2 * 86_400)
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        XCTAssertTrue(status.stdout.hasSuffix("failed: 0\nupcoming:\n  e2e: open calendar rebalance \(id): data snapshot \(today) 00:00 UTC, "
                                              + "auction \(today) 00:00 UTC to \(formatter.string(from: end)) 00:00 UTC; plans need approval\n"),
                      status.stdout)

        let statusJSON = try JSONValue.parse(try TestSupport.runRebalancer(["keeper", "status", "--config", config, "--json"]).stdout)
        XCTAssertEqual(statusJSON["done"]?.arrayValue?.first?["intents"]?.arrayValue?.map { $0["kind"]?.stringValue ?? "" },
                       ["start-0", "start-1", "unlock"])
        XCTAssertEqual(statusJSON["upcoming"], .array([.object([
            ("index", .string("e2e")),
            ("calendar", .object([("id", .string(id)), ("open", .bool(true)), ("snapshot_at", .number(String(planned.startAt))),
                                  ("auction_start", .number(String(planned.startAt))), ("auction_end", .number(String(planned.startAt + 48 * 3600)))])),
            ("trigger_check_seconds", .null), ("require_approval", .bool(true)),
        ])]))

        // A second run finds the calendar rebalance recorded and plans nothing again.
        let again = try TestSupport.runRebalancer(["keeper", "--config", config, "--exit-when-idle"],
                                                  environment: ["REBALANCER_PRIVATE_KEY": DevAccount.privateKey(1)])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(try KeeperStore(path: journal).rebalances().map(\.id), [id])
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest), nonceBefore + 3)
    }
}

extension KeeperCycleChainTests {
    /// `start: triggers`: the held basket (the Set's units at the plan prices) has drifted from
    /// the 40/30/30 targets, so the concentration-drift rule fires and the keeper plans a
    /// rebalance named after the data day, starting at once; `--dry-run` first shows it all on a
    /// copy and changes nothing.
    func testFiredTriggerPlansARebalanceAndDryRunChangesNothing() throws {
        let system = try deploy()
        let today = Self.today
        let config = try writeConfiguration(system, calendar: nil,
                                            triggers: "{ name: concentration_drift, metric: hhi_drift, above: 0.001, action: rebalance }",
                                            start: "triggers")
        let journal = dir.appendingPathComponent("keeper.sqlite").path
        let environment = ["REBALANCER_PRIVATE_KEY": DevAccount.privateKey(1)]
        let nonceBefore = try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest)

        let dry = try TestSupport.runRebalancer(["keeper", "--config", config, "--dry-run"], environment: environment)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        let id = "e2e/triggered-\(today)"
        let lines = dry.stderr.split(separator: "\n").map(String.init)
        let dryPlans = dir.appendingPathComponent("plans/dry-run").path
        XCTAssertEqual(lines.count, 4, dry.stderr)
        XCTAssertEqual(lines[0], "signer: \(DevAccount.addresses[1].checksummed)")
        let hash = try Keccak256.hash([UInt8](Data(contentsOf: URL(fileURLWithPath: "\(dryPlans)/e2e-triggered-\(today).plan.json"))))
        XCTAssertTrue(lines[1].hasPrefix("keeper: \(id): planned \(id): plan \(hash), 2 transaction(s), start at "), lines[1])
        XCTAssertTrue(lines[1].hasSuffix("; triggers fired on \(today): concentration_drift; files \(dryPlans)/e2e-triggered-\(today).plan.json, "
                                         + "\(dryPlans)/e2e-triggered-\(today).weights.json, \(dryPlans)/e2e-triggered-\(today).snapshot.json; "
                                         + "review it, then approve it: rebalancer approve \(hash)"), lines[1])
        XCTAssertEqual(lines[2], "keeper: \(id): would be waiting: awaiting approval of plan \(hash) (rebalancer approve \(hash))")
        XCTAssertEqual(lines[3], "keeper: dry run: nothing was signed or sent; the journal is unchanged; would-be plans are in \(dryPlans)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal), "the dry run created the journal")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("plans/e2e-triggered-\(today).plan.json").path))

        let errors = Pipe()
        let keeper = try startKeeper(config, errors: errors)
        defer { if keeper.isRunning { keeper.terminate() } }
        let planned = try waitFor(id, .planned, journal: journal, keeper: keeper)
        XCTAssertEqual(try KeeperStore(path: journal).events(id).first?.note,
                       "plan \(planned.planHash) recorded: triggers fired on \(today): concentration_drift")
        XCTAssertLessThanOrEqual(abs(planned.startAt - Int64(Date().timeIntervalSince1970)), 60)
        XCTAssertEqual(planned.expiresAt, planned.startAt + 24 * 3600, "stale a day after the trigger without a calendar")
        _ = try TestSupport.runRebalancer(["approve", planned.planHash.description, "--journal", journal])
        _ = try waitFor(id, .bidding, journal: journal, keeper: keeper)
        try travelPastTheAuction()
        let log = finished(keeper, errors: errors)
        XCTAssertEqual(try KeeperStore(path: journal).rebalance(id)?.phase, .done, log)
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest), nonceBefore + 3)
        // After the rebalance the triggers are checked again on the same data day: no second plan.
        XCTAssertEqual(try KeeperStore(path: journal).rebalances().map(\.id), [id])
    }
}

extension KeeperCycleChainTests {
    /// `kill -9` of `keeper --config` at random moments (planning, sending, waiting), restarted
    /// each time, with time travel once the auction runs: one rebalance is planned and recorded,
    /// its two transactions and the unlock reach the chain exactly once, and the journal ends
    /// consistent.
    func testConfiguredKeeperKilledAtRandomMomentsPlansAndSendsOnce() throws {
        let system = try deploy()
        let today = Self.today
        let config = try writeConfiguration(system, calendar: Self.todayOnly, triggers: nil, start: "calendar", requireApproval: false)
        let journal = dir.appendingPathComponent("keeper.sqlite").path
        let id = "e2e/\(today)"
        let nonceBefore = try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest)
        let environment = ["REBALANCER_PRIVATE_KEY": DevAccount.privateKey(1)]
        let kills = try killKeeperRepeatedly(["keeper", "--config", config, "--exit-when-idle", "--log-format", "json"],
                                             environment: environment, seed: 0x6379_636c) {
            FileManager.default.fileExists(atPath: journal) ? try KeeperStore(path: journal).rebalance(id)?.phase : nil
        }
        XCTAssertGreaterThanOrEqual(kills, 3, "the keeper was killed too rarely to test restarts")
        let last = try TestSupport.runRebalancer(["keeper", "--config", config, "--exit-when-idle"],
                                                 environment: ["REBALANCER_PRIVATE_KEY": DevAccount.privateKey(1)])
        XCTAssertEqual(last.status, 0, last.stderr)
        XCTAssertTrue(last.stderr.hasSuffix("keeper: every rebalance is done or failed and nothing is due\n"), last.stderr)

        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest), nonceBefore + 3)
        let store = try KeeperStore(path: journal)
        XCTAssertEqual(try store.rebalances().map(\.id), [id])
        XCTAssertEqual(try store.events(id).map(\.phase), [.planned, .approved, .started, .bidding, .raised, .unlocked, .done])
        let recorded = try XCTUnwrap(store.rebalance(id))
        let planBytes = try Data(contentsOf: dir.appendingPathComponent("plans/e2e-\(today).plan.json"))
        XCTAssertEqual(recorded.planHash, Keccak256.hash([UInt8](planBytes)), "the plan file on disk is the plan that ran")
        let submissions = try Journal(path: journal)
        let intents = try store.intents(of: id, journal: submissions)
        XCTAssertEqual(intents.map(\.intent.id), ["\(id)/start-0", "\(id)/start-1", "\(id)/unlock"])
        for intent in intents {
            XCTAssertEqual(try submissions.transactions(ofIntent: intent.intent.id).filter { $0.status == .mined }.count, 1, intent.intent.id)
        }
    }
}

extension KeeperCycleChainTests {
    /// The keeper is the manager and a bidder (`bidding:` with `approvals: exact`): it plans on the
    /// calendar, starts the auction, approves the module for exactly each bid's need, bids while
    /// the prices beat its reference file, meets every target and unlocks early.
    func testConfiguredManagerAndBidderApprovesBidsAndUnlocksEarly() throws {
        try runManagerAndBidder(raise: nil)
    }

    /// With `raise_targets` and a raise percentage in the policy: the targets are met, raised by
    /// the keeper once, bid on again; after the duration (no early unlock with a raise percentage)
    /// the keeper unlocks.
    func testConfiguredManagerAndBidderRaisesTargets() throws {
        try runManagerAndBidder(raise: "0.0025")
    }

    func runManagerAndBidder(raise: String?) throws {
        let system = try deploy()
        let keeper = DevAccount.addresses[1]
        // The keeper's account gets the bidder's tokens (it holds none and has approved nothing).
        let balanceOf = try ABIFunction(signature: "balanceOf(address) returns (uint256)")
        for token in [system.dai, system.wbtc, system.weth] {
            let amount = try XCTUnwrap(UInt256(bigEndianBytes: Array(rpc.call(CallRequest(to: token, input: try balanceOf.encodeCall([.address(system.bidder)]))).prefix(32))))
            let sent = try TestSupport.runRebalancer(["send", token.checksummed, "transfer(address,uint256)", keeper.checksummed, amount.description,
                                                      "--rpc-url", node.url, "--chain-id", "31337",
                                                      "--journal", dir.appendingPathComponent("funding.sqlite").path],
                                                     environment: ["REBALANCER_PRIVATE_KEY": DevAccount.privateKey(3)])
            XCTAssertEqual(sent.status, 0, sent.stderr)
        }
        let today = Self.today
        let references = dir.appendingPathComponent("references.json").path
        let config = try writeConfiguration(system, calendar: Self.todayOnly, triggers: nil, start: "calendar", policyBidder: keeper,
            bidding: "{ reference_prices: references.json, margin_bps: 50, approvals: exact, max_age_seconds: 3600 }",
            raiseTargetPercentage: raise)
        let journal = dir.appendingPathComponent("keeper.sqlite").path
        let id = "e2e/\(today)"
        let nonceBefore = try rpc.transactionCount(of: keeper, at: .latest)
        let errors = Pipe()
        let process = try startKeeper(config, errors: errors)
        defer { if process.isRunning { process.terminate() } }
        let planned = try waitFor(id, .planned, journal: journal, keeper: process)

        // Reference prices 1 % on the keeper's side of each fair price in the reviewed plan, dated now.
        let plan = try JSONValue.parse(try String(contentsOfFile: dir.appendingPathComponent("plans/e2e-\(today).plan.json").path, encoding: .utf8))
        try Data(try referenceDocument(plan, asOf: Int64(Date().timeIntervalSince1970)).utf8).write(to: URL(fileURLWithPath: references))
        XCTAssertEqual(try TestSupport.runRebalancer(["approve", planned.planHash.description, "--journal", journal]).status, 0)
        if raise != nil {
            // Targets met, then raised by the keeper and bid on again; the rest waits for the duration.
            func raisedAndBidAgain() throws -> Bool {
                let kinds = try KeeperStore(path: journal).intents(of: id, journal: try Journal(path: journal))
                    .filter { $0.state == .mined }.map(\.kind)
                guard let raise = kinds.firstIndex(of: .raiseTargets) else { return false }
                return kinds[raise...].contains { if case .bid = $0 { return true } else { return false } }
            }
            for _ in 0..<600 where process.isRunning {
                if try raisedAndBidAgain() { break }
                usleep(50_000)
            }
            XCTAssertTrue(try raisedAndBidAgain(), "the keeper did not raise the targets and bid again")
            try travelPastTheAuction()
        }

        let log = finished(process, errors: errors)
        let store = try KeeperStore(path: journal)
        let intents = try store.intents(of: id, journal: try Journal(path: journal))
        XCTAssertTrue(intents.allSatisfy { $0.state == .mined }, log)
        XCTAssertEqual(try rpc.transactionCount(of: keeper, at: .latest), nonceBefore + UInt64(intents.count), "each intent sent once")
        XCTAssertFalse(try isLocked(system.set))
        guard raise != nil else {
            XCTAssertEqual(intents.map(\.kind), [.start(0), .start(1), .approval(0), .bid(0), .approval(1), .bid(1), .unlock], log)
            XCTAssertEqual(try store.events(id).last?.note, "all targets met; 2 bid(s) by the keeper mined")
            let allMet = try rpc.call(CallRequest(to: system.module, input: try ABIFunction(signature: "allTargetsMet(address)").encodeCall([.address(system.set)])))
            XCTAssertEqual(UInt256(bigEndianBytes: Array(allMet.prefix(32))), .one)
            return
        }
        // The plan also sets the raise percentage; the raise comes once every target is met, bids follow it.
        XCTAssertEqual(Array(intents.map(\.kind).prefix(8)),
                       [.start(0), .start(1), .start(2), .approval(0), .bid(0), .approval(1), .bid(1), .raiseTargets], log)
        XCTAssertEqual(intents.filter { $0.kind == .raiseTargets }.count, 1)
        XCTAssertTrue(intents.dropFirst(8).dropLast().contains { if case .bid = $0.kind { return true } else { return false } }, log)
        XCTAssertEqual(intents.last?.kind, .unlock)
        let raisedEvent = try XCTUnwrap(store.events(id).first { $0.phase == .raised })
        XCTAssertTrue(raisedEvent.note.hasSuffix("; targets were raised"), raisedEvent.note)
    }
}

extension KeeperCycleChainTests {
    /// `keeper --config` through the fault proxy: garbage and 503 answers to the snapshot's
    /// batches and the module reads, dropped answers to broadcasts. Planning and reading back off
    /// and retry; the rebalance is planned once and each transaction reaches the chain once.
    func testConfiguredKeeperThroughTheFaultProxyPlansOnceAndSendsOnce() throws {
        let system = try deploy()
        let plan = """
            [{"method": "(batch)", "action": "garbage", "times": 2},
             {"method": "(batch)", "action": "status", "status": 503, "times": 2, "skip": 1},
             {"method": "eth_call", "action": "status", "status": 503, "times": 3, "skip": 2},
             {"method": "eth_sendRawTransaction", "action": "drop_after", "times": 2}]
            """
        let logPath = dir.appendingPathComponent("proxy.log").path
        let proxy = try LocalProcess(script: "proxy.py", arguments: ["--upstream-port", String(node.port), "--plan", plan, "--log", logPath])
        defer { proxy.stop() }
        let today = Self.today
        let config = try writeConfiguration(system, calendar: Self.todayOnly, triggers: nil, start: "calendar", requireApproval: false,
                                            rpcURL: proxy.url)
        let journal = dir.appendingPathComponent("keeper.sqlite").path
        let id = "e2e/\(today)"
        let nonceBefore = try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest)
        let errors = Pipe()
        let keeper = try startKeeper(config, errors: errors)
        defer { if keeper.isRunning { keeper.terminate() } }
        _ = try waitFor(id, .bidding, journal: journal, keeper: keeper)
        try travelPastTheAuction()
        let log = finished(keeper, errors: errors)
        let lines = try log.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        XCTAssertTrue(lines.contains { $0["level"]?.stringValue == "error" && $0["index"]?.stringValue == "e2e"
            && $0["message"]?.stringValue?.hasPrefix("planning failed: rpc-url: batch(eth_chainId,eth_getBlockByNumber) to \(proxy.url): ") == true
            && $0["message"]?.stringValue?.hasSuffix("; retrying in 0.1 s") == true }, log)

        XCTAssertEqual(try KeeperStore(path: journal).rebalances().map(\.id), [id])
        XCTAssertEqual(try KeeperStore(path: journal).rebalance(id)?.phase, .done, log)
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest), nonceBefore + 3, "each transaction sent once")
        let actions = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n").map { line in
            let json = try JSONValue.parse(String(line))
            return (json["method"]?.stringValue ?? "") + " " + (json["action"]?.stringValue ?? "")
        }
        for fault in ["(batch) garbage", "(batch) status", "eth_call status", "eth_sendRawTransaction drop_after"] {
            XCTAssertTrue(actions.contains(fault), "\(fault) never fired: \(Set(actions))")
        }
    }
}

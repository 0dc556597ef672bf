import ChainModel
import Foundation
import Keeper
import Secp
import Submission
import TestSupport
import XCTest

/// The keeper on the Vyper stand-ins (auction-module §9.1): a locking plan approved by its
/// hash, sent by the keeper through the submitter, observed on chain time, unlocked after time
/// travel past the duration; a restart in the middle re-derives the same intents.
final class KeeperChainTests: LocalChainTestCase {
    func rebalancer(_ arguments: [String]) throws -> TestSupport.ProcessResult {
        let result = try TestSupport.runRebalancer(arguments)
        XCTAssertEqual(result.status, 0, "rebalancer \(arguments.prefix(2).joined(separator: " ")): \(result.stderr)")
        return result
    }


    func runner(_ path: String, policy: KeeperPolicy) throws -> KeeperRunner {
        let journal = try Journal(path: path)
        var options = SubmissionOptions()
        options.pollInterval = 0.05
        options.timeout = 30
        options.replaceAfterBlocks = nil
        let client = try RPCClient(endpoint: try RPCEndpoint(node.url))
        let key = try PrivateKey(bytes: try Hex.decode(DevAccount.privateKey(1), count: 32))
        return KeeperRunner(store: try KeeperStore(path: path), journal: journal, chain: ModuleChainReader(client: client),
                            submitter: Submitter(client: client, journal: journal, key: key, options: options),
                            clock: SystemKeeperClock(), policy: policy)
    }

    /// Deploys §9.1, snapshots it and writes a locking plan; returns the Set, the module and the plan path.
    func deployAndPlan() throws -> (set: Address, module: Address, planPath: String) {
        let deployed = try TestSupport.runPython(script: "auction_chain/deploy.py", ["--rpc-url", node.url, "--scenario", "9.1"])
        let system = try JSONValue.parse(String(decoding: deployed, as: UTF8.self))
        let set = try Address(XCTUnwrap(system["setToken"]?.stringValue))
        let module = try Address(XCTUnwrap(system["auctionModule"]?.stringValue))
        let dai = try Address(XCTUnwrap(system["tokens"]?["DAI"]?.stringValue))
        let wbtc = try Address(XCTUnwrap(system["tokens"]?["WBTC"]?.stringValue))
        let weth = try Address(XCTUnwrap(system["tokens"]?["WETH"]?.stringValue))
        let bidder = try Address(XCTUnwrap(system["accounts"]?["bidder"]?.stringValue))

        let snapshotPath = dir.appendingPathComponent("snapshot.json").path
        _ = try rebalancer(["snapshot", "--rpc-url", node.url, "--set", set.checksummed, "--module", module.checksummed, "--out", snapshotPath])
        let weights = try node.writeFile("weights.json", Scenario91PlanFiles.weights(methodology: "e2e", dai: dai, wbtc: wbtc, weth: weth))
        let prices = try node.writeFile("prices.json", Scenario91PlanFiles.prices(dai: dai, wbtc: wbtc, weth: weth))
        let policyFile = try node.writeFile("policy.yaml", Scenario91PlanFiles.policy(module: module, weth: weth, bidder: bidder, lock: true))
        let planPath = dir.appendingPathComponent("plan.json").path
        _ = try rebalancer(["plan", "--state", snapshotPath, "--weights", weights, "--prices", prices, "--policy", policyFile, "--out", planPath])
        return (set, module, planPath)
    }

    func testApprovedLockingPlanIsSentOnceObservedAndUnlockedAfterTheDuration() throws {
        let (set, module, planPath) = try deployAndPlan()
        let planBytes = try Data(contentsOf: URL(fileURLWithPath: planPath))
        let plan = try JSONValue.parse(String(decoding: planBytes, as: UTF8.self))
        let calls = try XCTUnwrap(plan["transactions"]?.arrayValue).map { tx in
            PlannedCall(to: try Address(XCTUnwrap(tx["to"]?.stringValue)),
                        data: try Hex.decode(XCTUnwrap(tx["calldata"]?.stringValue), requirePrefix: true),
                        purpose: try XCTUnwrap(tx["function"]?.stringValue))
        }
        XCTAssertEqual(calls.count, 2)
        let planHash = Keccak256.hash([UInt8](planBytes))

        let path = dir.appendingPathComponent("keeper.sqlite").path
        let lock = try JournalLock(journalPath: path)
        defer { lock.release() }
        let id = "e2e/2024-03-27"
        try KeeperStore(path: path).recordPlanned(KeeperRebalance(
            id: id, index: "e2e", chainID: 31337, keeper: DevAccount.addresses[1], module: module, setToken: set,
            planHash: planHash, startAt: SystemKeeperClock().now() - 1, locksSet: true, calls: calls))
        let policy = KeeperPolicy(requireApproval: true, bidder: false, raiseTargets: false, unlock: true)

        var keeper = try runner(path, policy: policy)
        XCTAssertEqual(try keeper.step(id), .wait("awaiting approval of plan \(planHash) (rebalancer approve \(planHash))"))
        XCTAssertEqual(try rebalancer(["approve", planHash.description, "--journal", path]).stdout,
                       "approved plan \(planHash) for \(id)\n")

        func stepUntil(_ phase: KeeperPhase) throws {
            for _ in 0..<20 {
                if try KeeperStore(path: path).rebalance(id)!.phase == phase { return }
                try keeper.step(id)
            }
            XCTFail("did not reach \(phase)")
        }
        try stepUntil(.started)
        XCTAssertTrue(try isLocked(set))
        // A restart here: the new instance re-derives the same intents and sends nothing again.
        keeper = try runner(path, policy: policy)
        try stepUntil(.bidding)
        let nonceBefore = try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest)
        guard case let .wait(reason) = try keeper.step(id) else { return XCTFail("expected a wait before the duration") }
        XCTAssertTrue(reason.hasPrefix("auction running until chain time"), reason)

        try travelPastTheAuction()
        try stepUntil(.done)
        XCTAssertFalse(try isLocked(set))
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest), nonceBefore + 1, "only the unlock was sent after start")

        let store = try KeeperStore(path: path)
        XCTAssertEqual(try store.events(id).map(\.phase), [.planned, .approved, .started, .bidding, .raised, .unlocked, .done])
        XCTAssertEqual(try store.events(id)[5].note, "unlocked by the keeper")
        let intents = try store.intents(of: id, journal: try Journal(path: path))
        XCTAssertEqual(intents.map(\.intent.id), ["\(id)/start-0", "\(id)/start-1", "\(id)/unlock"])
        XCTAssertTrue(intents.allSatisfy { $0.state == .mined })
        let status = try rebalancer(["keeper", "status", "--journal", path]).stdout
        XCTAssertTrue(status.contains("done: 1\n  \(id) [e2e] done"), status)
    }

    /// `keeper run` holds the journal: a second instance exits naming the holder; SIGTERM stops
    /// the first cleanly after its step; a wrong chain id stops the keeper before anything.
    func testOneKeeperPerJournalAndACleanStopOnSIGTERM() throws {
        let path = dir.appendingPathComponent("two.sqlite").path
        _ = try Journal(path: path)
        let planHash = Keccak256.hash(utf8: "never approved")
        try KeeperStore(path: path).recordPlanned(KeeperRebalance(
            id: "idle/1", index: "idle", chainID: 31337, keeper: DevAccount.addresses[1], module: DevAccount.addresses[2],
            setToken: DevAccount.addresses[3], planHash: planHash, startAt: 0, locksSet: true, calls: []))
        var environment = ProcessInfo.processInfo.environment
        environment["REBALANCER_PRIVATE_KEY"] = DevAccount.privateKey(1)
        let arguments = ["keeper", "run", "--journal", path, "--rpc-url", node.url, "--chain-id", "31337", "--require-approval",
                         "--poll-interval", "0.2"]

        let firstErr = Pipe()
        let first = try launchRebalancer(arguments + ["--log-format", "json"], environment: environment, errors: firstErr)
        let lockFile = path + ".lock"
        var holder = ""
        for _ in 0..<200 where holder.isEmpty {
            holder = ((try? String(contentsOfFile: lockFile, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if holder.isEmpty { usleep(50_000) }
        }
        XCTAssertEqual(holder, String(first.processIdentifier))

        let second = try TestSupport.runRebalancer(arguments, environment: environment)
        XCTAssertEqual(second.status, 1)
        XCTAssertEqual(second.stderr, "Error: journal \(path) is in use by another keeper (pid \(first.processIdentifier)); "
                       + "one keeper per journal, stop it first\n")

        usleep(500_000)
        first.terminate()
        first.waitUntilExit()
        let log = String(decoding: firstErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(first.terminationStatus, 0, log)
        let lines = try log.split(separator: "\n").map { try JSONValue.parse(String($0)) }
        XCTAssertTrue(lines.allSatisfy { $0["time"]?.stringValue?.hasSuffix("Z") == true && $0["level"]?.stringValue != nil }, log)
        XCTAssertTrue(lines.contains { $0["rebalance"]?.stringValue == "idle/1"
            && $0["message"]?.stringValue == "waiting: awaiting approval of plan \(planHash) (rebalancer approve \(planHash))" }, log)
        XCTAssertEqual(lines.last?["message"]?.stringValue, "stopped by signal after finishing the current step")
        XCTAssertEqual(try KeeperStore(path: path).rebalance("idle/1")?.phase, .planned)

        // The lock is free again; a wrong chain id stops the keeper with the node's answer.
        var wrong = arguments
        wrong[wrong.firstIndex(of: "31337")!] = "1"
        let mismatch = try TestSupport.runRebalancer(wrong, environment: environment)
        XCTAssertEqual(mismatch.status, 1)
        XCTAssertTrue(mismatch.stderr.contains("31337"), mismatch.stderr)
    }

    /// `kill -9` of `keeper run` at random moments, restarted each time, with time travel once
    /// the auction runs: the plan's two transactions and the unlock reach the chain exactly once
    /// (the manager's nonce moves by 3), and the journal ends consistent.
    func testKeeperKilledAtRandomMomentsSendsEachTransactionOnce() throws {
        let (set, _, planPath) = try deployAndPlan()
        let path = dir.appendingPathComponent("chaos.sqlite").path
        let id = "chaos/1"
        let added = try rebalancer(["keeper", "add", "--plan", planPath, "--id", id, "--index", "e2e", "--start-at", "0",
                                    "--keeper", DevAccount.addresses[1].checksummed, "--journal", path])
        let planHash = Keccak256.hash([UInt8](try Data(contentsOf: URL(fileURLWithPath: planPath))))
        XCTAssertEqual(added.stdout, "planned \(id): plan \(planHash), 2 transaction(s), start at 0\n")
        let nonceBefore = try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest)
        var environment = ProcessInfo.processInfo.environment
        environment["REBALANCER_PRIVATE_KEY"] = DevAccount.privateKey(1)
        let arguments = ["keeper", "run", "--journal", path, "--rpc-url", node.url, "--chain-id", "31337", "--poll-interval", "0.1"]

        let kills = try killKeeperRepeatedly(arguments, environment: environment, seed: 0x6b69_6c6c) {
            try KeeperStore(path: path).rebalance(id)?.phase
        }
        XCTAssertGreaterThanOrEqual(kills, 3, "the keeper was killed too rarely to test restarts")
        let last = try TestSupport.runRebalancer(arguments, environment: environment)
        XCTAssertEqual(last.status, 0, last.stderr)
        XCTAssertTrue(last.stderr.hasSuffix("keeper: every rebalance is done or failed\n"), last.stderr)

        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest), nonceBefore + 3)
        XCTAssertFalse(try isLocked(set))
        let store = try KeeperStore(path: path)
        XCTAssertEqual(try store.events(id).map(\.phase), [.planned, .approved, .started, .bidding, .raised, .unlocked, .done])
        let journal = try Journal(path: path)
        let intents = try store.intents(of: id, journal: journal)
        XCTAssertEqual(intents.map(\.intent.id), ["\(id)/start-0", "\(id)/start-1", "\(id)/unlock"])
        XCTAssertTrue(intents.allSatisfy { $0.state == .mined })
        for intent in intents {
            let transactions = try journal.transactions(ofIntent: intent.intent.id)
            XCTAssertEqual(transactions.filter { $0.status == .mined }.count, 1, intent.intent.id)
        }
    }

    /// `keeper run` through the fault proxy (dropped answers to broadcasts, 503s, garbage bodies,
    /// a dropped chain-id request): it retries and settles by hash, and still sends each
    /// transaction once.
    func testKeeperThroughTheFaultProxyRetriesAndSendsEachTransactionOnce() throws {
        let (set, _, planPath) = try deployAndPlan()
        let plan = """
            [{"method": "eth_sendRawTransaction", "action": "drop_after", "times": 2},
             {"method": "eth_call", "action": "status", "status": 503, "times": 3, "skip": 2},
             {"method": "eth_getBlockByNumber", "action": "garbage", "times": 2},
             {"method": "eth_chainId", "action": "drop_before", "times": 1}]
            """
        let logPath = dir.appendingPathComponent("proxy.log").path
        let proxy = try LocalProcess(script: "proxy.py", arguments: ["--upstream-port", String(node.port), "--plan", plan, "--log", logPath])
        defer { proxy.stop() }
        let path = dir.appendingPathComponent("faults.sqlite").path
        let id = "faults/1"
        _ = try rebalancer(["keeper", "add", "--plan", planPath, "--id", id, "--index", "e2e", "--start-at", "0",
                            "--keeper", DevAccount.addresses[1].checksummed, "--journal", path])
        let nonceBefore = try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest)
        var environment = ProcessInfo.processInfo.environment
        environment["REBALANCER_PRIVATE_KEY"] = DevAccount.privateKey(1)

        let errors = Pipe()
        let keeper = try launchRebalancer(["keeper", "run", "--journal", path, "--rpc-url", proxy.url, "--chain-id", "31337",
                                           "--poll-interval", "0.1", "--max-backoff", "0.5"], environment: environment, errors: errors)
        defer { if keeper.isRunning { keeper.terminate() } }
        var phase = KeeperPhase.planned
        for _ in 0..<600 where phase != .bidding && keeper.isRunning {
            usleep(50_000)
            phase = try XCTUnwrap(try KeeperStore(path: path).rebalance(id)).phase
        }
        XCTAssertEqual(phase, .bidding, "the keeper did not start the rebalance")
        try travelPastTheAuction()
        for _ in 0..<600 where keeper.isRunning { usleep(50_000) }
        if keeper.isRunning { keeper.terminate() }
        keeper.waitUntilExit()
        let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        XCTAssertEqual(keeper.terminationStatus, 0, log)
        XCTAssertTrue(log.hasSuffix("keeper: every rebalance is done or failed\n"), log)

        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest), nonceBefore + 3)
        XCTAssertFalse(try isLocked(set))
        XCTAssertEqual(try KeeperStore(path: path).rebalance(id)?.phase, .done)
        let actions = try String(contentsOfFile: logPath, encoding: .utf8).split(separator: "\n").map { line in
            let json = try JSONValue.parse(String(line))
            return (json["method"]?.stringValue ?? "") + " " + (json["action"]?.stringValue ?? "")
        }
        for fault in ["eth_sendRawTransaction drop_after", "eth_call status", "eth_getBlockByNumber garbage", "eth_chainId drop_before"] {
            XCTAssertTrue(actions.contains(fault), "\(fault) never fired: \(Set(actions))")
        }
        XCTAssertGreaterThanOrEqual(actions.filter { $0.hasPrefix("eth_sendRawTransaction") }.count, 3, "three transactions broadcast")
    }

    /// `keeper run --dry-run`: the next steps and a dry run of the next transaction; nothing is
    /// signed, sent or written to the journal.
    func testDryRunShowsTheNextTransactionAndChangesNothing() throws {
        let (_, module, planPath) = try deployAndPlan()
        let path = dir.appendingPathComponent("dry.sqlite").path
        _ = try rebalancer(["keeper", "add", "--plan", planPath, "--id", "dry/1", "--index", "e2e", "--start-at", "0",
                            "--keeper", DevAccount.addresses[1].checksummed, "--journal", path])
        let nonceBefore = try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest)
        let journalBefore = try Data(contentsOf: URL(fileURLWithPath: path))
        var environment = ProcessInfo.processInfo.environment
        environment["REBALANCER_PRIVATE_KEY"] = DevAccount.privateKey(1)
        let result = try TestSupport.runRebalancer(["keeper", "run", "--dry-run", "--journal", path, "--rpc-url", node.url,
                                                    "--chain-id", "31337"], environment: environment)
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, result.stderr)
        XCTAssertEqual(lines[0], "signer: \(DevAccount.addresses[1].checksummed)")
        XCTAssertEqual(lines[1], "keeper: dry/1: would be approved: approval not required")
        XCTAssertTrue(lines[2].hasPrefix("keeper: dry/1: would send start-0 (intent dry/1/start-0) to \(module.checksummed): "
                                         + "dry run succeeded, gas limit "), lines[2])
        XCTAssertEqual(lines[3], "keeper: dry run: nothing was signed or sent; the journal is unchanged")
        XCTAssertEqual(try rpc.transactionCount(of: DevAccount.addresses[1], at: .latest), nonceBefore)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), journalBefore)
        XCTAssertEqual(try KeeperStore(path: path).rebalance("dry/1")?.phase, .planned)
    }

    /// Sends the plan's transactions as the manager (account 1), as `rebalancer send` would; returns the plan.
    func sendPlanAsManager(_ planPath: String) throws -> JSONValue {
        let plan = try JSONValue.parse(try String(contentsOfFile: planPath, encoding: .utf8))
        var managerEnvironment = ProcessInfo.processInfo.environment
        managerEnvironment["REBALANCER_PRIVATE_KEY"] = DevAccount.privateKey(1)
        for tx in try XCTUnwrap(plan["transactions"]?.arrayValue) {
            let values = try XCTUnwrap(tx["arguments"]?.arrayValue).map { $0["value"]?.stringValue ?? "" }
            let sent = try TestSupport.runRebalancer(["send", try XCTUnwrap(tx["to"]?.stringValue), try XCTUnwrap(tx["function"]?.stringValue)]
                                                     + values + ["--rpc-url", node.url, "--chain-id", "31337",
                                                                 "--journal", dir.appendingPathComponent("manager.sqlite").path],
                                                     environment: managerEnvironment)
            XCTAssertEqual(sent.status, 0, sent.stderr)
        }
        return plan
    }


    func allTargetsMet(_ module: Address, _ set: Address) throws -> Bool {
        let allMet = try rpc.call(CallRequest(to: module, input: try ABIFunction(signature: "allTargetsMet(address)").encodeCall([.address(set)])))
        return UInt256(bigEndianBytes: Array(allMet.prefix(32))) == .one
    }

    /// A bidding keeper (the policy's bidder, account 3): the manager sends the plan, the keeper
    /// bids on each auction whose price beats its reference prices, within its funds, until every
    /// target is met, then unlocks early.
    func testBiddingKeeperMeetsEveryTargetAndUnlocksEarly() throws {
        let (set, module, planPath) = try deployAndPlan()
        let plan = try sendPlanAsManager(planPath)
        XCTAssertTrue(try isLocked(set))
        let references = try node.writeFile("references.json", try referenceDocument(plan))

        let bidder = DevAccount.addresses[3]
        let path = dir.appendingPathComponent("bidder.sqlite").path
        _ = try rebalancer(["keeper", "add", "--plan", planPath, "--id", "bid/1", "--index", "e2e", "--start-at", "0", "--observe-only",
                            "--keeper", bidder.checksummed, "--journal", path])
        let nonceBefore = try rpc.transactionCount(of: bidder, at: .latest)
        var environment = ProcessInfo.processInfo.environment
        environment["REBALANCER_PRIVATE_KEY"] = DevAccount.privateKey(3)
        let run = try TestSupport.runRebalancer(["keeper", "run", "--journal", path, "--rpc-url", node.url, "--chain-id", "31337",
                                                 "--poll-interval", "0.1", "--reference-prices", references, "--margin-bps", "50"],
                                                environment: environment)
        XCTAssertEqual(run.status, 0, run.stderr)

        XCTAssertTrue(try allTargetsMet(module, set))
        XCTAssertFalse(try isLocked(set))
        XCTAssertEqual(try rpc.transactionCount(of: bidder, at: .latest), nonceBefore + 3, "two bids and the unlock")
        let store = try KeeperStore(path: path)
        let intents = try store.intents(of: "bid/1", journal: try Journal(path: path))
        XCTAssertEqual(intents.map(\.kind), [.bid(0), .bid(1), .unlock])
        XCTAssertTrue(intents.allSatisfy { $0.state == .mined })
        let events = try store.events("bid/1")
        XCTAssertEqual(events.map(\.phase), [.planned, .approved, .started, .bidding, .raised, .unlocked, .done])
        XCTAssertEqual(events.last?.note, "all targets met; 2 bid(s) by the keeper mined")
    }

    /// The bidder holds the tokens but has revoked the module's allowances: with `--approvals
    /// exact` and reference prices served over HTTP (fresh `as_of`, `--reference-max-age`), the
    /// keeper approves exactly what each bid spends, as its own journaled intent mined once,
    /// before that bid, and meets every target.
    func testBiddingKeeperApprovesExactlyBeforeEachBidWithHTTPReferencePrices() throws {
        let (set, module, planPath) = try deployAndPlan()
        let plan = try sendPlanAsManager(planPath)
        let bidder = DevAccount.addresses[3]
        var environment = ProcessInfo.processInfo.environment
        environment["REBALANCER_PRIVATE_KEY"] = DevAccount.privateKey(3)

        let info = try rpc.call(CallRequest(to: module, input: try ABIFunction(signature: "rebalanceInfo(address)").encodeCall([.address(set)])))
        let quoteAsset = try Address(bytes: Array(info[12..<32]))
        let components = try XCTUnwrap(plan["trades"]?.arrayValue).map { try Address(XCTUnwrap($0["component"]?.stringValue)) }
        let allowance = try ABIFunction(signature: "allowance(address,address) returns (uint256)")
        for token in [quoteAsset] + components {
            let revoked = try TestSupport.runRebalancer(["send", token.checksummed, "approve(address,uint256)", module.checksummed, "0",
                                                         "--rpc-url", node.url, "--chain-id", "31337",
                                                         "--journal", dir.appendingPathComponent("revoke.sqlite").path], environment: environment)
            XCTAssertEqual(revoked.status, 0, revoked.stderr)
            let left = try rpc.call(CallRequest(to: token, input: try allowance.encodeCall([.address(bidder), .address(module)])))
            XCTAssertEqual(UInt256(bigEndianBytes: left), .zero, "allowance of \(token) revoked")
        }

        let files = dir.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        try Data(try referenceDocument(plan, asOf: Int64(Date().timeIntervalSince1970)).utf8).write(to: files.appendingPathComponent("prices.json"))
        let prices = try LocalProcess(script: "price_server.py", arguments: ["--directory", files.path])
        defer { prices.stop() }

        let path = dir.appendingPathComponent("approver.sqlite").path
        _ = try rebalancer(["keeper", "add", "--plan", planPath, "--id", "approve/1", "--index", "e2e", "--start-at", "0", "--observe-only",
                            "--keeper", bidder.checksummed, "--journal", path])
        let nonceBefore = try rpc.transactionCount(of: bidder, at: .latest)
        let run = try TestSupport.runRebalancer(["keeper", "run", "--journal", path, "--rpc-url", node.url, "--chain-id", "31337",
                                                 "--poll-interval", "0.1", "--reference-prices", prices.url + "/prices.json",
                                                 "--reference-max-age", "600", "--approvals", "exact", "--margin-bps", "50"],
                                                environment: environment)
        XCTAssertEqual(run.status, 0, run.stderr)

        XCTAssertTrue(try allTargetsMet(module, set))
        XCTAssertFalse(try isLocked(set))
        let store = try KeeperStore(path: path)
        let intents = try store.intents(of: "approve/1", journal: try Journal(path: path))
        XCTAssertEqual(intents.map(\.kind), [.approval(0), .bid(0), .approval(1), .bid(1), .unlock])
        XCTAssertTrue(intents.allSatisfy { $0.state == .mined })
        XCTAssertEqual(try rpc.transactionCount(of: bidder, at: .latest), nonceBefore + 5, "each intent sent once")
        let tokens = Set([quoteAsset] + components)
        for (approval, bid) in [(intents[0], intents[1]), (intents[2], intents[3])] {
            let approvalTo = try XCTUnwrap(approval.intent.to)
            XCTAssertTrue(tokens.contains(approvalTo), "approve-n goes to a token the bids spend")
            XCTAssertEqual(Array(approval.intent.data.prefix(36)), ModuleCalls.approveSelector + [UInt8](repeating: 0, count: 12) + module.bytes)
            // Exact: the amount is the bid's quote limit (sell auction: quote spent) or component amount (buy auction: component sold).
            let amount = Array(approval.intent.data[36..<68])
            let isSell = bid.intent.data.last == 1
            XCTAssertEqual(approvalTo, isSell ? quoteAsset : try Address(bytes: Array(bid.intent.data[48..<68])))
            XCTAssertEqual(amount, Array(bid.intent.data[(isSell ? 132 : 100)..<(isSell ? 164 : 132)]))
        }
        XCTAssertTrue(run.stderr.contains("sent approve-0 (intent approve/1/approve-0)"), run.stderr)
    }
}

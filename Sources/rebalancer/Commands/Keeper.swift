import ArgumentParser
import ChainModel
import Foundation
import Keeper
import Submission
#if canImport(Glibc)
import Glibc
#endif

/// `rebalancer keeper …`: the keeper's journal, read by operators.
struct KeeperCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keeper",
        abstract: "The keeper: rebalances tracked in the journal, from plan to unlock.",
        subcommands: [KeeperRun.self, KeeperAdd.self, KeeperStatus.self]
    )
}

/// `rebalancer keeper status`: what is scheduled, in flight, done and failed, from the journal.
struct KeeperStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the keeper's rebalances and their transactions from the journal.",
        discussion: """
        Reads the journal only (no lock is taken, a running keeper is not disturbed). Each \
        rebalance is listed under scheduled (planned or approved, nothing sent), in flight, done \
        or failed, with its phase, plan hash, start time and the state of each of its intents.

        Example:
          rebalancer keeper status --journal keeper.sqlite
        """
    )

    @Option(help: "The journal (SQLite) path.") var journal: String = Send.defaultJournalPath()

    func run() throws {
        guard FileManager.default.fileExists(atPath: journal) else {
            throw CommandFailure("journal: \(journal) does not exist")
        }
        let report: KeeperStatusReport
        do {
            let submissions = try Journal(path: journal)
            report = try KeeperStatusReport(store: try KeeperStore(path: journal), journal: submissions)
        } catch let error as JournalError {
            throw CommandFailure(error.description)
        } catch let error as KeeperError {
            throw CommandFailure(error.description)
        }
        print(report.text, terminator: "")
    }
}

/// `rebalancer keeper add`: records a plan file as a planned rebalance in the journal.
struct KeeperAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Record a plan (rebalancer plan --out) as a rebalance the keeper will run.",
        discussion: """
        The plan hash is keccak256 of the file's bytes; `rebalancer approve` names it. Adding the \
        same plan under the same id again does nothing; another plan under that id is refused.

        Example:
          rebalancer keeper add --plan plan.json --id ic21/2026-03-31 --index ic21 --start-at 1775000000 --keeper 0x2B5A…D6cF
        """
    )

    @Option(help: "The plan document.") var plan: String
    @Option(help: "The rebalance id (unique in the journal; intent ids start with it).") var id: String
    @Option(help: "The index name.") var index: String
    @Option(name: .customLong("start-at"), help: "When the plan may be sent: Unix seconds (UTC).") var startAt: Int64
    @Option(help: "The keeper's signing address (the sender of every transaction).") var keeper: String
    @Option(help: "The auction module (required for the extension route).") var module: String?
    @Flag(name: .customLong("observe-only"), help: "The plan's transactions are sent by someone else (the manager); the keeper only bids and unlocks.") var observeOnly = false
    @Option(help: "The journal (SQLite) path.") var journal: String = Send.defaultJournalPath()

    func run() throws {
        guard !id.isEmpty, id.count <= 100, !id.contains(where: { $0.isWhitespace }) else {
            throw CommandFailure("id: \(id.prefix(100)) must be 1 to 100 characters without spaces")
        }
        let keeperAddress: Address
        do { keeperAddress = try Address(keeper) } catch { throw CommandFailure("keeper: \(keeper.prefix(60)): \(error)") }
        var moduleAddress: Address? = nil
        if let module {
            do { moduleAddress = try Address(module) } catch { throw CommandFailure("module: \(module.prefix(60)): \(error)") }
        }
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: plan))) } catch {
            throw CommandFailure("plan: \(plan): cannot read (\(error.localizedDescription))")
        }
        do {
            var record = try KeeperRebalance(id: id, index: index, planDocument: bytes, keeper: keeperAddress, startAt: startAt,
                                             module: moduleAddress)
            if observeOnly { record.calls = [] }
            _ = try Journal(path: journal)
            try KeeperStore(path: journal).recordPlanned(record)
            print("planned \(id): plan \(record.planHash), \(record.calls.count) transaction(s), start at \(startAt)")
        } catch let error as KeeperError {
            throw CommandFailure(error.description)
        } catch let error as JournalError {
            throw CommandFailure(error.description)
        }
    }
}

/// Set by SIGINT/SIGTERM; the run loop finishes its step and exits.
nonisolated(unsafe) var keeperStopRequested: sig_atomic_t = 0

extension ApprovalPolicy: ExpressibleByArgument {}

/// `rebalancer keeper run`: steps every unfinished rebalance of the journal until all are done.
struct KeeperRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the keeper over the journal's rebalances until every one is done or failed.",
        discussion: """
        Takes the journal's exclusive lock (a second keeper on the same journal exits with a \
        message naming the holder), checks --chain-id against the node, then repeatedly takes \
        one step per unfinished rebalance: approval, the plan's transactions at the calendar \
        time, observation of the auction on chain time, unlock. Every decision is written to \
        the journal before it is acted on; a killed keeper restarted on the same journal \
        continues without sending anything twice. Node failures back off and retry; a wrong \
        chain id stops the keeper. SIGINT/SIGTERM finish the current step and exit with status 0.

        Example:
          rebalancer keeper run --journal keeper.sqlite --rpc-url http://127.0.0.1:8545 --chain-id 1 --require-approval
        """
    )

    @OptionGroup var node: RPCOptions
    @OptionGroup var keys: KeyOptions
    @Option(help: "The journal (SQLite) path.") var journal: String = Send.defaultJournalPath()
    @Flag(name: .customLong("require-approval"), help: "Send nothing until the plan hash is approved (rebalancer approve).") var requireApproval = false
    @Flag(name: .customLong("raise-targets"), help: "Call raiseAssetTargets when the targets are met with quote asset left.") var raiseTargets = false
    @Flag(name: .customLong("no-unlock"), help: "Never call unlock (leave it to someone else).") var noUnlock = false
    @Option(name: .customLong("poll-interval"), help: "Seconds between steps when every rebalance waits.") var pollInterval: Double = 5
    @Option(name: .customLong("max-backoff"), help: "Longest wait, in seconds, between retries after a node failure.") var maxBackoff: Double = 60
    @Option(help: "Confirmations each transaction waits for.") var confirmations: UInt64 = 1
    @Option(name: .customLong("reference-prices"), help: "Bid against these reference prices: a rebalancer/reference-prices@1 JSON file, or an http(s):// URL serving one (read again on every evaluation).") var referencePrices: String?
    @Option(name: .customLong("reference-max-age"), help: "Bid only on reference prices whose as_of is at most this many seconds old.") var referenceMaxAge: Int64?
    @Option(help: "ERC-20 approvals for bids: off (bids capped by the allowance), exact or unlimited (approve the module first).") var approvals: ApprovalPolicy = .off
    @Option(name: .customLong("margin-bps"), help: "The edge demanded against the reference price, in basis points.") var marginBasisPoints: UInt64 = 50
    @Flag(name: .customLong("dry-run"), help: "One pass on a copy of the journal: show each rebalance's next steps and dry-run its next transaction; sign and send nothing.") var dryRun = false
    @Option(name: .customLong("log-format"), help: "Log lines on standard error: text, or json (one object a line).") var logFormat: LogFormat = .text

    /// How log lines are written.
    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        /// `keeper: <rebalance>: <message>`.
        case text
        /// `{"level":…,"message":…,"rebalance":…,"time":…}` (UTC, ISO 8601).
        case json
    }

    /// Writes one log line on standard error.
    func log(_ message: String, rebalance: String? = nil, level: String = "info") {
        let line: String
        switch logFormat {
        case .text:
            line = "keeper: " + (rebalance.map { "\($0): " } ?? "") + message
        case .json:
            var fields: [(String, JSONValue)] = [("time", .string(ISO8601DateFormatter().string(from: Date()))),
                                                 ("level", .string(level))]
            if let rebalance { fields.append(("rebalance", .string(rebalance))) }
            fields.append(("message", .string(message)))
            line = JSONValue.object(fields).serialized
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Sleeps up to `seconds`, waking early on SIGINT/SIGTERM.
    static func pause(_ seconds: Double) {
        var left = seconds
        while left > 0 && keeperStopRequested == 0 {
            usleep(UInt32(min(left, 0.1) * 1_000_000))
            left -= 0.1
        }
    }

    static func describe(_ decision: KeeperDecision) -> String {
        switch decision {
        case let .wait(reason): return "waiting: \(reason)"
        case let .transition(phase, note): return "\(phase.rawValue): \(note)"
        case let .submit(kind, intent): return "sent \(kind) (intent \(intent.id))"
        case .finished: return "finished"
        }
    }

    func run() throws {
        guard let chainID = node.chainID else {
            throw CommandFailure("chain-id: required; the keeper never runs against an unchecked chain")
        }
        guard pollInterval > 0, pollInterval <= 3600, maxBackoff >= pollInterval else {
            throw CommandFailure("poll-interval: \(pollInterval) must be in (0, 3600] and at most --max-backoff (\(maxBackoff))")
        }
        guard (1...1000).contains(confirmations) else { throw CommandFailure("confirmations: \(confirmations) must be between 1 and 1000") }
        if dryRun { return try previewAll(chainID: chainID) }
        guard marginBasisPoints < 10_000 else { throw CommandFailure("margin-bps: \(marginBasisPoints) must be below 10000") }
        let prices = try KeeperRun.priceSource(referencePrices, maxAge: referenceMaxAge)
        let lock: JournalLock
        do { lock = try JournalLock(journalPath: journal) } catch { throw CommandFailure(error.description) }
        defer { lock.release() }
        let client = try node.client()
        let key = try keys.loadKey(announce: logFormat == .text)
        let store: KeeperStore
        let submissions: Journal
        do {
            submissions = try Journal(path: journal)
            store = try KeeperStore(path: journal)
        } catch let error as JournalError {
            throw CommandFailure(error.description)
        } catch let error as KeeperError {
            throw CommandFailure(error.description)
        }
        var options = SubmissionOptions()
        options.confirmations = confirmations
        let submitter = Submitter(client: client, journal: submissions, key: key, options: options)
        submitter.progress = { [self] in log($0, level: "debug") }
        let bidding = prices.map { ModuleChainReader.Bidding(bidder: key.address, prices: $0, marginBasisPoints: marginBasisPoints,
                                                             approvals: approvals) }
        let runner = KeeperRunner(store: store, journal: submissions, chain: ModuleChainReader(client: client, bidding: bidding),
                                  submitter: submitter, clock: SystemKeeperClock(),
                                  policy: KeeperPolicy(requireApproval: requireApproval, bidder: bidding != nil, raiseTargets: raiseTargets,
                                                       unlock: !noUnlock))
        signal(SIGINT) { _ in keeperStopRequested = 1 }
        signal(SIGTERM) { _ in keeperStopRequested = 1 }
        log("running on journal \(journal), chain \(chainID), signer \(key.address.checksummed)")
        var backoff = pollInterval
        var lastLine: [String: String] = [:]
        while keeperStopRequested == 0 {
            let open: [KeeperRebalance]
            do { open = try store.rebalances().filter { !$0.phase.isFinal } } catch { throw CommandFailure(error.description) }
            if open.isEmpty {
                log("every rebalance is done or failed")
                return
            }
            var progressed = false
            var failed: KeeperRunError? = nil
            for rebalance in open where keeperStopRequested == 0 {
                guard rebalance.chainID == chainID, rebalance.keeper == key.address else {
                    throw CommandFailure("rebalance \(rebalance.id): planned for chain \(rebalance.chainID) and keeper \(rebalance.keeper), "
                                         + "not chain \(chainID) and signer \(key.address); refusing to run it")
                }
                do {
                    let decision = try runner.step(rebalance.id)
                    let line = KeeperRun.describe(decision)
                    if lastLine[rebalance.id] != line { log(line, rebalance: rebalance.id) }
                    lastLine[rebalance.id] = line
                    if case .wait = decision {} else { progressed = true }
                } catch {
                    guard error.isRetryable else { throw CommandFailure("\(rebalance.id): \(error.description)") }
                    log("\(error.description); retrying in \(Int(backoff)) s", rebalance: rebalance.id, level: "warning")
                    failed = error
                }
            }
            if failed != nil {
                KeeperRun.pause(backoff)
                backoff = min(backoff * 2, maxBackoff)
            } else {
                backoff = pollInterval
                if !progressed { KeeperRun.pause(pollInterval) }
            }
        }
        log("stopped by signal after finishing the current step")
    }

    /// The reference price source `--reference-prices` names (an http(s) URL or a file path),
    /// checked for shape only: a source that cannot be read later costs a bid, never the keeper.
    static func priceSource(_ argument: String?, maxAge: Int64?) throws -> (any ReferencePriceSource)? {
        if let maxAge, !(1...31_536_000).contains(maxAge) {
            throw CommandFailure("reference-max-age: \(maxAge) must be between 1 and 31536000 seconds")
        }
        guard let argument else {
            if maxAge != nil { throw CommandFailure("reference-max-age: needs --reference-prices") }
            return nil
        }
        let freshness = ReferencePriceFreshness(maxAge: maxAge)
        let lower = argument.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            do { return ReferencePriceURL(endpoint: try RPCEndpoint(argument), freshness: freshness) } catch {
                throw CommandFailure("reference-prices: \(error.description.replacingOccurrences(of: "rpc-url: ", with: ""))")
            }
        }
        guard !argument.isEmpty, !argument.contains("://") else {
            throw CommandFailure("reference-prices: \(argument.prefix(60)) must be a file path or an http(s):// URL")
        }
        return ReferencePriceFile(path: argument, freshness: freshness)
    }

    /// `--dry-run`: previews every unfinished rebalance on a copy of the journal and dry-runs the
    /// transaction each would send next (eth_call and eth_estimateGas from the keeper's address).
    func previewAll(chainID: UInt64) throws {
        guard FileManager.default.fileExists(atPath: journal) else { throw CommandFailure("journal: \(journal) does not exist") }
        let client = try node.client()
        let key = try keys.loadKey(announce: logFormat == .text)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rebalancer-keeper-dry-run-\(getpid())")
        try? FileManager.default.removeItem(at: scratch)
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: journal, toPath: scratch.appendingPathComponent("journal.sqlite").path)
        } catch {
            throw CommandFailure("journal: cannot copy \(journal) for the dry run (\(error.localizedDescription))")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let copy = scratch.appendingPathComponent("journal.sqlite").path
        let runner: KeeperRunner
        do {
            let submissions = try Journal(path: copy)
            runner = KeeperRunner(store: try KeeperStore(path: copy), journal: submissions, chain: ModuleChainReader(client: client),
                                  submitter: Submitter(client: client, journal: submissions, key: key), clock: SystemKeeperClock(),
                                  policy: KeeperPolicy(requireApproval: requireApproval, bidder: false, raiseTargets: raiseTargets,
                                                       unlock: !noUnlock))
        } catch let error as JournalError {
            throw CommandFailure(error.description)
        } catch let error as KeeperError {
            throw CommandFailure(error.description)
        }
        let open: [KeeperRebalance]
        do { open = try runner.store.rebalances().filter { !$0.phase.isFinal } } catch { throw CommandFailure(error.description) }
        for rebalance in open {
            guard rebalance.chainID == chainID, rebalance.keeper == key.address else {
                throw CommandFailure("rebalance \(rebalance.id): planned for chain \(rebalance.chainID) and keeper \(rebalance.keeper), "
                                     + "not chain \(chainID) and signer \(key.address)")
            }
            let decisions: [KeeperDecision]
            do { decisions = try runner.preview(rebalance.id) } catch { throw CommandFailure("\(rebalance.id): \(error.description)") }
            for decision in decisions {
                guard case let .submit(kind, intent) = decision else {
                    log("would be " + KeeperRun.describe(decision), rebalance: rebalance.id)
                    continue
                }
                let request = CallRequest(from: intent.sender, to: intent.to, input: intent.data, value: intent.value)
                let report: DryRunReport
                do { report = try DryRunner.run(request, client: client) } catch { throw CommandFailure(error.description) }
                switch report.outcome {
                case let .success(_, _, gasLimit):
                    log("would send \(kind) (intent \(intent.id)) to \(intent.to?.checksummed ?? "-"): dry run succeeded, gas limit \(gasLimit)",
                        rebalance: rebalance.id)
                case let .reverted(reason, _):
                    log("would send \(kind) (intent \(intent.id)) to \(intent.to?.checksummed ?? "-"): dry run reverted: \(reason.executionSummary)",
                        rebalance: rebalance.id, level: "warning")
                }
            }
        }
        log("dry run: nothing was signed or sent; the journal is unchanged")
    }
}

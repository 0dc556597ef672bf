import ArgumentParser
import AuctionPlanner
import ChainModel
import Foundation
import Keeper
import Logging
import Submission
#if canImport(Glibc)
import Glibc
#endif

/// `rebalancer keeper …`: the keeper's journal, read by operators.
struct KeeperCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keeper",
        abstract: "The keeper: plans each index on its calendar or triggers and runs every rebalance to unlock (default: run).",
        subcommands: [KeeperRun.self, KeeperAdd.self, KeeperStatus.self],
        defaultSubcommand: KeeperRun.self
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
        or failed, with its phase, plan hash, start time and the state of each of its intents. \
        With --config, the journal is the configured one and an `upcoming` section follows: each \
        index's open or next calendar rebalance (data snapshot and auction window, UTC) and its \
        trigger checks.

        Examples:
          rebalancer keeper status --journal keeper.sqlite
          rebalancer keeper status --config keeper.yaml --json
        """
    )

    @Option(help: "The journal (SQLite) path.") var journal: String?
    @Option(help: "The keeper configuration: its journal, and each index's next calendar rebalance.") var config: String?
    @Flag(help: "Print the report as JSON (with --config, an `upcoming` list too).") var json = false

    func validate() throws {
        if config != nil && journal != nil { throw ValidationError("--journal: the journal comes from --config; give one of them") }
    }

    func run() throws {
        let parsed = try config.map { try KeeperRun.loadConfig($0) }
        let journal = parsed?.journal ?? self.journal ?? Send.defaultJournalPath()
        let exists = FileManager.default.fileExists(atPath: journal)
        // A configured keeper that has not run yet has no journal: nothing recorded, only what is upcoming.
        guard exists || parsed != nil else {
            throw CommandFailure("journal: \(journal) does not exist")
        }
        let report: KeeperStatusReport
        do {
            report = exists ? try KeeperStatusReport(store: try KeeperStore(path: journal), journal: try Journal(path: journal))
                : KeeperStatusReport()
        } catch let error as JournalError {
            throw CommandFailure(error.description)
        } catch let error as KeeperError {
            throw CommandFailure(error.description)
        }
        let upcoming = try parsed.map { try KeeperStatus.upcoming($0, now: SystemKeeperClock().now()) }
        if json {
            guard case var .object(fields) = report.json else { return }
            if let upcoming { fields.append(("upcoming", KeeperStatus.upcomingJSON(upcoming))) }
            print(JSONValue.object(fields).pretty)
        } else {
            print(report.text, terminator: "")
            if let upcoming { print(KeeperStatus.upcomingText(upcoming), terminator: "") }
        }
    }

    /// One index's schedule as `keeper status --config` shows it.
    struct Upcoming {
        var index: IndexConfig
        /// The open (or else the next) calendar rebalance, when the index starts on the calendar.
        var event: (id: String, open: Bool, snapshotAt: Int64, start: Int64, end: Int64)?
        /// Whether the index starts on the calendar and its calendar has no event within 400 days.
        var calendarEmpty: Bool
    }

    /// Each configured index's open or next calendar rebalance, read from its methodology at `now`.
    static func upcoming(_ config: KeeperConfig, now: Int64) throws -> [Upcoming] {
        try config.indexes.map { index in
            let methodology = try KeeperRun.rejectingErrors {
                try Methodology.parse(try MarketData.readText(path: index.methodology), file: index.methodology)
            }
            guard index.start.usesCalendar, let calendar = methodology.calendar else {
                return Upcoming(index: index, event: nil, calendarEmpty: false)
            }
            let open = IndexCycle.openEvent(calendar: calendar, now: now)
            guard let event = open ?? IndexCycle.nextEvent(calendar: calendar, now: now) else {
                return Upcoming(index: index, event: nil, calendarEmpty: true)
            }
            return Upcoming(index: index, event: (IndexCycle.rebalanceID(index: index.name, event: event), open != nil,
                                                  IndexCycle.snapshotTime(of: event, calendar: calendar),
                                                  event.auctionStartUnixSeconds, event.auctionEndUnixSeconds), calendarEmpty: false)
        }
    }

    /// The `upcoming:` text section: per index, the calendar rebalance whose window is open or the
    /// next one (rebalance day, data snapshot time, auction window, UTC), and the trigger checks.
    static func upcomingText(_ items: [Upcoming]) -> String {
        var lines = ["upcoming:"]
        for item in items {
            var parts: [String] = []
            if let e = item.event {
                parts.append("\(e.open ? "open" : "next") calendar rebalance \(e.id): data snapshot \(stamp(e.snapshotAt)), "
                             + "auction \(stamp(e.start)) to \(stamp(e.end))")
            } else if item.calendarEmpty {
                parts.append("no calendar rebalance within 400 days")
            }
            if item.index.start.usesTriggers { parts.append("triggers checked every \(item.index.triggerCheckSeconds) s on the latest data") }
            lines.append("  \(item.index.name): " + parts.joined(separator: "; ")
                         + (item.index.keeperPolicy.requireApproval ? "; plans need approval" : "; plans run without approval"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `upcoming` JSON list: `index`, `calendar` (`id`, `open`, `snapshot_at`, `auction_start`,
    /// `auction_end`, Unix seconds; null without one), `trigger_check_seconds` (null when the index
    /// does not start on triggers), `require_approval`.
    static func upcomingJSON(_ items: [Upcoming]) -> JSONValue {
        .array(items.map { item in
            let calendar: JSONValue = item.event.map { e in
                .object([("id", .string(e.id)), ("open", .bool(e.open)), ("snapshot_at", .number(String(e.snapshotAt))),
                         ("auction_start", .number(String(e.start))), ("auction_end", .number(String(e.end)))])
            } ?? .null
            return .object([("index", .string(item.index.name)), ("calendar", calendar),
                            ("trigger_check_seconds", item.index.start.usesTriggers ? .number(String(item.index.triggerCheckSeconds)) : .null),
                            ("require_approval", .bool(item.index.keeperPolicy.requireApproval))])
        })
    }

    /// `YYYY-MM-DD HH:MM UTC`.
    static func stamp(_ seconds: Int64) -> String {
        let day = Day(unixSeconds: seconds)
        let rest = Int(seconds - day.unixSeconds)
        return "\(day) \(Format.fixedWidth(rest / 3600)):\(Format.fixedWidth(rest % 3600 / 60)) UTC"
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
    @Option(name: .customLong("expires-at"), help: "When an unsent plan goes stale and fails instead of starting late: Unix seconds (UTC).") var expiresAt: Int64?
    @Option(help: "The keeper's signing address (the sender of every transaction).") var keeper: String
    @Option(help: "The auction module (required for the extension route).") var module: String?
    @Flag(name: .customLong("observe-only"), help: "The plan's transactions are sent by someone else (the manager); the keeper only bids and unlocks.") var observeOnly = false
    @Option(help: "The journal (SQLite) path.") var journal: String = Send.defaultJournalPath()

    func run() throws {
        guard !id.isEmpty, id.count <= 100, !id.contains(where: { $0.isWhitespace }) else {
            throw CommandFailure("id: \(id.prefix(100)) must be 1 to 100 characters without spaces")
        }
        if let expiresAt, expiresAt <= startAt {
            throw CommandFailure("expires-at: \(expiresAt) must be after --start-at \(startAt)")
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
            var record = try KeeperRebalance(id: id, index: index, planDocument: bytes, keeper: keeperAddress, startAt: startAt, expiresAt: expiresAt,
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

extension KeeperLogFormat: ExpressibleByArgument {}
extension ApprovalPolicy: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}

/// `rebalancer keeper [run]`: the long-running keeper, from a configuration file or over the
/// journal's recorded rebalances.
struct KeeperRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the keeper: plan on the methodology's calendar or triggers (--config), approve, start, bid, unlock.",
        discussion: """
        With --config keeper.yaml (rebalancer/keeper@1; see examples/keeper/keeper.yaml) the keeper \
        runs each configured index's cycle: at the calendar's snapshot time (or when the trigger \
        rules fire) it reads the Set's state, computes the weights and the plan, writes the \
        snapshot, weights and plan files to plans_dir and records the plan in the journal; it waits \
        for `rebalancer approve <plan hash>` when the index requires approval; it sends the plan's \
        transactions at the calendar's auction start (UTC wall time), follows the auction on chain \
        time, bids when configured, raises targets and unlocks. Without --config it runs the \
        rebalances recorded with `keeper add`, with the switches given as options.

        Takes the journal's exclusive lock (a second keeper on the same journal exits with a \
        message naming the holder) and checks the chain id against the node. Every decision is \
        written to the journal before it is acted on; a killed keeper restarted on the same \
        journal continues without sending anything twice. Node failures back off and retry; a \
        wrong chain id stops the keeper. SIGINT/SIGTERM finish the current step and exit with \
        status 0. Logs go to standard error through swift-log, as text or JSON lines.

        Examples:
          rebalancer keeper --config keeper.yaml --keystore keeper.json --password-file pw.txt
          rebalancer keeper run --journal keeper.sqlite --rpc-url http://127.0.0.1:8545 --chain-id 1 --require-approval
        """
    )

    @Option(help: "The keeper configuration (rebalancer/keeper@1 YAML): journal, chain, indexes.") var config: String?
    @OptionGroup var node: RPCOptions
    @OptionGroup var keys: KeyOptions
    @Option(help: "The journal (SQLite) path (without --config).") var journal: String?
    @Flag(name: .customLong("require-approval"), help: "Send nothing until the plan hash is approved (without --config).") var requireApproval = false
    @Flag(name: .customLong("raise-targets"), help: "Call raiseAssetTargets when the targets are met with quote asset left (without --config).") var raiseTargets = false
    @Flag(name: .customLong("no-unlock"), help: "Never call unlock (without --config).") var noUnlock = false
    @Option(name: .customLong("poll-interval"), help: "Seconds between steps when every rebalance waits (default 5; without --config).") var pollInterval: Double?
    @Option(name: .customLong("max-backoff"), help: "Longest wait, in seconds, between retries after a failure (default 60; without --config).") var maxBackoff: Double?
    @Option(help: "Confirmations each transaction waits for (default 1; without --config).") var confirmations: UInt64?
    @Option(name: .customLong("reference-prices"), help: "Bid against these reference prices: a rebalancer/reference-prices@1 JSON file, or an http(s):// URL serving one, read again on every evaluation (without --config).") var referencePrices: String?
    @Option(name: .customLong("reference-max-age"), help: "Bid only on reference prices whose as_of is at most this many seconds old (without --config).") var referenceMaxAge: Int64?
    @Option(help: "ERC-20 approvals for bids: off (bids capped by the allowance), exact or unlimited (approve the module first; without --config).") var approvals: ApprovalPolicy = .off
    @Option(name: .customLong("margin-bps"), help: "The edge demanded against the reference price, in basis points (default 50; without --config).") var marginBasisPoints: UInt64?
    @Flag(name: .customLong("dry-run"), help: "One pass on a copy of the journal: plan what is due (files in <plans_dir>/dry-run), show each rebalance's next steps and dry-run its next transaction; sign and send nothing.") var dryRun = false
    @Flag(name: .customLong("exit-when-idle"), help: "With --config: exit once every rebalance is done or failed and nothing is due now.") var exitWhenIdle = false
    @Option(name: .customLong("log-format"), help: "Log lines on standard error: text, or json (one object a line).") var logFormat: KeeperLogFormat = .text
    @Option(name: .customLong("log-level"), help: "The least level logged: trace, debug, info, notice, warning, error, critical.") var logLevel: Logger.Level = .info

    func validate() throws {
        guard config != nil else { return }
        var given: [String] = []
        if journal != nil { given.append("--journal") }
        if requireApproval { given.append("--require-approval") }
        if raiseTargets { given.append("--raise-targets") }
        if noUnlock { given.append("--no-unlock") }
        if referencePrices != nil { given.append("--reference-prices") }
        if referenceMaxAge != nil { given.append("--reference-max-age") }
        if approvals != .off { given.append("--approvals") }
        if pollInterval != nil { given.append("--poll-interval") }
        if maxBackoff != nil { given.append("--max-backoff") }
        if confirmations != nil { given.append("--confirmations") }
        if marginBasisPoints != nil { given.append("--margin-bps") }
        if node.chainID != nil { given.append("--chain-id") }
        if !given.isEmpty {
            throw ValidationError("\(given.joined(separator: ", ")): set per index or for the keeper in the --config file, not on the command line")
        }
    }

    /// `--margin-bps`, default 50.
    var margin: UInt64 { marginBasisPoints ?? 50 }

    var logger: Logger {
        let (format, level) = (logFormat, logLevel)
        return Logger(label: "rebalancer.keeper") { _ in KeeperLogHandler(format: format, level: level) }
    }

    /// `0.1 s`, `2 s`, `60 s`: a wait as the log shows it.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
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

    static func rejectingErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as JournalError {
            throw CommandFailure(error.description)
        } catch let error as KeeperError {
            throw CommandFailure(error.description)
        } catch let error as CyclePlanError {
            throw CommandFailure(error.description)
        } catch let error as InputFileError {
            throw CommandFailure(error.description)
        }
    }

    func run() throws {
        if let config {
            let parsed = try KeeperRun.loadConfig(config)
            try runLoop(configured: parsed)
        } else {
            try runLoop(configured: nil)
        }
    }

    static func loadConfig(_ path: String) throws -> KeeperConfig {
        let text: String
        do { text = try MarketData.readText(path: path) } catch { throw CommandFailure(error.description) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try rejectingErrors { try KeeperConfig.parse(text, file: path, directory: directory) }
    }

    func runLoop(configured config: KeeperConfig?) throws {
        let chainID: UInt64
        let journalPath: String
        let poll: Double, backoffLimit: Double, depth: UInt64
        if let config {
            (chainID, journalPath, poll, backoffLimit, depth) = (config.chainID, config.journal, config.pollSeconds, config.maxBackoffSeconds,
                                                                 config.confirmations)
        } else {
            guard let given = node.chainID else {
                throw CommandFailure("chain-id: required; the keeper never runs against an unchecked chain")
            }
            let (pollInterval, maxBackoff, confirmations) = (self.pollInterval ?? 5, self.maxBackoff ?? 60, self.confirmations ?? 1)
            guard pollInterval > 0, pollInterval <= 3600, maxBackoff >= pollInterval else {
                throw CommandFailure("poll-interval: \(pollInterval) must be in (0, 3600] and at most --max-backoff (\(maxBackoff))")
            }
            guard (1...1000).contains(confirmations) else { throw CommandFailure("confirmations: \(confirmations) must be between 1 and 1000") }
            guard margin < 10_000 else { throw CommandFailure("margin-bps: \(margin) must be below 10000") }
            (chainID, journalPath, poll, backoffLimit, depth) = (given, journal ?? Send.defaultJournalPath(), pollInterval, maxBackoff, confirmations)
        }
        var options = node
        options.chainID = chainID
        if let url = config?.rpcURL, options.rpcURL == nil { options.rpcURL = url }
        // Price sources are checked (not read) before anything is touched; a bad one stops the keeper here.
        var prices: [String: any ReferencePriceSource] = [:]
        for index in config?.indexes ?? [] {
            if let b = index.bidding { prices[index.name] = try KeeperRun.priceSource(b.referencePrices, maxAge: b.maxAgeSeconds) }
        }
        let journalPrices = config == nil ? try KeeperRun.priceSource(referencePrices, maxAge: referenceMaxAge) : nil
        if dryRun { return try previewAll(config: config, chainID: chainID, journalPath: journalPath, node: options) }

        let logger = self.logger
        let lock: JournalLock
        do { lock = try JournalLock(journalPath: journalPath) } catch { throw CommandFailure(error.description) }
        defer { lock.release() }
        let client = try options.client()
        let key = try keys.loadKey(announce: logFormat == .text)
        if let expected = config?.signer, expected != key.address {
            throw CommandFailure("signer: the configuration names \(expected.checksummed); the key given is \(key.address.checksummed)")
        }
        let (store, submissions) = try KeeperRun.rejectingErrors { (try KeeperStore(path: journalPath), try Journal(path: journalPath)) }
        var submission = SubmissionOptions()
        submission.confirmations = depth
        let submitter = Submitter(client: client, journal: submissions, key: key, options: submission)
        submitter.progress = { logger.info("\($0)") }

        var runners: [String: KeeperRunner] = [:]
        var schedulers: [IndexScheduler] = []
        var defaultRunner: KeeperRunner?
        if let config {
            do { try FileManager.default.createDirectory(atPath: config.plansDirectory, withIntermediateDirectories: true) } catch {
                throw CommandFailure("plans_dir: cannot create \(config.plansDirectory) (\(error.localizedDescription))")
            }
            for index in config.indexes {
                let bidding = index.bidding.flatMap { b in
                    prices[index.name].map { ModuleChainReader.Bidding(bidder: key.address, prices: $0, marginBasisPoints: b.marginBasisPoints,
                                                                       approvals: b.approvals) }
                }
                runners[index.name] = KeeperRunner(store: store, journal: submissions, chain: ModuleChainReader(client: client, bidding: bidding),
                                                   submitter: submitter, clock: SystemKeeperClock(), policy: index.keeperPolicy)
                let maker = IndexPlanMaker(index: index, chainID: chainID, keeper: key.address, plansDirectory: config.plansDirectory,
                                           state: RPCSetStateReader(client: client))
                schedulers.append(try KeeperRun.rejectingErrors {
                    try IndexScheduler(index: index, maker: maker, store: store, clock: SystemKeeperClock(), logger: logger)
                })
            }
        } else {
            let bidding = journalPrices.map { ModuleChainReader.Bidding(bidder: key.address, prices: $0, marginBasisPoints: margin,
                                                                        approvals: approvals) }
            defaultRunner = KeeperRunner(store: store, journal: submissions, chain: ModuleChainReader(client: client, bidding: bidding),
                                         submitter: submitter, clock: SystemKeeperClock(),
                                         policy: KeeperPolicy(requireApproval: requireApproval, bidder: bidding != nil, raiseTargets: raiseTargets,
                                                              unlock: !noUnlock))
        }
        signal(SIGINT) { _ in keeperStopRequested = 1 }
        signal(SIGTERM) { _ in keeperStopRequested = 1 }
        let indexes = config.map { ", \($0.indexes.count) index(es) from \(self.config ?? "")" } ?? ""
        logger.info("running on journal \(journalPath), chain \(chainID), signer \(key.address.checksummed)\(indexes)")
        var backoff = poll
        var lastLine: [String: String] = [:]
        var ignored = Set<String>()
        while keeperStopRequested == 0 {
            var progressed = false
            var failed = false
            var idle = true
            for scheduler in schedulers where keeperStopRequested == 0 {
                do {
                    switch try scheduler.tick() {
                    case .planned: progressed = true; idle = false
                    case .busy: idle = false
                    case .checked, .idle: break
                    }
                } catch {
                    scheduler.logger.error("planning failed: \(error.description); retrying in \(KeeperRun.seconds(backoff))")
                    failed = true
                    idle = false
                }
            }
            let open: [KeeperRebalance]
            do { open = try store.rebalances().filter { !$0.phase.isFinal } } catch { throw CommandFailure(error.description) }
            if config == nil && open.isEmpty {
                logger.info("every rebalance is done or failed")
                return
            }
            for rebalance in open where keeperStopRequested == 0 {
                guard let runner = defaultRunner ?? runners[rebalance.index] else {
                    if ignored.insert(rebalance.id).inserted {
                        logger.warning("index \(rebalance.index) is not in the configuration; not running it", metadata: ["rebalance": .string(rebalance.id)])
                    }
                    continue
                }
                idle = false
                guard rebalance.chainID == chainID, rebalance.keeper == key.address else {
                    throw CommandFailure("rebalance \(rebalance.id): planned for chain \(rebalance.chainID) and keeper \(rebalance.keeper), "
                                         + "not chain \(chainID) and signer \(key.address); refusing to run it")
                }
                do {
                    let decision = try runner.step(rebalance.id)
                    let line = KeeperRun.describe(decision)
                    if lastLine[rebalance.id] != line {
                        logger.info("\(line)", metadata: ["rebalance": .string(rebalance.id), "index": .string(rebalance.index)])
                    }
                    lastLine[rebalance.id] = line
                    if case .wait = decision {} else { progressed = true }
                } catch {
                    guard error.isRetryable else { throw CommandFailure("\(rebalance.id): \(error.description)") }
                    logger.warning("\(error.description); retrying in \(KeeperRun.seconds(backoff))", metadata: ["rebalance": .string(rebalance.id)])
                    failed = true
                }
            }
            if config != nil && exitWhenIdle && idle && !failed {
                logger.info("every rebalance is done or failed and nothing is due")
                return
            }
            if failed {
                KeeperRun.pause(backoff)
                backoff = min(backoff * 2, backoffLimit)
            } else {
                backoff = poll
                if !progressed { KeeperRun.pause(poll) }
            }
        }
        logger.info("stopped by signal after finishing the current step")
    }

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

    /// `--dry-run`: on a copy of the journal (and a scratch plans directory), plans what is due
    /// and previews every unfinished rebalance, dry-running the transaction each would send next
    /// (eth_call and eth_estimateGas from the keeper's address).
    func previewAll(config: KeeperConfig?, chainID: UInt64, journalPath: String, node: RPCOptions) throws {
        let logger = self.logger
        if config == nil && !FileManager.default.fileExists(atPath: journalPath) {
            throw CommandFailure("journal: \(journalPath) does not exist")
        }
        let client = try node.client()
        let key = try keys.loadKey(announce: logFormat == .text)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rebalancer-keeper-dry-run-\(getpid())")
        try? FileManager.default.removeItem(at: scratch)
        let copy = scratch.appendingPathComponent("journal.sqlite").path
        do {
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: journalPath) { try FileManager.default.copyItem(atPath: journalPath, toPath: copy) }
        } catch {
            throw CommandFailure("journal: cannot copy \(journalPath) for the dry run (\(error.localizedDescription))")
        }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (store, submissions) = try KeeperRun.rejectingErrors { (try KeeperStore(path: copy), try Journal(path: copy)) }
        func runner(_ policy: KeeperPolicy) -> KeeperRunner {
            var preview = policy
            preview.bidder = false
            return KeeperRunner(store: store, journal: submissions, chain: ModuleChainReader(client: client),
                                submitter: Submitter(client: client, journal: submissions, key: key), clock: SystemKeeperClock(), policy: preview)
        }
        if let config {
            for index in config.indexes {
                let maker = IndexPlanMaker(index: index, chainID: chainID, keeper: key.address,
                                           plansDirectory: config.plansDirectory + "/dry-run", state: RPCSetStateReader(client: client))
                let scheduler = try KeeperRun.rejectingErrors {
                    try IndexScheduler(index: index, maker: maker, store: store, clock: SystemKeeperClock(), logger: logger)
                }
                do { try scheduler.tick() } catch { throw CommandFailure("\(index.name): \(error.description)") }
            }
        }
        let open: [KeeperRebalance]
        do { open = try store.rebalances().filter { !$0.phase.isFinal } } catch { throw CommandFailure(error.description) }
        for rebalance in open {
            let policy: KeeperPolicy
            if let config {
                guard let index = config.index(named: rebalance.index) else { continue }
                policy = index.keeperPolicy
            } else {
                policy = KeeperPolicy(requireApproval: requireApproval, bidder: false, raiseTargets: raiseTargets, unlock: !noUnlock)
            }
            guard rebalance.chainID == chainID, rebalance.keeper == key.address else {
                throw CommandFailure("rebalance \(rebalance.id): planned for chain \(rebalance.chainID) and keeper \(rebalance.keeper), "
                                     + "not chain \(chainID) and signer \(key.address)")
            }
            let metadata: Logger.Metadata = ["rebalance": .string(rebalance.id)]
            let decisions: [KeeperDecision]
            do { decisions = try runner(policy).preview(rebalance.id) } catch { throw CommandFailure("\(rebalance.id): \(error.description)") }
            for decision in decisions {
                guard case let .submit(kind, intent) = decision else {
                    logger.info("would be \(KeeperRun.describe(decision))", metadata: metadata)
                    continue
                }
                let request = CallRequest(from: intent.sender, to: intent.to, input: intent.data, value: intent.value)
                let report: DryRunReport
                do { report = try DryRunner.run(request, client: client) } catch { throw CommandFailure(error.description) }
                let target = intent.to?.checksummed ?? "-"
                switch report.outcome {
                case let .success(_, _, gasLimit):
                    logger.info("would send \(kind) (intent \(intent.id)) to \(target): dry run succeeded, gas limit \(gasLimit)", metadata: metadata)
                case let .reverted(reason, _):
                    logger.warning("would send \(kind) (intent \(intent.id)) to \(target): dry run reverted: \(reason.executionSummary)", metadata: metadata)
                }
            }
        }
        let plans = config.map { "; would-be plans are in \($0.plansDirectory)/dry-run" } ?? ""
        logger.info("dry run: nothing was signed or sent; the journal is unchanged\(plans)")
    }
}

import AuctionPlanner
import ChainModel
import Keeper
import Logging
import TestSupport
import XCTest

/// `rebalancer/keeper@1` parsing: defaults, path resolution, and errors naming file, line, key and rule.
final class KeeperConfigTests: XCTestCase {
    static let minimal = """
        format: rebalancer/keeper@1
        journal: keeper.sqlite
        chain_id: 1
        indexes:
          - name: icai
            set_token: "0x2222222222222222222222222222222222222222"
            methodology: methodology.yaml
            data: prices.csv
            prices: /srv/prices.json
            policy: policy.yaml
        """

    func parse(_ text: String) throws -> KeeperConfig {
        try KeeperConfig.parse(text, file: "keeper.yaml", directory: "/etc/rebalancer")
    }

    func error(_ text: String) -> String {
        do { _ = try parse(text); return "parsed" } catch { return "\(error)" }
    }

    func testDefaultsAndPathsRelativeToTheFile() throws {
        let config = try parse(Self.minimal)
        XCTAssertEqual(config.journal, "/etc/rebalancer/keeper.sqlite")
        XCTAssertEqual(config.chainID, 1)
        XCTAssertNil(config.rpcURL)
        XCTAssertNil(config.signer)
        XCTAssertEqual(config.plansDirectory, "/etc/rebalancer/plans")
        XCTAssertEqual(config.pollSeconds, 5)
        XCTAssertEqual(config.maxBackoffSeconds, 60)
        XCTAssertEqual(config.confirmations, 1)
        let index = try XCTUnwrap(config.index(named: "icai"))
        XCTAssertEqual(index.setToken, try Address("0x2222222222222222222222222222222222222222"))
        XCTAssertEqual(index.methodology, "/etc/rebalancer/methodology.yaml")
        XCTAssertEqual(index.data, ["/etc/rebalancer/prices.csv"])
        XCTAssertEqual(index.prices, "/srv/prices.json")
        XCTAssertNil(index.metadata)
        XCTAssertEqual(index.start, .calendar)
        XCTAssertEqual(index.triggerCheckSeconds, 3600)
        XCTAssertEqual(index.keeperPolicy, KeeperPolicy(requireApproval: true, bidder: false, raiseTargets: false, unlock: true))
        XCTAssertNil(index.bidding)
    }

    func testEveryKey() throws {
        let config = try parse("""
            format: rebalancer/keeper@1
            journal: /var/lib/keeper.sqlite
            chain_id: 8453
            rpc_url: https://base.example/v2/abcdefghijklmnopqrstuvwxyz
            signer: "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF"
            plans_dir: out/plans
            poll_seconds: 2.5
            max_backoff_seconds: 30
            confirmations: 3
            indexes:
              - name: icai
                set_token: "0x2222222222222222222222222222222222222222"
                methodology: m.yaml
                metadata: assets.yaml
                data: [a.csv, b.json]
                prices: p.json
                policy: policy.json
                stress: stress.csv
                start: calendar_and_triggers
                trigger_check_seconds: 600
                require_approval: false
                raise_targets: true
                unlock: false
                bidding: { reference_prices: "http://127.0.0.1:9000/refs", margin_bps: 25, approvals: unlimited, max_age_seconds: 300 }
              - name: ic21
                set_token: "0x3333333333333333333333333333333333333333"
                methodology: m21.yaml
                data: [c.csv]
                prices: p21.json
                policy: policy21.yaml
                start: triggers
                bidding: { reference_prices: refs.json }
            """)
        XCTAssertEqual(config.chainID, 8453)
        XCTAssertEqual(config.rpcURL, "https://base.example/v2/abcdefghijklmnopqrstuvwxyz")
        XCTAssertEqual(config.signer, try Address("0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF"))
        XCTAssertEqual(config.plansDirectory, "/etc/rebalancer/out/plans")
        XCTAssertEqual(config.pollSeconds, 2.5)
        XCTAssertEqual(config.maxBackoffSeconds, 30)
        XCTAssertEqual(config.confirmations, 3)
        XCTAssertEqual(config.indexes.map(\.name), ["icai", "ic21"])
        let icai = config.indexes[0]
        XCTAssertEqual(icai.data, ["/etc/rebalancer/a.csv", "/etc/rebalancer/b.json"])
        XCTAssertEqual(icai.stress, "/etc/rebalancer/stress.csv")
        XCTAssertEqual(icai.start, .calendarAndTriggers)
        XCTAssertTrue(icai.start.usesCalendar && icai.start.usesTriggers)
        XCTAssertEqual(icai.triggerCheckSeconds, 600)
        XCTAssertEqual(icai.keeperPolicy, KeeperPolicy(requireApproval: false, bidder: true, raiseTargets: true, unlock: false))
        XCTAssertEqual(icai.bidding, IndexBiddingConfig(referencePrices: "http://127.0.0.1:9000/refs", marginBasisPoints: 25,
                                                        approvals: .unlimited, maxAgeSeconds: 300))
        XCTAssertEqual(config.indexes[1].bidding, IndexBiddingConfig(referencePrices: "/etc/rebalancer/refs.json", marginBasisPoints: 50,
                                                                     approvals: .off, maxAgeSeconds: nil))
        XCTAssertFalse(config.indexes[1].start.usesCalendar)
    }

    func testErrorsNameTheLineTheKeyAndTheRule() {
        XCTAssertEqual(error(Self.minimal.replacingOccurrences(of: "rebalancer/keeper@1", with: "rebalancer/keeper@2")),
                       "keeper.yaml:1: field 'format' = 'rebalancer/keeper@2': must be rebalancer/keeper@1")
        XCTAssertEqual(error(Self.minimal.replacingOccurrences(of: "chain_id: 1", with: "chain_id: one")),
                       "keeper.yaml:3: field 'chain_id' = 'one': must be a positive integer chain id")
        XCTAssertEqual(error(Self.minimal + "\n    colour: blue"),
                       "keeper.yaml:11: field 'indexes[0].colour' = 'colour': unknown key (allowed: bidding, data, metadata, methodology, "
                       + "name, policy, prices, raise_targets, require_approval, set_token, start, stress, trigger_check_seconds, unlock)")
        XCTAssertEqual(error(Self.minimal + "\n    start: weekly"),
                       "keeper.yaml:11: field 'indexes[0].start' = 'weekly': must be one of calendar, triggers, calendar_and_triggers")
        XCTAssertEqual(error(Self.minimal.replacingOccurrences(of: "\"0x2222222222222222222222222222222222222222\"", with: "\"0x22\"")),
                       "keeper.yaml:6: field 'indexes[0].set_token' = '0x22': '0x22' is not an address: expected 0x followed by 40 hex digits")
        XCTAssertEqual(error(Self.minimal.replacingOccurrences(of: "    policy: policy.yaml", with: "")),
                       "keeper.yaml:5: field 'indexes[0]' = '(mapping)': missing key 'policy'")
        XCTAssertEqual(error(Self.minimal + "\n    bidding: { reference_prices: refs.json, margin_bps: 10000 }"),
                       "keeper.yaml:11: field 'indexes[0].bidding.margin_bps' = '10000': must be an integer below 10000")
        XCTAssertEqual(error(Self.minimal + "\n    bidding: { reference_prices: refs.json, approvals: always }"),
                       "keeper.yaml:11: field 'indexes[0].bidding.approvals' = 'always': must be off, exact or unlimited")
        let twice = Self.minimal + "\n" + Self.minimal.components(separatedBy: "indexes:\n")[1]
        XCTAssertEqual(error(twice), "keeper.yaml:11: field 'indexes[1].name' = 'icai': duplicate index name")
        XCTAssertEqual(error(Self.minimal.replacingOccurrences(of: "journal: keeper.sqlite", with: "journal: keeper.sqlite\npoll_seconds: 0")),
                       "keeper.yaml:3: field 'poll_seconds' = '0': must be between 0.05 and 3600.0 seconds")
        XCTAssertTrue(error("format: [unclosed").hasPrefix("keeper.yaml:2: field '(syntax)' = '': not valid YAML: "), error("format: [unclosed"))
    }

    /// An RPC URL with an API key never shows in an error.
    func testRPCURLErrorsAreRedacted() {
        let text = Self.minimal.replacingOccurrences(of: "chain_id: 1", with: "chain_id: 1\nrpc_url: ftp://user:secret@node.example/abcdefghijklmnopqrstuvwxyz")
        let message = error(text)
        XCTAssertTrue(message.hasPrefix("keeper.yaml:4: field 'rpc_url' = '(redacted)': "), message)
        XCTAssertFalse(message.contains("secret"), message)
        XCTAssertFalse(message.contains("abcdefghijklmnopqrstuvwxyz"), message)
    }
}

/// The shipped example configuration parses, names files that exist, and its methodology has the
/// calendar its start rule needs.
final class KeeperConfigExampleTests: XCTestCase {
    func testExampleConfigurationIsComplete() throws {
        let path = TestSupport.repositoryRoot.appendingPathComponent("examples/keeper/keeper.yaml").path
        let config = try KeeperConfig.parse(try String(contentsOfFile: path, encoding: .utf8), file: path,
                                            directory: TestSupport.repositoryRoot.appendingPathComponent("examples/keeper").path)
        XCTAssertEqual(config.chainID, 1)
        XCTAssertEqual(config.confirmations, 2)
        let index = try XCTUnwrap(config.index(named: "icai"))
        for file in [index.methodology, index.prices, index.policy] + index.data + [index.metadata].compactMap({ $0 }) {
            XCTAssertTrue(FileManager.default.fileExists(atPath: file), file)
        }
        let store = try KeeperStore(path: ":memory:")
        let maker = IndexPlanMaker(index: index, chainID: 1, keeper: Fixture.keeper, plansDirectory: config.plansDirectory,
                                   state: UnreachableState())
        let scheduler = try IndexScheduler(index: index, maker: maker, store: store, clock: FixedClock(seconds: 1_790_000_000),
                                           logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        XCTAssertEqual(scheduler.calendar?.snapshotOffsetDays, 5)
        // Mid-quarter (2026-09-21): nothing to plan, nothing read from the chain.
        XCTAssertEqual(try scheduler.tick(), .idle)
        // The example data ends on 2024-03-25: a plan as of a later day is refused before the chain is read.
        XCTAssertThrowsError(try maker.makePlan(id: "icai/2024-04-01", asOf: Day(iso: "2024-03-28")!, startAt: 0)) { error in
            XCTAssertEqual("\(error)", "\(index.data[0]): field '(data)' = 'last day 2024-03-25': the market data must reach the "
                           + "snapshot day 2024-03-28; refresh it (the keeper retries)")
        }
    }

    /// Before the keeper first runs there is no journal: `status --config` shows nothing recorded,
    /// the upcoming calendar, and creates no file.
    func testStatusOfAConfigurationThatHasNotRunYet() throws {
        let config = TestSupport.repositoryRoot.appendingPathComponent("examples/keeper/keeper.yaml").path
        let journal = TestSupport.repositoryRoot.appendingPathComponent("examples/keeper/keeper.sqlite").path
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal))
        let status = try TestSupport.runRebalancer(["keeper", "status", "--config", config])
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertTrue(status.stdout.hasPrefix("scheduled: 0\nin flight: 0\ndone: 0\nfailed: 0\nupcoming:\n  icai: "), status.stdout)
        XCTAssertTrue(status.stdout.contains("calendar rebalance icai/"), status.stdout)
        XCTAssertTrue(status.stdout.hasSuffix(" 00:00 UTC; plans need approval\n"), status.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: journal), "status wrote a journal")
    }

    struct UnreachableState: SetStateReading {
        func snapshot(of setToken: Address, module: Address) throws(CyclePlanError) -> SetTokenSnapshot {
            throw .snapshot("no chain in this test")
        }
    }

    struct FixedClock: KeeperClock {
        var seconds: Int64
        func now() -> Int64 { seconds }
    }
}

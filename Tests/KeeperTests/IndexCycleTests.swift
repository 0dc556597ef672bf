import AuctionPlanner
import ChainModel
import Keeper
import Logging
import XCTest

/// The index schedule as a pure function of wall time and the recorded rebalances.
final class IndexCycleTests: XCTestCase {
    /// Quarterly on the first weekday at 00:00 UTC, data 5 days before, 24 h auctions (the icAI calendar).
    let quarterly = RebalanceCalendar(frequency: .quarterly, dayRule: .firstWeekday, startMinuteUTC: 0, snapshotOffsetDays: 5,
                                      auctionDurationHours: 24)

    func index(_ start: RebalanceStartRule = .calendar) throws -> IndexConfig {
        var config = try KeeperConfig.parse(KeeperConfigTests.minimal, file: "keeper.yaml", directory: "/tmp").indexes[0]
        config.start = start
        return config
    }

    static func time(_ iso: String) -> Int64 { Int64(ISO8601DateFormatter().date(from: iso)!.timeIntervalSince1970) }

    func recorded(_ id: String, _ phase: KeeperPhase) -> KeeperRebalance {
        var rebalance = Fixture.rebalance(id: id)
        rebalance.index = "icai"
        rebalance.phase = phase
        return rebalance
    }

    func testCalendarRebalanceIsPlannedFromItsSnapshotTimeUntilItsAuctionEnds() throws {
        // 2026-01-01 is a Thursday: the Q1 rebalance is on Jan 1, its data snapshot on Dec 27 at 00:00 UTC.
        let index = try index()
        let start = Self.time("2026-01-01T00:00:00Z")
        func decide(_ now: String, _ rebalances: [KeeperRebalance] = []) -> IndexCycleDecision {
            IndexCycle.decide(index: index, calendar: quarterly, now: Self.time(now), rebalances: rebalances, triggerCheckDue: true)
        }
        XCTAssertEqual(decide("2025-12-26T23:59:59Z"),
                       .idle("next calendar rebalance 2026-01-01, snapshot at \(Self.time("2025-12-27T00:00:00Z")) (UTC Unix seconds)"))
        let plan = IndexCycleDecision.plan(id: "icai/2026-01-01", asOf: Day(iso: "2025-12-27")!, startAt: start,
                                           expiresAt: Self.time("2026-01-02T00:00:00Z"),
                                           reason: "calendar rebalance of 2026-01-01 (data as of 2025-12-27)")
        XCTAssertEqual(decide("2025-12-27T00:00:00Z"), plan)
        XCTAssertEqual(decide("2026-01-01T23:59:59Z"), plan)
        // Recorded and running: busy; finished: idle until the next quarter.
        XCTAssertEqual(decide("2025-12-28T00:00:00Z", [recorded("icai/2026-01-01", .approved)]), .busy("icai/2026-01-01"))
        XCTAssertEqual(decide("2026-01-01T12:00:00Z", [recorded("icai/2026-01-01", .done)]),
                       .idle("next calendar rebalance 2026-04-01, snapshot at \(Self.time("2026-03-27T00:00:00Z")) (UTC Unix seconds)"))
        // The window closed without the keeper: reported as missed, never planned late.
        XCTAssertEqual(decide("2026-01-02T00:00:00Z"),
                       .idle("missed calendar rebalance of 2026-01-01: its auction window closed at \(Self.time("2026-01-02T00:00:00Z")) "
                             + "before the keeper planned it; next calendar rebalance 2026-04-01, snapshot at "
                             + "\(Self.time("2026-03-27T00:00:00Z")) (UTC Unix seconds)"))
    }

    func testWeekendRebalanceDayMovesToMondayAndKeepsItsOwnSnapshotDay() {
        // 2027-05-01 is a Saturday: a monthly first-weekday calendar rebalances on Monday 2027-05-03 at 01:30 UTC,
        // with the data snapshot 5 days earlier, 2027-04-28 at 01:30 UTC.
        let monthly = RebalanceCalendar(frequency: .monthly, dayRule: .firstWeekday, startMinuteUTC: 90, snapshotOffsetDays: 5,
                                        auctionDurationHours: 24)
        let event = IndexCycle.openEvent(calendar: monthly, now: Self.time("2027-04-28T01:30:00Z"))
        XCTAssertEqual(event?.rebalanceDay, Day(iso: "2027-05-03"))
        XCTAssertEqual(event?.snapshotDay, Day(iso: "2027-04-28"))
        XCTAssertEqual(event?.auctionStartUnixSeconds, Self.time("2027-05-03T01:30:00Z"))
        XCTAssertNil(IndexCycle.openEvent(calendar: monthly, now: Self.time("2027-04-28T01:29:59Z")))
        XCTAssertEqual(IndexCycle.snapshotTime(of: event!, calendar: monthly), Self.time("2027-04-28T01:30:00Z"))
    }

    func testTriggerIndexesCheckWhenDueAndOneRebalanceRunsAtATime() throws {
        let triggers = try index(.triggers)
        let now = Self.time("2026-02-10T12:00:00Z")
        XCTAssertEqual(IndexCycle.decide(index: triggers, calendar: quarterly, now: now, rebalances: [], triggerCheckDue: true), .checkTriggers)
        XCTAssertEqual(IndexCycle.decide(index: triggers, calendar: quarterly, now: now, rebalances: [], triggerCheckDue: false),
                       .idle("triggers checked on new data"))
        XCTAssertEqual(IndexCycle.decide(index: triggers, calendar: nil, now: now, rebalances: [recorded("icai/triggered-2026-02-09", .bidding)],
                                         triggerCheckDue: true), .busy("icai/triggered-2026-02-09"))
        XCTAssertEqual(IndexCycle.triggeredID(index: "icai", asOf: Day(iso: "2026-02-09")!), "icai/triggered-2026-02-09")
        // Both: the calendar comes first inside its window, the triggers outside it.
        let both = try index(.calendarAndTriggers)
        guard case .plan(let id, _, _, _, _) = IndexCycle.decide(index: both, calendar: quarterly, now: Self.time("2025-12-30T00:00:00Z"),
                                                              rebalances: [], triggerCheckDue: true) else { return XCTFail("expected a plan") }
        XCTAssertEqual(id, "icai/2026-01-01")
        XCTAssertEqual(IndexCycle.decide(index: both, calendar: quarterly, now: now, rebalances: [], triggerCheckDue: true), .checkTriggers)
    }
}

/// The swift-log handler's text and JSON lines.
final class KeeperLogHandlerTests: XCTestCase {
    final class Lines: @unchecked Sendable {
        var items: [String] = []
    }

    func logger(_ format: KeeperLogFormat, _ lines: Lines, level: Logger.Level = .info) -> Logger {
        Logger(label: "test") { _ in
            KeeperLogHandler(format: format, level: level, write: { lines.items.append($0) },
                             now: { Date(timeIntervalSince1970: 1_795_300_000) })
        }
    }

    func testTextLinesNameTheRebalanceOrTheIndex() {
        let lines = Lines()
        var log = logger(.text, lines)
        log.info("running")
        log[metadataKey: "index"] = "icai"
        log.notice("planned", metadata: ["rebalance": "icai/2026-01-01"])
        log.warning("idle")
        log.debug("not shown at info")
        XCTAssertEqual(lines.items, ["keeper: running\n", "keeper: icai/2026-01-01: planned\n", "keeper: icai: idle\n"])
    }

    func testJSONLinesCarryTimeLevelMetadataAndMessage() throws {
        let lines = Lines()
        var log = logger(.json, lines, level: .debug)
        log[metadataKey: "index"] = "icai"
        log.debug("sent \"bid-0\"", metadata: ["rebalance": "icai/2026-01-01", "attempt": .stringConvertible(2), "tags": ["a", "b"]])
        XCTAssertEqual(lines.items, [
            #"{"time":"2026-11-21T22:26:40Z","level":"debug","attempt":"2","index":"icai","rebalance":"icai/2026-01-01","tags":["a","b"],"message":"sent \"bid-0\""}"# + "\n",
        ])
        XCTAssertEqual(try JSONValue.parse(String(lines.items[0].dropLast()))["message"]?.stringValue, "sent \"bid-0\"")
    }
}

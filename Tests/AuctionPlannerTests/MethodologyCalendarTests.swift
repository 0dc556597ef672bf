import XCTest
@testable import AuctionPlanner

final class MethodologyCalendarTests: XCTestCase {
    func days(_ events: [RebalanceEvent]) -> [String] { events.map(\.rebalanceDay.description) }

    /// Quarter starts falling on weekends move to the Monday: 2022-01-01 (Sat) → 01-03,
    /// 2023-01-01 (Sun) → 01-02, 2023-04-01 (Sat) → 04-03, 2023-07-01 (Sat) → 07-03, 2023-10-01 (Sun) → 10-02.
    func testQuarterlyFirstWeekday() {
        let c = RebalanceCalendar(frequency: .quarterly, snapshotOffsetDays: 5)
        let e = c.events(from: Day(iso: "2022-01-01")!, to: Day(iso: "2023-12-31")!)
        XCTAssertEqual(days(e), ["2022-01-03", "2022-04-01", "2022-07-01", "2022-10-03",
                                 "2023-01-02", "2023-04-03", "2023-07-03", "2023-10-02"])
        XCTAssertEqual(e[0].snapshotDay.description, "2021-12-29")
        XCTAssertEqual(e[0].auctionStartUnixSeconds, 1_641_168_000)  // 2022-01-03T00:00:00Z
        XCTAssertEqual(e[0].auctionEndUnixSeconds, 1_641_168_000 + 86_400)
    }

    /// Leap years: monthly first days around February 2024 and 2100 (not a leap year), and a
    /// snapshot offset crossing February 29.
    func testMonthlyAndLeapYears() {
        let c = RebalanceCalendar(frequency: .monthly, dayRule: .firstDay, snapshotOffsetDays: 5)
        let e = c.events(from: Day(iso: "2024-02-01")!, to: Day(iso: "2024-04-01")!)
        XCTAssertEqual(days(e), ["2024-02-01", "2024-03-01", "2024-04-01"])
        XCTAssertEqual(e[1].snapshotDay.description, "2024-02-25")
        let f = RebalanceCalendar(frequency: .monthly, dayRule: .firstDay, snapshotOffsetDays: 1)
        XCTAssertEqual(f.events(from: Day(iso: "2100-03-01")!, to: Day(iso: "2100-03-01")!)[0].snapshotDay.description, "2100-02-28")
        XCTAssertEqual(f.events(from: Day(iso: "2000-03-01")!, to: Day(iso: "2000-03-01")!)[0].snapshotDay.description, "2000-02-29")
        let w = RebalanceCalendar(frequency: .monthly)
        XCTAssertEqual(days(w.events(from: Day(iso: "2024-06-01")!, to: Day(iso: "2024-09-30")!)),
                       ["2024-06-03", "2024-07-01", "2024-08-01", "2024-09-02"])
    }

    func testBoundsAndExplicitDates() {
        let c = RebalanceCalendar(frequency: .quarterly)
        // The window starts after the first weekday of the quarter: nothing in it.
        XCTAssertEqual(days(c.events(from: Day(iso: "2023-04-04")!, to: Day(iso: "2023-06-30")!)), [])
        // A window starting on the moved day includes it even though the quarter began earlier.
        XCTAssertEqual(days(c.events(from: Day(iso: "2023-04-03")!, to: Day(iso: "2023-04-03")!)), ["2023-04-03"])
        XCTAssertEqual(c.events(from: Day(iso: "2024-01-02")!, to: Day(iso: "2024-01-01")!), [])
        let x = RebalanceCalendar(frequency: .explicit([Day(iso: "2024-01-15")!, Day(iso: "2024-03-15")!]), startMinuteUTC: 12 * 60)
        let e = x.events(from: Day(iso: "2024-02-01")!, to: Day(iso: "2024-12-31")!)
        XCTAssertEqual(days(e), ["2024-03-15"])
        XCTAssertEqual(e[0].auctionStartUnixSeconds, Day(iso: "2024-03-15")!.unixSeconds + 43_200)
    }
}

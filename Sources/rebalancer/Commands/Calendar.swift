import ArgumentParser
import AuctionPlanner

/// `rebalancer calendar`: lists the rebalances of a methodology's calendar (or of a cadence given on
/// the command line) between two days.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "List rebalance days, snapshot days and auction windows between two dates.",
        discussion: """
        Examples:
          rebalancer calendar --methodology examples/methodology/icai.yaml --from 2024-01-01 --to 2024-12-31
          rebalancer calendar --frequency monthly --snapshot-offset 5 --from 2024-01-01 --to 2024-06-30 --json
        """
    )

    @Option(help: "Methodology YAML file whose calendar to use.")
    var methodology: String?

    @Option(help: "Cadence when no methodology is given: monthly or quarterly.")
    var frequency: String?

    @Option(name: .customLong("snapshot-offset"), help: "Days between snapshot and rebalance (without --methodology).")
    var snapshotOffset: Int = 0

    @Option(help: "First day YYYY-MM-DD (inclusive).")
    var from: String

    @Option(help: "Last day YYYY-MM-DD (inclusive).")
    var to: String

    @Flag(help: "Print JSON.")
    var json = false

    func validate() throws {
        guard Day(iso: from) != nil else { throw ValidationError("--from: '\(from)' is not a date YYYY-MM-DD") }
        guard Day(iso: to) != nil else { throw ValidationError("--to: '\(to)' is not a date YYYY-MM-DD") }
        guard Day(iso: from)! <= Day(iso: to)! else { throw ValidationError("--to: \(to) is before --from \(from)") }
        guard (methodology == nil) != (frequency == nil) else {
            throw ValidationError("give exactly one of --methodology and --frequency")
        }
        if let frequency, frequency != "monthly", frequency != "quarterly" {
            throw ValidationError("--frequency: '\(frequency)' must be monthly or quarterly")
        }
        guard snapshotOffset >= 0 else { throw ValidationError("--snapshot-offset: must not be negative") }
    }

    func run() throws {
        let calendar: RebalanceCalendar
        if let methodology {
            let m = try Methodology.parse(try MarketData.readText(path: methodology), file: methodology)
            guard let c = m.calendar else { throw CommandFailure("--methodology: \(methodology) has no calendar section") }
            calendar = c
        } else {
            calendar = RebalanceCalendar(frequency: frequency == "monthly" ? .monthly : .quarterly, snapshotOffsetDays: snapshotOffset)
        }
        let events = calendar.events(from: Day(iso: from)!, to: Day(iso: to)!)
        if json {
            let items = events.map { e in
                "{\"rebalance_day\":\"\(e.rebalanceDay)\",\"snapshot_day\":\"\(e.snapshotDay)\",\"auction_start\":\(e.auctionStartUnixSeconds),\"auction_end\":\(e.auctionEndUnixSeconds)}"
            }
            print("[" + items.joined(separator: ",") + "]")
        } else {
            print("rebalance   weekday  snapshot    auction (UTC)")
            let names = ["", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            for e in events {
                let start = e.auctionStartUnixSeconds, end = e.auctionEndUnixSeconds
                print("\(e.rebalanceDay)  \(names[e.rebalanceDay.isoWeekday])      \(e.snapshotDay)  \(stamp(start)) → \(stamp(end))")
            }
        }
    }

    private func stamp(_ seconds: Int64) -> String {
        let day = Day(unixSeconds: seconds)
        let rest = Int(seconds - day.unixSeconds)
        return "\(day) " + Format.fixedWidth(rest / 3600) + ":" + Format.fixedWidth(rest % 3600 / 60)
    }
}

/// When an index rebalances: quarterly or monthly on the first weekday (or first day) of the
/// period at a fixed UTC time, or on explicit dates; the data snapshot is taken
/// `snapshotOffsetDays` before, and the auction runs `auctionDurationHours`.
public struct RebalanceCalendar: Equatable, Sendable {
    /// The rebalance cadence.
    public enum Frequency: Equatable, Sendable {
        /// Every month.
        case monthly
        /// January, April, July and October.
        case quarterly
        /// Exactly these days (sorted, unique).
        case explicit([Day])
    }
    /// Which day of the period.
    public enum DayRule: String, Equatable, Sendable {
        /// The first Monday–Friday day of the month (a Saturday 1st moves to Monday 3rd).
        case firstWeekday = "first_weekday"
        /// The 1st of the month.
        case firstDay = "first_day"
    }
    /// Cadence.
    public var frequency: Frequency
    /// Day rule for monthly and quarterly cadences.
    public var dayRule = DayRule.firstWeekday
    /// Start time in minutes after 00:00 UTC.
    public var startMinuteUTC = 0
    /// Days between the data snapshot and the rebalance day.
    public var snapshotOffsetDays = 0
    /// Auction duration in hours.
    public var auctionDurationHours = 24

    /// A calendar with the given cadence and defaults (first weekday, 00:00 UTC, no offset, 24 h).
    public init(frequency: Frequency, dayRule: DayRule = .firstWeekday, startMinuteUTC: Int = 0,
                snapshotOffsetDays: Int = 0, auctionDurationHours: Int = 24) {
        self.frequency = frequency
        self.dayRule = dayRule
        self.startMinuteUTC = startMinuteUTC
        self.snapshotOffsetDays = snapshotOffsetDays
        self.auctionDurationHours = auctionDurationHours
    }

    /// The rebalances whose rebalance day lies in `from...to` (inclusive), in order.
    /// Returns an empty list when `to < from`.
    public func events(from: Day, to: Day) -> [RebalanceEvent] {
        guard from <= to else { return [] }
        var days: [Day] = []
        switch frequency {
        case let .explicit(list):
            days = list.filter { $0 >= from && $0 <= to }
        case .monthly, .quarterly:
            let step = frequency == .monthly ? 1 : 3
            var (year, month, _) = from.adding(days: -7).civil
            month = ((month - 1) / step) * step + 1
            while true {
                let first = Day(year: year, month: month, day: 1)!
                if first > to { break }
                let day = dayRule == .firstDay ? first : Self.firstWeekday(onOrAfter: first)
                if day >= from && day <= to { days.append(day) }
                month += step
                if month > 12 { month -= 12; year += 1 }
            }
        }
        return days.map { day in
            let start = day.unixSeconds + Int64(startMinuteUTC) * 60
            return RebalanceEvent(rebalanceDay: day, snapshotDay: day.adding(days: -snapshotOffsetDays),
                                  auctionStartUnixSeconds: start,
                                  auctionEndUnixSeconds: start + Int64(auctionDurationHours) * 3600)
        }
    }

    /// The first Monday–Friday day on or after `day`.
    public static func firstWeekday(onOrAfter day: Day) -> Day {
        switch day.isoWeekday {
        case 6: return day.adding(days: 2)
        case 7: return day.adding(days: 1)
        default: return day
        }
    }
}

/// One scheduled rebalance.
public struct RebalanceEvent: Equatable, Sendable {
    /// The rebalance day.
    public var rebalanceDay: Day
    /// The day whose data the weights use (rebalance day − snapshot offset).
    public var snapshotDay: Day
    /// Auction start (Unix seconds).
    public var auctionStartUnixSeconds: Int64
    /// Auction end (Unix seconds).
    public var auctionEndUnixSeconds: Int64
}

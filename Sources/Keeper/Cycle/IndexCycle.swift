import AuctionPlanner

/// What the keeper does next for one configured index (before stepping its rebalances).
public enum IndexCycleDecision: Sendable, Equatable {
    /// Nothing to plan now; why (the next calendar rebalance, a missed one).
    case idle(String)
    /// A rebalance of the index is unfinished (its id); nothing new is planned until it ends.
    case busy(String)
    /// Plan a rebalance now: its id, the data day its weights use, when its transactions may be
    /// sent and when the plan goes stale if they were not (the end of the auction window).
    case plan(id: String, asOf: Day, startAt: Int64, expiresAt: Int64, reason: String)
    /// Evaluate the trigger rules on the latest data; plan `triggeredID(index:asOf:)` if one fires.
    case checkTriggers
}

/// The index's calendar and trigger schedule as a pure function of the wall time and the
/// rebalances recorded in the journal. Ids are deterministic (`<index>/<rebalance day>`,
/// `<index>/triggered-<data day>`), so a restarted keeper never plans a rebalance twice.
public enum IndexCycle {
    /// The id of the calendar rebalance of `event`.
    public static func rebalanceID(index: String, event: RebalanceEvent) -> String { "\(index)/\(event.rebalanceDay)" }

    /// The id of a rebalance started by triggers evaluated on `asOf`.
    public static func triggeredID(index: String, asOf: Day) -> String { "\(index)/triggered-\(asOf)" }

    /// When the data snapshot of `event` is taken: its snapshot day at the calendar's start time (UTC).
    public static func snapshotTime(of event: RebalanceEvent, calendar: RebalanceCalendar) -> Int64 {
        event.snapshotDay.unixSeconds + Int64(calendar.startMinuteUTC) * 60
    }

    /// The calendar rebalance whose window is open at `now`: the latest event with its snapshot
    /// time at or before `now` and its auction end after `now`; `nil` when none is.
    public static func openEvent(calendar: RebalanceCalendar, now: Int64) -> RebalanceEvent? {
        let today = Day(unixSeconds: now)
        let lookback = calendar.snapshotOffsetDays + calendar.auctionDurationHours / 24 + 2
        return calendar.events(from: today.adding(days: -lookback), to: today.adding(days: calendar.snapshotOffsetDays + 1))
            .filter { snapshotTime(of: $0, calendar: calendar) <= now && now < $0.auctionEndUnixSeconds }
            .last
    }

    /// The next calendar rebalance whose snapshot time lies after `now` (within about 13 months).
    public static func nextEvent(calendar: RebalanceCalendar, now: Int64) -> RebalanceEvent? {
        let today = Day(unixSeconds: now)
        return calendar.events(from: today, to: today.adding(days: 400 + calendar.snapshotOffsetDays))
            .first { snapshotTime(of: $0, calendar: calendar) > now }
    }

    /// The latest calendar rebalance whose window closed before `now` (within 35 days) without a
    /// recorded rebalance: the keeper was not running through it.
    public static func missedEvent(calendar: RebalanceCalendar, now: Int64, recorded: Set<String>, index: String) -> RebalanceEvent? {
        let today = Day(unixSeconds: now)
        return calendar.events(from: today.adding(days: -35), to: today)
            .filter { $0.auctionEndUnixSeconds <= now }
            .last
            .flatMap { recorded.contains(rebalanceID(index: index, event: $0)) ? nil : $0 }
    }

    /// The next step for `index` at wall time `now` (Unix seconds, UTC). `rebalances` are the
    /// journal's rebalances of this index; `triggerCheckDue` says whether the caller's trigger
    /// interval has passed. One rebalance per index runs at a time (the module keeps one per Set).
    public static func decide(index: IndexConfig, calendar: RebalanceCalendar?, now: Int64, rebalances: [KeeperRebalance],
                              triggerCheckDue: Bool) -> IndexCycleDecision {
        if let open = rebalances.filter({ !$0.phase.isFinal }).map(\.id).sorted().first { return .busy(open) }
        let recorded = Set(rebalances.map(\.id))
        if index.start.usesCalendar, let calendar, let event = openEvent(calendar: calendar, now: now) {
            let id = rebalanceID(index: index.name, event: event)
            if !recorded.contains(id) {
                return .plan(id: id, asOf: event.snapshotDay, startAt: event.auctionStartUnixSeconds,
                             expiresAt: event.auctionEndUnixSeconds, reason: "calendar rebalance of \(event.rebalanceDay) (data as of \(event.snapshotDay))")
            }
        }
        if index.start.usesTriggers && triggerCheckDue { return .checkTriggers }
        var reasons: [String] = []
        if index.start.usesCalendar, let calendar {
            if let missed = missedEvent(calendar: calendar, now: now, recorded: recorded, index: index.name) {
                reasons.append("missed calendar rebalance of \(missed.rebalanceDay): its auction window closed at \(missed.auctionEndUnixSeconds) "
                               + "before the keeper planned it")
            }
            if let next = nextEvent(calendar: calendar, now: now) {
                reasons.append("next calendar rebalance \(next.rebalanceDay), snapshot at \(snapshotTime(of: next, calendar: calendar)) (UTC Unix seconds)")
            }
        }
        if index.start.usesTriggers { reasons.append("triggers checked on new data") }
        return .idle(reasons.isEmpty ? "nothing scheduled" : reasons.joined(separator: "; "))
    }
}

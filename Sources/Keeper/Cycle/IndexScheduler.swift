import AuctionPlanner
import ChainModel
import Logging

/// What one scheduling pass did for an index.
public enum IndexTick: Sendable, Equatable {
    /// A rebalance was planned and recorded (its id).
    case planned(String)
    /// A rebalance of the index is unfinished (its id).
    case busy(String)
    /// The triggers were evaluated and asked for no rebalance.
    case checked
    /// Nothing was due.
    case idle
}

/// Runs an index's calendar and triggers against the journal: at the snapshot time it reads the
/// Set's state, computes the weights and the plan, writes the plan files and records the
/// `planned` rebalance (which the ``KeeperRunner`` then takes to approval, start, auction and
/// unlock). Trigger checks run every `triggerCheckSeconds`, once per data day.
public final class IndexScheduler {
    /// The index.
    public let index: IndexConfig
    /// The methodology's calendar (read when the keeper starts).
    public let calendar: RebalanceCalendar?
    /// Makes the plans.
    public let maker: IndexPlanMaker
    /// The keeper's tables.
    public let store: KeeperStore
    /// The wall clock (the calendar is UTC wall time).
    public let clock: KeeperClock
    /// Where lines go (metadata `index`).
    public var logger: Logger
    private var lastTriggerCheck: Int64?
    private var lastIdle: String?

    /// Makes a scheduler; throws `CyclePlanError.input` when the methodology cannot be read, has
    /// no calendar for a calendar index, or no triggers for a trigger index.
    public init(index: IndexConfig, maker: IndexPlanMaker, store: KeeperStore, clock: KeeperClock, logger: Logger) throws(CyclePlanError) {
        self.index = index
        self.maker = maker
        self.store = store
        self.clock = clock
        var logger = logger
        logger[metadataKey: "index"] = .string(index.name)
        self.logger = logger
        let methodology: Methodology
        do { methodology = try Methodology.parse(try MarketData.readText(path: index.methodology), file: index.methodology) } catch {
            throw .input(error)
        }
        if index.start.usesCalendar && methodology.calendar == nil {
            throw .input(InputFileError(file: index.methodology, line: nil, field: "calendar", value: "(missing)",
                                        rule: "index \(index.name) starts on the calendar (start: \(index.start.rawValue)); the methodology needs a calendar section"))
        }
        if index.start.usesTriggers && methodology.triggers == nil {
            throw .input(InputFileError(file: index.methodology, line: nil, field: "triggers", value: "(missing)",
                                        rule: "index \(index.name) starts on triggers (start: \(index.start.rawValue)); the methodology needs a triggers section"))
        }
        calendar = methodology.calendar
    }

    /// One pass: plans and records a rebalance when one is due. Throws `CyclePlanError` when the
    /// files, the node or the planner fail (nothing is recorded; the next pass tries again).
    @discardableResult
    public func tick() throws(CyclePlanError) -> IndexTick {
        let now = clock.now()
        let rebalances: [KeeperRebalance]
        do { rebalances = try store.rebalances().filter { $0.index == index.name } } catch { throw .keeper(error) }
        let checkDue = lastTriggerCheck.map { now - $0 >= index.triggerCheckSeconds } ?? true
        switch IndexCycle.decide(index: index, calendar: calendar, now: now, rebalances: rebalances, triggerCheckDue: checkDue) {
        case let .busy(id):
            return .busy(id)
        case let .idle(reason):
            if reason != lastIdle { logger.info("\(reason)") }
            lastIdle = reason
            return .idle
        case let .plan(id, asOf, startAt, expiresAt, reason):
            try plan(id: id, asOf: asOf, startAt: startAt, expiresAt: expiresAt, reason: reason)
            return .planned(id)
        case .checkTriggers:
            let report = try maker.evaluateTriggers()
            lastTriggerCheck = now
            let fired = report.outcomes.filter { $0.fired && $0.action != .flag }
                .map { outcome in outcome.assetId.map { "\(outcome.rule) (\($0))" } ?? outcome.rule }
            let id = IndexCycle.triggeredID(index: index.name, asOf: report.asOf)
            guard report.rebalanceDue, !rebalances.contains(where: { $0.id == id }) else {
                logger.info("triggers on \(report.asOf): \(report.rebalanceDue ? "already rebalanced for this data day" : "no rebalance due")")
                return .checked
            }
            // A triggered plan is sendable at once and stale after one auction window of the calendar (24 h without one).
            let window = Int64(calendar?.auctionDurationHours ?? 24) * 3600
            try plan(id: id, asOf: report.asOf, startAt: now, expiresAt: now + window, reason: "triggers fired on \(report.asOf): \(fired.joined(separator: ", "))",
                     adjustments: report.weightAdjustments)
            return .planned(id)
        }
    }

    func plan(id: String, asOf: Day, startAt: Int64, expiresAt: Int64, reason: String,
              adjustments: [String: Double] = [:]) throws(CyclePlanError) {
        let made = try maker.makePlan(id: id, asOf: asOf, startAt: startAt, expiresAt: expiresAt, adjustments: adjustments)
        do { try store.recordPlanned(made.rebalance, reason: reason) } catch { throw .keeper(error) }
        lastIdle = nil
        let hash = made.rebalance.planHash
        var line = "planned \(id): plan \(hash), \(made.rebalance.calls.count) transaction(s), start at \(startAt), expires at \(expiresAt); \(reason); "
            + "files \(made.files.plan), \(made.files.weights), \(made.files.snapshot)"
        if index.keeperPolicy.requireApproval { line += "; review it, then approve it: rebalancer approve \(hash)" }
        logger.notice("\(line)", metadata: ["rebalance": .string(id)])
    }
}

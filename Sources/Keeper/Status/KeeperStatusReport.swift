import ChainModel
import Submission

/// What `rebalancer keeper status` prints: every rebalance in the journal grouped as scheduled
/// (planned or approved, nothing sent), in flight, done and failed, with its intents.
public struct KeeperStatusReport: Sendable, Equatable {
    /// One rebalance's line and its intents.
    public struct Entry: Sendable, Equatable {
        /// The rebalance.
        public var rebalance: KeeperRebalance
        /// Its intents with their states.
        public var intents: [KeeperIntentRecord]
    }

    /// Planned or approved: nothing sent yet.
    public var scheduled: [Entry]
    /// Started, bidding, raised or unlocked.
    public var inFlight: [Entry]
    /// Done.
    public var done: [Entry]
    /// Failed.
    public var failed: [Entry]

    /// An empty report: nothing recorded (a journal that does not exist yet).
    public init() {
        scheduled = []
        inFlight = []
        done = []
        failed = []
    }

    /// Reads the report from the keeper's tables and the submission journal of one file.
    /// Throws `KeeperError` when the journal cannot be read.
    public init(store: KeeperStore, journal: Journal) throws(KeeperError) {
        scheduled = []
        inFlight = []
        done = []
        failed = []
        for rebalance in try store.rebalances() {
            let entry = Entry(rebalance: rebalance, intents: try store.intents(of: rebalance.id, journal: journal))
            switch rebalance.phase {
            case .planned, .approved: scheduled.append(entry)
            case .started, .bidding, .raised, .unlocked: inFlight.append(entry)
            case .done: done.append(entry)
            case .failed: failed.append(entry)
            }
        }
    }

    static func state(_ state: KeeperIntentState) -> String {
        switch state {
        case .open: return "in flight"
        case .mined: return "mined"
        case .reverted: return "reverted"
        case let .abandoned(reason): return "abandoned (\(reason))"
        }
    }

    /// The report as one JSON object: `scheduled`, `in_flight`, `done` and `failed`, each a list
    /// of rebalances (`id`, `index`, `phase`, `plan_hash`, `start_at`, `expires_at` or null,
    /// `note`, `intents` with `id`, `kind`, `state` and the abandon `reason` when there is one).
    public var json: JSONValue {
        func entry(_ e: Entry) -> JSONValue {
            let r = e.rebalance
            let intents: [JSONValue] = e.intents.map { record in
                var fields: [(String, JSONValue)] = [("id", .string(record.intent.id)), ("kind", .string(record.kind.description))]
                switch record.state {
                case .open: fields.append(("state", .string("in_flight")))
                case .mined: fields.append(("state", .string("mined")))
                case .reverted: fields.append(("state", .string("reverted")))
                case let .abandoned(reason): fields += [("state", .string("abandoned")), ("reason", .string(reason))]
                }
                return .object(fields)
            }
            return .object([("id", .string(r.id)), ("index", .string(r.index)), ("phase", .string(r.phase.rawValue)),
                            ("plan_hash", .string(r.planHash.description)), ("start_at", .number(String(r.startAt))),
                            ("expires_at", r.expiresAt.map { .number(String($0)) } ?? .null), ("note", .string(r.note)),
                            ("intents", .array(intents))])
        }
        return .object([("scheduled", .array(scheduled.map(entry))), ("in_flight", .array(inFlight.map(entry))),
                         ("done", .array(done.map(entry))), ("failed", .array(failed.map(entry)))])
    }

    /// The report as text: one section per group, one line per rebalance, one indented line per intent.
    public var text: String {
        var lines: [String] = []
        for (title, entries) in [("scheduled", scheduled), ("in flight", inFlight), ("done", done), ("failed", failed)] {
            lines.append("\(title): \(entries.count)")
            for entry in entries {
                let r = entry.rebalance
                let expiry = r.expiresAt.map { ", expires at \($0)" } ?? ""
                lines.append("  \(r.id) [\(r.index)] \(r.phase.rawValue), plan \(r.planHash), start at \(r.startAt)\(expiry): \(r.note)")
                for record in entry.intents {
                    lines.append("    \(record.intent.id) \(KeeperStatusReport.state(record.state))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

import ChainModel
import Foundation
import GRDB
import Submission

/// One recorded keeper event: a phase change with its note.
public struct KeeperEvent: Sendable, Equatable {
    /// The rebalance.
    public var rebalanceID: String
    /// The phase entered.
    public var phase: KeeperPhase
    /// Why.
    public var note: String
}

/// The keeper's tables inside the submission journal's SQLite file: rebalances and their plan
/// calls, phase events, keeper intents (recorded before they are submitted) and approvals.
/// Every write is one SQLite transaction, so a kill leaves either the old or the new state.
public final class KeeperStore {
    private let queue: DatabaseQueue

    /// Opens (creating the keeper tables if needed) the journal at `path`; `":memory:"` for a
    /// throwaway one. Throws `KeeperError.database` when SQLite cannot open the file.
    public init(path: String) throws(KeeperError) {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            queue = path == ":memory:" ? try DatabaseQueue(configuration: configuration)
                : try DatabaseQueue(path: path, configuration: configuration)
            try queue.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS keeperRebalance (
                        id TEXT PRIMARY KEY NOT NULL,
                        indexName TEXT NOT NULL,
                        chainId INTEGER NOT NULL,
                        keeper TEXT NOT NULL,
                        module TEXT NOT NULL,
                        setToken TEXT NOT NULL,
                        planHash TEXT NOT NULL,
                        startAt INTEGER NOT NULL,
                        locksSet INTEGER NOT NULL,
                        phase TEXT NOT NULL,
                        note TEXT NOT NULL
                    );
                    CREATE TABLE IF NOT EXISTS keeperCall (
                        rebalanceId TEXT NOT NULL REFERENCES keeperRebalance(id),
                        position INTEGER NOT NULL,
                        target TEXT NOT NULL,
                        data BLOB NOT NULL,
                        purpose TEXT NOT NULL,
                        PRIMARY KEY (rebalanceId, position)
                    );
                    CREATE TABLE IF NOT EXISTS keeperEvent (
                        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                        rebalanceId TEXT NOT NULL,
                        phase TEXT NOT NULL,
                        note TEXT NOT NULL,
                        createdAt REAL NOT NULL DEFAULT (julianday('now'))
                    );
                    CREATE TABLE IF NOT EXISTS keeperIntent (
                        id TEXT PRIMARY KEY NOT NULL,
                        rebalanceId TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        chainId INTEGER NOT NULL,
                        sender TEXT NOT NULL,
                        target TEXT NOT NULL,
                        value TEXT NOT NULL,
                        data BLOB NOT NULL,
                        abandoned TEXT
                    );
                    CREATE TABLE IF NOT EXISTS keeperApproval (
                        planHash TEXT PRIMARY KEY NOT NULL,
                        approvedBy TEXT NOT NULL,
                        createdAt REAL NOT NULL DEFAULT (julianday('now'))
                    );
                    """)
                // Journals from before plans could expire get the column (NULL: never).
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(keeperRebalance)").map { $0["name"] as String }
                if !columns.contains("expiresAt") {
                    try db.execute(sql: "ALTER TABLE keeperRebalance ADD COLUMN expiresAt INTEGER")
                }
            }
        } catch {
            throw .database("\(path): \(error)")
        }
    }

    private func write<T>(_ body: (Database) throws -> T) throws(KeeperError) -> T {
        do { return try queue.write(body) } catch let error as KeeperError { throw error } catch { throw .database("\(error)") }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(KeeperError) -> T {
        do { return try queue.read(body) } catch let error as KeeperError { throw error } catch { throw .database("\(error)") }
    }

    /// Records a `planned` rebalance with its calls and a first event. Recording the same plan
    /// again under the same id does nothing; another plan throws `KeeperError.rebalanceConflict`.
    /// `reason` (why it was planned: calendar, triggers) is added to the first event's note.
    public func recordPlanned(_ rebalance: KeeperRebalance, reason: String? = nil) throws(KeeperError) {
        let note = "plan \(rebalance.planHash) recorded" + (reason.map { ": \($0)" } ?? "")
        try write { db in
            if let existing = try KeeperStore.fetchRebalance(db, rebalance.id) {
                guard existing.planHash == rebalance.planHash else {
                    throw KeeperError.rebalanceConflict(id: rebalance.id, recordedPlan: existing.planHash, newPlan: rebalance.planHash)
                }
                return
            }
            try db.execute(sql: """
                INSERT INTO keeperRebalance (id, indexName, chainId, keeper, module, setToken, planHash, startAt, expiresAt, locksSet, phase, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'planned', ?)
                """, arguments: [rebalance.id, rebalance.index, Int64(bitPattern: rebalance.chainID), rebalance.keeper.lowercased,
                                 rebalance.module.lowercased, rebalance.setToken.lowercased, rebalance.planHash.description,
                                 rebalance.startAt, rebalance.expiresAt, rebalance.locksSet ? 1 : 0, note])
            for (position, call) in rebalance.calls.enumerated() {
                try db.execute(sql: "INSERT INTO keeperCall (rebalanceId, position, target, data, purpose) VALUES (?, ?, ?, ?, ?)",
                               arguments: [rebalance.id, position, call.to.lowercased, Data(call.data), call.purpose])
            }
            try db.execute(sql: "INSERT INTO keeperEvent (rebalanceId, phase, note) VALUES (?, 'planned', ?)",
                           arguments: [rebalance.id, note])
        }
    }

    /// The rebalance named `id`, or `nil`.
    public func rebalance(_ id: String) throws(KeeperError) -> KeeperRebalance? {
        try read { db in try KeeperStore.fetchRebalance(db, id) }
    }

    /// Every recorded rebalance, by id.
    public func rebalances() throws(KeeperError) -> [KeeperRebalance] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM keeperRebalance ORDER BY id").compactMap { try KeeperStore.fetchRebalance(db, $0) }
        }
    }

    /// Moves the rebalance to `phase` and appends the event, in one transaction. Moving to the
    /// phase it is already in does nothing (a restart repeating a recorded step). Throws
    /// `KeeperError.invalidTransition` for a backward move or one out of `done`/`failed`.
    public func transition(_ id: String, to phase: KeeperPhase, note: String) throws(KeeperError) {
        try write { db in
            guard let current = try KeeperStore.fetchRebalance(db, id) else { throw KeeperError.unknownRebalance(id) }
            if current.phase == phase { return }
            let order = KeeperPhase.allCases
            let forward = phase == .failed || order.firstIndex(of: phase)! > order.firstIndex(of: current.phase)!
            guard !current.phase.isFinal, forward else {
                throw KeeperError.invalidTransition(id: id, from: current.phase, to: phase)
            }
            try db.execute(sql: "UPDATE keeperRebalance SET phase = ?, note = ? WHERE id = ?", arguments: [phase.rawValue, note, id])
            try db.execute(sql: "INSERT INTO keeperEvent (rebalanceId, phase, note) VALUES (?, ?, ?)", arguments: [id, phase.rawValue, note])
        }
    }

    /// The rebalance's events, oldest first.
    public func events(_ id: String) throws(KeeperError) -> [KeeperEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT phase, note FROM keeperEvent WHERE rebalanceId = ? ORDER BY sequence", arguments: [id]).map { row in
                let text: String = row["phase"]
                guard let phase = KeeperPhase(rawValue: text) else { throw KeeperError.corruptRow(table: "keeperEvent", detail: "phase \(text)") }
                return KeeperEvent(rebalanceID: id, phase: phase, note: row["note"])
            }
        }
    }

    /// Records a keeper intent before it is submitted. The same content again does nothing;
    /// other content under the same id throws `KeeperError.intentConflict`.
    public func recordIntent(_ intent: TransactionIntent, kind: KeeperIntentKind, rebalanceID: String) throws(KeeperError) {
        try write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM keeperIntent WHERE id = ?", arguments: [intent.id]) {
                let (_, existing, _) = try KeeperStore.intent(from: row)
                guard existing == intent else { throw KeeperError.intentConflict(id: intent.id) }
                return
            }
            guard let to = intent.to else { throw KeeperError.intentConflict(id: intent.id) }
            try db.execute(sql: """
                INSERT INTO keeperIntent (id, rebalanceId, kind, chainId, sender, target, value, data, abandoned)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
                """, arguments: [intent.id, rebalanceID, kind.description, Int64(bitPattern: intent.chainID), intent.sender.lowercased,
                                 to.lowercased, intent.value.description, Data(intent.data)])
        }
    }

    /// Marks a keeper intent given up (nothing was signed for it), with the reason.
    public func abandonIntent(_ id: String, reason: String) throws(KeeperError) {
        try write { db in try db.execute(sql: "UPDATE keeperIntent SET abandoned = ? WHERE id = ?", arguments: [reason, id]) }
    }

    /// The rebalance's intents with their states: `abandoned` from the keeper's record, the rest
    /// from `journal` (the submission journal of the same file).
    public func intents(of rebalanceID: String, journal: Journal) throws(KeeperError) -> [KeeperIntentRecord] {
        let rows = try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM keeperIntent WHERE rebalanceId = ? ORDER BY rowid", arguments: [rebalanceID])
                .map(KeeperStore.intent(from:))
        }
        var out: [KeeperIntentRecord] = []
        for (kind, intent, abandoned) in rows {
            let status: IntentStatus?
            do { status = try journal.intent(intent.id)?.status } catch { throw .database(error.description) }
            out.append(KeeperIntentRecord(kind: kind, intent: intent, state: KeeperIntentState(journal: status, abandonedReason: abandoned)))
        }
        return out
    }

    /// Approves `planHash` and returns the ids of the rebalances it belongs to. Throws
    /// `KeeperError.unknownPlanHash` when no recorded rebalance has it (nothing is written).
    @discardableResult
    public func approve(planHash: Bytes32, by approver: String) throws(KeeperError) -> [String] {
        try write { db in
            let ids = try String.fetchAll(db, sql: "SELECT id FROM keeperRebalance WHERE planHash = ? ORDER BY id",
                                          arguments: [planHash.description])
            guard !ids.isEmpty else {
                let known = try String.fetchAll(db, sql: "SELECT DISTINCT planHash FROM keeperRebalance ORDER BY planHash")
                    .compactMap { try? Bytes32(hex: $0) }
                throw KeeperError.unknownPlanHash(planHash, known: known)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO keeperApproval (planHash, approvedBy) VALUES (?, ?)",
                           arguments: [planHash.description, approver])
            return ids
        }
    }

    /// Whether `planHash` was approved.
    public func isApproved(_ planHash: Bytes32) throws(KeeperError) -> Bool {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM keeperApproval WHERE planHash = ?", arguments: [planHash.description]) ?? 0 > 0
        }
    }

    static func address(_ text: String, _ table: String, _ column: String) throws -> Address {
        guard let address = try? Address(text) else { throw KeeperError.corruptRow(table: table, detail: "\(column) \(text)") }
        return address
    }

    static func intent(from row: Row) throws -> (KeeperIntentKind, TransactionIntent, String?) {
        let kindText: String = row["kind"]
        guard let kind = KeeperIntentKind(kindText) else { throw KeeperError.corruptRow(table: "keeperIntent", detail: "kind \(kindText)") }
        let valueText: String = row["value"]
        guard let value = try? UInt256(valueText) else { throw KeeperError.corruptRow(table: "keeperIntent", detail: "value \(valueText)") }
        let data: Data = row["data"]
        let intent = TransactionIntent(id: row["id"], chainID: UInt64(bitPattern: row["chainId"]),
                                       sender: try address(row["sender"], "keeperIntent", "sender"),
                                       to: try address(row["target"], "keeperIntent", "target"), value: value, data: [UInt8](data))
        return (kind, intent, row["abandoned"])
    }

    static func fetchRebalance(_ db: Database, _ id: String) throws -> KeeperRebalance? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM keeperRebalance WHERE id = ?", arguments: [id]) else { return nil }
        let phaseText: String = row["phase"]
        let hashText: String = row["planHash"]
        guard let phase = KeeperPhase(rawValue: phaseText) else { throw KeeperError.corruptRow(table: "keeperRebalance", detail: "phase \(phaseText)") }
        guard let planHash = try? Bytes32(hex: hashText) else { throw KeeperError.corruptRow(table: "keeperRebalance", detail: "planHash \(hashText)") }
        let calls = try Row.fetchAll(db, sql: "SELECT * FROM keeperCall WHERE rebalanceId = ? ORDER BY position", arguments: [id]).map { call in
            let data: Data = call["data"]
            return PlannedCall(to: try address(call["target"], "keeperCall", "target"), data: [UInt8](data), purpose: call["purpose"])
        }
        return KeeperRebalance(id: id, index: row["indexName"], chainID: UInt64(bitPattern: row["chainId"]),
                               keeper: try address(row["keeper"], "keeperRebalance", "keeper"),
                               module: try address(row["module"], "keeperRebalance", "module"),
                               setToken: try address(row["setToken"], "keeperRebalance", "setToken"),
                               planHash: planHash, startAt: row["startAt"], expiresAt: row["expiresAt"], locksSet: (row["locksSet"] as Int64) != 0,
                               calls: calls, phase: phase, note: row["note"])
    }
}

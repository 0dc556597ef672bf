import ChainModel
import Foundation
import GRDB

/// One thing the operator wants done on chain, named by an id they choose (or derive). Running
/// a command again with the same id resumes it and never sends a second transaction.
public struct TransactionIntent: Sendable, Equatable {
    /// The operator's name for this intent (e.g. `ic21-2026q1-start`).
    public var id: String
    /// The chain it is meant for.
    public var chainID: UInt64
    /// The signing account.
    public var sender: Address
    /// The callee; `nil` deploys a contract.
    public var to: Address?
    /// The wei sent along.
    public var value: UInt256
    /// The calldata (or init code).
    public var data: [UInt8]

    /// Makes an intent.
    public init(id: String, chainID: UInt64, sender: Address, to: Address?, value: UInt256, data: [UInt8]) {
        self.id = id
        self.chainID = chainID
        self.sender = sender
        self.to = to
        self.value = value
        self.data = data
    }

    /// A default id derived from the content: `0x` + the first 16 bytes of
    /// keccak256(chainID ‖ sender ‖ to ‖ value ‖ data), so re-running an identical command resumes it.
    public static func derivedID(chainID: UInt64, sender: Address, to: Address?, value: UInt256, data: [UInt8]) -> String {
        var bytes: [UInt8] = withUnsafeBytes(of: chainID.bigEndian, Array.init)
        bytes += sender.bytes
        bytes += to?.bytes ?? [UInt8](repeating: 0, count: 20)
        bytes += value.bigEndianBytes
        bytes += data
        return Hex.encode(Keccak256.hash(bytes).bytes.prefix(16))
    }
}

/// Where an intent stands.
public enum IntentStatus: String, Sendable, Equatable {
    /// Recorded; a transaction may have been signed and broadcast but is not settled.
    case pending
    /// Included with status 1 at the required depth.
    case mined
    /// Included with status 0 (the EVM reverted it); the nonce is consumed.
    case reverted
    /// The node refused every transaction of the intent; its nonce was never consumed.
    case rejected
}

/// Where one signed transaction stands.
public enum JournaledStatus: String, Sendable, Equatable {
    /// Signed and recorded; not yet known to have reached a node.
    case signed
    /// A node accepted it into its pool.
    case broadcast
    /// Included (status 1).
    case mined
    /// Included with status 0.
    case reverted
    /// Another transaction of the same intent (same nonce) was included instead.
    case dropped
    /// The node refused it outright (it never entered the pool).
    case rejected
}

/// One signed transaction in the journal.
public struct JournaledTransaction: Sendable, Equatable {
    /// Its hash (keccak256 of `raw`).
    public var hash: Bytes32
    /// The intent it serves.
    public var intentID: String
    /// Its nonce.
    public var nonce: UInt64
    /// The exact signed bytes; the only bytes that may ever be re-broadcast for it.
    public var raw: [UInt8]
    /// Its fee fields.
    public var fees: FeeQuote
    /// Its gas limit.
    public var gasLimit: UInt64
    /// The transaction it replaces (same nonce, higher fees), if any.
    public var replaces: Bytes32?
    /// Where it stands.
    public var status: JournaledStatus
    /// The including block, once mined.
    public var blockNumber: UInt64?
    /// The including block's hash, once mined.
    public var blockHash: Bytes32?

    /// Makes a record.
    public init(hash: Bytes32, intentID: String, nonce: UInt64, raw: [UInt8], fees: FeeQuote, gasLimit: UInt64,
                replaces: Bytes32?, status: JournaledStatus, blockNumber: UInt64?, blockHash: Bytes32?) {
        self.hash = hash
        self.intentID = intentID
        self.nonce = nonce
        self.raw = raw
        self.fees = fees
        self.gasLimit = gasLimit
        self.replaces = replaces
        self.status = status
        self.blockNumber = blockNumber
        self.blockHash = blockHash
    }
}

/// An intent as journaled, with its assigned nonce and status.
public struct JournaledIntent: Sendable, Equatable {
    /// The intent.
    public var intent: TransactionIntent
    /// The nonce its transactions use.
    public var nonce: UInt64
    /// Where it stands.
    public var status: IntentStatus

    /// Makes a record.
    public init(intent: TransactionIntent, nonce: UInt64, status: IntentStatus) {
        self.intent = intent
        self.nonce = nonce
        self.status = status
    }
}

/// Why the journal refused or failed.
public enum JournalError: Error, Equatable, CustomStringConvertible {
    /// SQLite failed (path, permissions, corruption).
    case database(String)
    /// The intent id is already recorded with other content.
    case intentConflict(id: String, field: String)
    /// A stored row does not parse (a hand-edited or foreign file).
    case corruptRow(table: String, detail: String)

    public var description: String {
        switch self {
        case let .database(message): return "journal: \(message)"
        case let .intentConflict(id, field):
            return "intent \(id): already journaled with a different \(field); an intent id names one transaction, choose another id"
        case let .corruptRow(table, detail): return "journal: unreadable row in \(table): \(detail)"
        }
    }
}

/// The SQLite journal of every signed transaction. A transaction is written here before it is
/// broadcast, so an interrupted command can settle its outcome by hash instead of signing anew.
public final class Journal {
    private let queue: DatabaseQueue

    /// Opens (creating if needed) the journal at `path`; `":memory:"` for a throwaway one.
    /// Throws `JournalError.database` when SQLite cannot open or migrate the file.
    public init(path: String) throws(JournalError) {
        do {
            var configuration = Configuration()
            configuration.busyMode = .timeout(10)
            queue = path == ":memory:" ? try DatabaseQueue(configuration: configuration)
                : try DatabaseQueue(path: path, configuration: configuration)
            try Journal.migrator.migrate(queue)
        } catch {
            throw .database("\(path): \(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE intent (
                    id TEXT PRIMARY KEY NOT NULL,
                    chainId INTEGER NOT NULL,
                    sender TEXT NOT NULL,
                    target TEXT,
                    value TEXT NOT NULL,
                    data BLOB NOT NULL,
                    nonce INTEGER NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('pending','mined','reverted','rejected')),
                    createdAt REAL NOT NULL DEFAULT (julianday('now'))
                );
                CREATE INDEX intentBySender ON intent(chainId, sender, nonce);
                CREATE TABLE signedTransaction (
                    hash TEXT PRIMARY KEY NOT NULL,
                    intentId TEXT NOT NULL REFERENCES intent(id),
                    nonce INTEGER NOT NULL,
                    raw BLOB NOT NULL,
                    feeKind TEXT NOT NULL CHECK (feeKind IN ('dynamic','legacy')),
                    maxFeePerGas TEXT NOT NULL,
                    maxPriorityFeePerGas TEXT,
                    gasLimit INTEGER NOT NULL,
                    replaces TEXT REFERENCES signedTransaction(hash),
                    status TEXT NOT NULL CHECK (status IN ('signed','broadcast','mined','reverted','dropped','rejected')),
                    blockNumber INTEGER,
                    blockHash TEXT,
                    sequence INTEGER NOT NULL,
                    createdAt REAL NOT NULL DEFAULT (julianday('now'))
                );
                CREATE INDEX transactionByIntent ON signedTransaction(intentId, sequence);
                """)
        }
        return migrator
    }

    private func write<T>(_ body: (Database) throws -> T) throws(JournalError) -> T {
        do {
            return try queue.write(body)
        } catch let error as JournalError {
            throw error
        } catch {
            throw .database("\(error)")
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(JournalError) -> T {
        do {
            return try queue.read(body)
        } catch let error as JournalError {
            throw error
        } catch {
            throw .database("\(error)")
        }
    }

    /// The journaled intent named `id`, or `nil`.
    public func intent(_ id: String) throws(JournalError) -> JournaledIntent? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM intent WHERE id = ?", arguments: [id]) else { return nil }
            return try Journal.intent(from: row)
        }
    }

    /// Records `intent` with `nonce` as pending. Throws `JournalError.intentConflict` if the id
    /// exists with other content (the existing record is left alone).
    public func recordIntent(_ intent: TransactionIntent, nonce: UInt64) throws(JournalError) {
        try write { db in
            if let row = try Row.fetchOne(db, sql: "SELECT * FROM intent WHERE id = ?", arguments: [intent.id]) {
                let existing = try Journal.intent(from: row).intent
                try Journal.checkSameContent(existing, intent)
                return
            }
            try db.execute(sql: """
                INSERT INTO intent (id, chainId, sender, target, value, data, nonce, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')
                """, arguments: [intent.id, Int64(bitPattern: intent.chainID), intent.sender.lowercased, intent.to?.lowercased,
                                 intent.value.description, Data(intent.data), Int64(bitPattern: nonce)])
        }
    }

    /// Throws `JournalError.intentConflict` naming the first field where `a` and `b` differ.
    public static func checkSameContent(_ a: TransactionIntent, _ b: TransactionIntent) throws(JournalError) {
        if a.chainID != b.chainID { throw .intentConflict(id: b.id, field: "chain id (\(a.chainID))") }
        if a.sender != b.sender { throw .intentConflict(id: b.id, field: "sender (\(a.sender))") }
        if a.to != b.to { throw .intentConflict(id: b.id, field: "recipient (\(a.to?.checksummed ?? "contract creation"))") }
        if a.value != b.value { throw .intentConflict(id: b.id, field: "value (\(a.value) wei)") }
        if a.data != b.data { throw .intentConflict(id: b.id, field: "calldata") }
    }

    /// Sets the intent's status.
    public func setIntentStatus(_ id: String, _ status: IntentStatus) throws(JournalError) {
        try write { db in
            try db.execute(sql: "UPDATE intent SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
        }
    }

    /// Moves a rejected intent to a new nonce (its old nonce was never consumed) and pending.
    public func reassignNonce(_ id: String, nonce: UInt64) throws(JournalError) {
        try write { db in
            try db.execute(sql: "UPDATE intent SET nonce = ?, status = 'pending' WHERE id = ?",
                           arguments: [Int64(bitPattern: nonce), id])
        }
    }

    /// The sender's intents on `chainID` still pending, oldest nonce first.
    public func pendingIntents(sender: Address, chainID: UInt64) throws(JournalError) -> [JournaledIntent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM intent WHERE chainId = ? AND sender = ? AND status = 'pending' ORDER BY nonce",
                             arguments: [Int64(bitPattern: chainID), sender.lowercased]).map(Journal.intent(from:))
        }
    }

    /// The highest nonce the sender's intents on `chainID` have consumed or hold (pending, mined
    /// or reverted), or `nil` when there is none.
    public func highestNonce(sender: Address, chainID: UInt64) throws(JournalError) -> UInt64? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(nonce) FROM intent WHERE chainId = ? AND sender = ? AND status != 'rejected'",
                               arguments: [Int64(bitPattern: chainID), sender.lowercased]).map { UInt64(bitPattern: $0) }
        }
    }

    /// Records a signed transaction (status `signed`) before it is broadcast. Identical bytes
    /// signed again after the node refused them (same hash) are re-armed rather than duplicated;
    /// any other repeat of a hash throws `JournalError.database`.
    public func recordSigned(_ transaction: JournaledTransaction) throws(JournalError) {
        try write { db in
            if let status = try String.fetchOne(db, sql: "SELECT status FROM signedTransaction WHERE hash = ?",
                                                arguments: [transaction.hash.description]) {
                guard status == JournaledStatus.rejected.rawValue else {
                    throw JournalError.database("transaction \(transaction.hash) is already journaled (\(status))")
                }
                try db.execute(sql: "UPDATE signedTransaction SET status = ? WHERE hash = ?",
                               arguments: [transaction.status.rawValue, transaction.hash.description])
                return
            }
            let sequence = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(sequence), 0) + 1 FROM signedTransaction") ?? 1
            let (kind, maxFee, tip): (String, UInt256, UInt256?)
            switch transaction.fees {
            case let .dynamic(fee, priority): (kind, maxFee, tip) = ("dynamic", fee, priority)
            case let .legacy(price): (kind, maxFee, tip) = ("legacy", price, nil)
            }
            try db.execute(sql: """
                INSERT INTO signedTransaction (hash, intentId, nonce, raw, feeKind, maxFeePerGas, maxPriorityFeePerGas,
                    gasLimit, replaces, status, blockNumber, blockHash, sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?)
                """, arguments: [transaction.hash.description, transaction.intentID, Int64(bitPattern: transaction.nonce),
                                 Data(transaction.raw), kind, maxFee.description, tip?.description,
                                 Int64(bitPattern: transaction.gasLimit), transaction.replaces?.description,
                                 transaction.status.rawValue, sequence])
        }
    }

    /// Sets one transaction's status (and its block, once mined).
    public func setStatus(_ hash: Bytes32, _ status: JournaledStatus, block: (number: UInt64, hash: Bytes32)? = nil) throws(JournalError) {
        try write { db in
            try db.execute(sql: "UPDATE signedTransaction SET status = ?, blockNumber = ?, blockHash = ? WHERE hash = ?",
                           arguments: [status.rawValue, block.map { Int64(bitPattern: $0.number) }, block?.hash.description,
                                       hash.description])
        }
    }

    /// Settles an intent on the transaction that was included: it becomes mined (or reverted),
    /// every other transaction of the intent becomes dropped (refused ones stay rejected), the
    /// intent takes the outcome.
    public func settle(intentID: String, included: Bytes32, succeeded: Bool, block: (number: UInt64, hash: Bytes32)) throws(JournalError) {
        try write { db in
            try db.execute(sql: "UPDATE signedTransaction SET status = 'dropped' WHERE intentId = ? AND hash != ? AND status != 'rejected'",
                           arguments: [intentID, included.description])
            try db.execute(sql: "UPDATE signedTransaction SET status = ?, blockNumber = ?, blockHash = ? WHERE hash = ?",
                           arguments: [succeeded ? "mined" : "reverted", Int64(bitPattern: block.number), block.hash.description,
                                       included.description])
            try db.execute(sql: "UPDATE intent SET status = ? WHERE id = ?", arguments: [succeeded ? "mined" : "reverted", intentID])
        }
    }

    /// The intent's transactions in signing order (the first, then each replacement).
    public func transactions(ofIntent id: String) throws(JournalError) -> [JournaledTransaction] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM signedTransaction WHERE intentId = ? ORDER BY sequence", arguments: [id])
                .map(Journal.transaction(from:))
        }
    }

    static func parseWei(_ text: String, table: String, column: String) throws -> UInt256 {
        do { return try UInt256(text) } catch { throw JournalError.corruptRow(table: table, detail: "\(column) \(text)") }
    }

    static func intent(from row: Row) throws -> JournaledIntent {
        let sender: String = row["sender"]
        let target: String? = row["target"]
        let data: Data = row["data"]
        let statusText: String = row["status"]
        guard let status = IntentStatus(rawValue: statusText),
              let senderAddress = try? Address(sender) else {
            throw JournalError.corruptRow(table: "intent", detail: "id \(row["id"] as String? ?? "?")")
        }
        var to: Address? = nil
        if let target {
            guard let address = try? Address(target) else { throw JournalError.corruptRow(table: "intent", detail: "target \(target)") }
            to = address
        }
        let intent = TransactionIntent(id: row["id"], chainID: UInt64(bitPattern: row["chainId"]), sender: senderAddress, to: to,
                                       value: try parseWei(row["value"], table: "intent", column: "value"), data: [UInt8](data))
        return JournaledIntent(intent: intent, nonce: UInt64(bitPattern: row["nonce"]), status: status)
    }

    static func transaction(from row: Row) throws -> JournaledTransaction {
        func hash(_ text: String?, _ column: String) throws -> Bytes32? {
            guard let text else { return nil }
            guard let value = try? Bytes32(hex: text) else { throw JournalError.corruptRow(table: "signedTransaction", detail: "\(column) \(text)") }
            return value
        }
        let statusText: String = row["status"]
        guard let status = JournaledStatus(rawValue: statusText) else {
            throw JournalError.corruptRow(table: "signedTransaction", detail: "status \(statusText)")
        }
        let maxFee = try parseWei(row["maxFeePerGas"], table: "signedTransaction", column: "maxFeePerGas")
        let fees: FeeQuote
        if (row["feeKind"] as String) == "dynamic" {
            let tipText: String? = row["maxPriorityFeePerGas"]
            fees = .dynamic(maxFeePerGas: maxFee, maxPriorityFeePerGas: try parseWei(tipText ?? "", table: "signedTransaction", column: "maxPriorityFeePerGas"))
        } else {
            fees = .legacy(gasPrice: maxFee)
        }
        let raw: Data = row["raw"]
        let blockNumber: Int64? = row["blockNumber"]
        return JournaledTransaction(hash: try hash(row["hash"], "hash")!, intentID: row["intentId"],
                                    nonce: UInt64(bitPattern: row["nonce"]), raw: [UInt8](raw), fees: fees,
                                    gasLimit: UInt64(bitPattern: row["gasLimit"]), replaces: try hash(row["replaces"], "replaces"),
                                    status: status, blockNumber: blockNumber.map { UInt64(bitPattern: $0) },
                                    blockHash: try hash(row["blockHash"], "blockHash"))
    }
}

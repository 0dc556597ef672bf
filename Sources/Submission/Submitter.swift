import ChainModel
import Secp

/// The transaction envelope to sign.
public enum TransactionType: String, Sendable, Equatable, CaseIterable {
    /// Type 0 with EIP-155 replay protection; priced by `eth_gasPrice`.
    case legacy
    /// Type 1 (EIP-2930, empty access list); priced by `eth_gasPrice`.
    case accessList = "access-list"
    /// Type 2 (EIP-1559); priced from `eth_feeHistory`.
    case dynamicFee = "eip1559"
}

/// How `Submitter` signs, waits and replaces.
public struct SubmissionOptions: Sendable, Equatable {
    /// Blocks the including block must be buried under (1 = included).
    public var confirmations: UInt64 = 1
    /// Seconds between receipt polls.
    public var pollInterval: Double = 1
    /// Seconds to wait for inclusion and confirmations before giving up (the journal keeps
    /// the intent pending; running again resumes it).
    public var timeout: Double = 300
    /// Blocks without inclusion after which the transaction is replaced with fees raised by
    /// 12.5 %; `nil` never replaces.
    public var replaceAfterBlocks: UInt64? = 3
    /// The operator's fee caps.
    public var caps = FeeCaps()
    /// The margin over `eth_estimateGas` for the gas limit, in basis points (2000 = +20 %).
    public var gasMarginBasisPoints: UInt64 = 2_000
    /// A fixed gas limit instead of estimate × margin.
    public var gasLimit: UInt64?
    /// The envelope.
    public var type: TransactionType = .dynamicFee
    /// Submit even when the dry run reverts.
    public var force = false
    /// Broadcasts of the identical bytes after an ambiguous failure.
    public var broadcastAttempts = 3

    /// Makes the default options.
    public init() {}
}

/// Why a submission stopped.
public enum SubmissionError: Error, Equatable, CustomStringConvertible {
    /// The node could not be asked (after retries).
    case rpc(RPCError)
    /// The journal failed or refused.
    case journal(JournalError)
    /// No fee under the caps.
    case fees(FeeError)
    /// The key does not belong to the intent's sender.
    case wrongKey(sender: Address, key: Address)
    /// The dry run reverted and `force` was not set; nothing was signed.
    case dryRunReverted(RevertReason)
    /// `force` was set for a reverting call but no `gasLimit` was given to sign with.
    case forcedWithoutGasLimit
    /// Another intent of the same sender is still unsettled; sending now could leave a gap.
    case unsettledIntent(id: String, nonce: UInt64)
    /// The journal and the node disagree about the next nonce.
    case nonceConflict(journalHighest: UInt64, nodePending: UInt64)
    /// The intent's nonce was consumed by a transaction the journal does not know.
    case nonceTakenElsewhere(intent: String, nonce: UInt64)
    /// The node refused the transaction; nothing entered the pool.
    case rejected(intent: String, message: String)
    /// The broadcast's outcome stayed unknown after all attempts.
    case broadcastUnknown(intent: String, hash: Bytes32, last: RPCError)
    /// No inclusion at the required depth within the timeout; the intent stays pending.
    case timedOut(intent: String, seconds: Double, hashes: [Bytes32])

    public var description: String {
        switch self {
        case let .rpc(error): return error.description
        case let .journal(error): return error.description
        case let .fees(error): return error.description
        case let .wrongKey(sender, key):
            return "from: the key's address \(key) is not the sender \(sender)"
        case let .dryRunReverted(reason):
            return "dry run failed: \(reason.executionSummary); nothing was signed (pass --force to submit anyway)"
        case .forcedWithoutGasLimit:
            return "gas-limit: required with --force when the dry run reverts (there is no estimate to use)"
        case let .unsettledIntent(id, nonce):
            return "intent \(id) (nonce \(nonce)) of this sender is still pending; run it again to settle it before sending another"
        case let .nonceConflict(journalHighest, nodePending):
            return "nonce: the journal has used nonce \(journalHighest) but the node's pending nonce is \(nodePending); refusing to reuse a nonce or leave a gap"
        case let .nonceTakenElsewhere(intent, nonce):
            return "intent \(intent): nonce \(nonce) was consumed by a transaction not in the journal; the intent was not executed"
        case let .rejected(intent, message):
            return "intent \(intent): the node rejected the transaction: \(message)"
        case let .broadcastUnknown(intent, hash, last):
            return "intent \(intent): broadcast of \(hash) has an unknown outcome (\(last)); it is journaled, run again with the same intent id to settle it"
        case let .timedOut(intent, seconds, hashes):
            return "intent \(intent): not confirmed within \(Int(seconds)) s (transactions \(hashes.map(\.description).joined(separator: ", "))); it stays pending in the journal, run again with the same intent id to resume"
        }
    }
}

/// What a submission achieved.
public struct SubmissionResult: Sendable, Equatable {
    /// The intent.
    public var intentID: String
    /// Its nonce.
    public var nonce: UInt64
    /// The included transaction's receipt.
    public var receipt: TransactionReceipt
    /// Every transaction signed for the intent, in order (replacements after the first).
    public var transactions: [JournaledTransaction]
    /// Whether this run only settled an intent an earlier run had already sent.
    public var resumed: Bool
}

/// Signs, journals, broadcasts, waits for and if needed replaces the transaction of one intent.
/// Every signed transaction is journaled before broadcast; an ambiguous failure is settled by
/// looking the hash up, never by signing anew.
public final class Submitter {
    let client: RPCClient
    let journal: Journal
    let key: PrivateKey
    let options: SubmissionOptions
    let clock: RPCClock
    /// Called with one-line progress notes (the command shows them on a terminal).
    public var progress: ((String) -> Void)?

    /// Makes a submitter signing with `key`.
    public init(client: RPCClient, journal: Journal, key: PrivateKey, options: SubmissionOptions = SubmissionOptions(),
                clock: RPCClock = SystemRPCClock()) {
        self.client = client
        self.journal = journal
        self.key = key
        self.options = options
        self.clock = clock
    }

    private func node<T>(_ body: () throws(RPCError) -> T) throws(SubmissionError) -> T {
        do { return try body() } catch { throw .rpc(error) }
    }

    private func journaled<T>(_ body: () throws(JournalError) -> T) throws(SubmissionError) -> T {
        do { return try body() } catch { throw .journal(error) }
    }

    /// Submits `intent` (or resumes it, when the journal already holds it) and returns once
    /// its transaction has the required confirmations. Throws `SubmissionError`; in every case
    /// the journal tells what was signed and sent.
    public func submit(_ intent: TransactionIntent) throws(SubmissionError) -> SubmissionResult {
        let keyAddress = Address(publicKey: key.publicKey)
        guard keyAddress == intent.sender else { throw .wrongKey(sender: intent.sender, key: keyAddress) }
        try node { () throws(RPCError) in try client.verifyChainID(intent.chainID) }

        if let existing = try journaled({ () throws(JournalError) in try journal.intent(intent.id) }) {
            try journaled { () throws(JournalError) in try Journal.checkSameContent(existing.intent, intent) }
            switch existing.status {
            case .mined, .reverted:
                return try settledResult(existing)
            case .pending:
                let transactions = try journaled { () throws(JournalError) in try journal.transactions(ofIntent: intent.id) }
                if !transactions.isEmpty {
                    progress?("resuming intent \(intent.id) (nonce \(existing.nonce), \(transactions.count) signed)")
                    return try waitForInclusion(intent, nonce: existing.nonce, resumed: true, sentAt: nil)
                }
                // Journaled but never signed: check the nonce is still ours, then sign.
                let pending = try node { () throws(RPCError) in try client.transactionCount(of: intent.sender, at: .pending) }
                guard pending <= existing.nonce else { throw .nonceTakenElsewhere(intent: intent.id, nonce: existing.nonce) }
                return try sendNew(intent, nonce: existing.nonce)
            case .rejected:
                break
            }
        }

        try settleOtherIntents(of: intent)
        let nonce = try nextNonce(for: intent)
        if let existing = try journaled({ () throws(JournalError) in try journal.intent(intent.id) }), existing.status == .rejected {
            try journaled { () throws(JournalError) in try journal.reassignNonce(intent.id, nonce: nonce) }
        }
        return try sendNew(intent, nonce: nonce)
    }

    /// Settles the sender's other pending intents if their transactions were included;
    /// throws `.unsettledIntent` for one that is still open.
    private func settleOtherIntents(of intent: TransactionIntent) throws(SubmissionError) {
        let others = try journaled { () throws(JournalError) in
            try journal.pendingIntents(sender: intent.sender, chainID: intent.chainID).filter { $0.intent.id != intent.id }
        }
        for other in others {
            if try findIncluded(other.intent.id) == nil {
                throw .unsettledIntent(id: other.intent.id, nonce: other.nonce)
            }
        }
    }

    /// The receipt of whichever of the intent's transactions was included (settling the
    /// journal), or `nil`.
    private func findIncluded(_ intentID: String) throws(SubmissionError) -> (JournaledTransaction, TransactionReceipt)? {
        let transactions = try journaled { () throws(JournalError) in try journal.transactions(ofIntent: intentID) }
        for transaction in transactions.reversed() {
            if let receipt = try node({ () throws(RPCError) in try client.transactionReceipt(transaction.hash) }) {
                try journaled { () throws(JournalError) in
                    try journal.settle(intentID: intentID, included: transaction.hash, succeeded: receipt.succeeded,
                                       block: (receipt.blockNumber, receipt.blockHash))
                }
                return (transaction, receipt)
            }
        }
        return nil
    }

    /// The next nonce: the node's pending count, provided the journal has not used it already.
    private func nextNonce(for intent: TransactionIntent) throws(SubmissionError) -> UInt64 {
        let pending = try node { () throws(RPCError) in try client.transactionCount(of: intent.sender, at: .pending) }
        if let highest = try journaled({ () throws(JournalError) in try journal.highestNonce(sender: intent.sender, chainID: intent.chainID) }),
           highest >= pending {
            throw .nonceConflict(journalHighest: highest, nodePending: pending)
        }
        return pending
    }

    private func settledResult(_ existing: JournaledIntent) throws(SubmissionError) -> SubmissionResult {
        let transactions = try journaled { () throws(JournalError) in try journal.transactions(ofIntent: existing.intent.id) }
        guard let included = transactions.first(where: { $0.status == .mined || $0.status == .reverted }),
              let receipt = try node({ () throws(RPCError) in try client.transactionReceipt(included.hash) }) else {
            // The journal says settled but the node no longer has the receipt (reorg): wait again.
            try journaled { () throws(JournalError) in try journal.setIntentStatus(existing.intent.id, .pending) }
            return try waitForInclusion(existing.intent, nonce: existing.nonce, resumed: true, sentAt: nil)
        }
        return SubmissionResult(intentID: existing.intent.id, nonce: existing.nonce, receipt: receipt,
                                transactions: transactions, resumed: true)
    }

    /// Dry-runs, prices, signs, journals and broadcasts the first transaction of `intent`.
    private func sendNew(_ intent: TransactionIntent, nonce: UInt64) throws(SubmissionError) -> SubmissionResult {
        let request = CallRequest(from: intent.sender, to: intent.to, input: intent.data, value: intent.value)
        let report: DryRunReport
        do {
            report = try DryRunner.run(request, client: client, gasMarginBasisPoints: options.gasMarginBasisPoints, caps: options.caps)
        } catch {
            switch error {
            case let .rpc(inner): throw .rpc(inner)
            case let .fees(inner): throw .fees(inner)
            }
        }
        let gasLimit: UInt64
        switch report.outcome {
        case let .success(_, _, limit):
            gasLimit = options.gasLimit ?? limit
        case let .reverted(reason, _):
            guard options.force else { throw .dryRunReverted(reason) }
            guard let fixed = options.gasLimit else { throw .forcedWithoutGasLimit }
            progress?("dry run reverted (\(reason)); submitting anyway (--force)")
            gasLimit = fixed
        }
        let fees = try quote(report)
        try journaled { () throws(JournalError) in try journal.recordIntent(intent, nonce: nonce) }
        let signed = sign(intent, nonce: nonce, gasLimit: gasLimit, fees: fees)
        let record = JournaledTransaction(hash: signed.hash, intentID: intent.id, nonce: nonce, raw: signed.raw, fees: fees,
                                          gasLimit: gasLimit, replaces: nil, status: .signed, blockNumber: nil, blockHash: nil)
        try journaled { () throws(JournalError) in try journal.recordSigned(record) }
        progress?("signed \(signed.hash) (nonce \(nonce), \(fees), gas limit \(gasLimit))")
        let head = try node { () throws(RPCError) in try client.blockNumber() }
        try broadcast(record)
        return try waitForInclusion(intent, nonce: nonce, resumed: false, sentAt: head)
    }

    private func quote(_ report: DryRunReport) throws(SubmissionError) -> FeeQuote {
        if options.type == .dynamicFee, let fees = report.fees, case .dynamic = fees { return fees }
        if options.type == .dynamicFee {
            do { return try DryRunner.quote(client: client, caps: options.caps) } catch {
                switch error {
                case let .rpc(inner): throw .rpc(inner)
                case let .fees(inner): throw .fees(inner)
                }
            }
        }
        let price = try node { () throws(RPCError) in try client.gasPrice() }
        return FeeEstimator.legacyQuote(gasPrice: price, caps: options.caps)
    }

    private func sign(_ intent: TransactionIntent, nonce: UInt64, gasLimit: UInt64, fees: FeeQuote) -> SignedTransaction {
        let kind: TransactionKind
        switch (options.type, fees) {
        case let (.dynamicFee, .dynamic(maxFee, tip)):
            kind = .dynamicFee(maxPriorityFeePerGas: tip, maxFeePerGas: maxFee, chainID: intent.chainID, accessList: [])
        case let (.accessList, fees):
            kind = .accessList(gasPrice: fees.maximumPricePerGas, chainID: intent.chainID, accessList: [])
        case let (_, fees):
            kind = .legacy(gasPrice: fees.maximumPricePerGas, chainID: intent.chainID)
        }
        return Transaction(kind: kind, nonce: nonce, gasLimit: gasLimit, to: intent.to, value: intent.value, data: intent.data)
            .signed(with: key)
    }

    /// Node messages meaning the transaction (or one with its nonce) is already in the pool or chain.
    static func isAlreadyKnown(_ message: String) -> Bool {
        let lower = message.lowercased()
        return lower.contains("already known") || lower.contains("known transaction") || lower.contains("already imported")
            || lower.contains("nonce too low") || lower.contains("already been used") || lower.contains("nonce is too low")
    }

    /// Broadcasts the journaled bytes; an ambiguous failure is settled by looking the hash up and,
    /// if the node does not know it, re-broadcasting the identical bytes.
    private func broadcast(_ record: JournaledTransaction) throws(SubmissionError) {
        var last: RPCError? = nil
        for attempt in 1...max(1, options.broadcastAttempts) {
            let outcome: Result<Bytes32, RPCError>
            do throws(RPCError) {
                outcome = .success(try client.sendRawTransaction(record.raw))
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case let .success(hash):
                if hash != record.hash {
                    progress?("node reported hash \(hash) for \(record.hash)")
                }
                try journaled { () throws(JournalError) in try journal.setStatus(record.hash, .broadcast) }
                return
            case let .failure(error):
                if let object = error.nodeError {
                    if Submitter.isAlreadyKnown(object.message) {
                        // Ours from an earlier attempt, or the nonce is used: the wait settles which.
                        progress?("node says \(object.message.prefix(80)); settling by hash")
                        return
                    }
                    try journaled { () throws(JournalError) in try journal.setStatus(record.hash, .rejected) }
                    let others = try journaled { () throws(JournalError) in try journal.transactions(ofIntent: record.intentID) }
                    if !others.contains(where: { $0.status == .broadcast || $0.status == .signed }) {
                        try journaled { () throws(JournalError) in try journal.setIntentStatus(record.intentID, .rejected) }
                    }
                    throw .rejected(intent: record.intentID, message: object.message)
                }
                last = error
                progress?("broadcast attempt \(attempt) of \(record.hash) failed (\(error)); looking the hash up")
                if (try? client.transaction(record.hash)) != nil {
                    try journaled { () throws(JournalError) in try journal.setStatus(record.hash, .broadcast) }
                    return
                }
                if (try? client.transactionReceipt(record.hash)) != nil {
                    return
                }
            }
        }
        throw .broadcastUnknown(intent: record.intentID, hash: record.hash, last: last!)
    }

    /// Waits for one of the intent's transactions to reach the required depth, re-broadcasting
    /// identical bytes the node lost and replacing after `replaceAfterBlocks` blocks.
    private func waitForInclusion(_ intent: TransactionIntent, nonce: UInt64, resumed: Bool, sentAt: UInt64?) throws(SubmissionError) -> SubmissionResult {
        let started = clock.now()
        var lastSent = sentAt
        var rebroadcasts = 0
        while true {
            let head = try node { () throws(RPCError) in try client.blockNumber() }
            if lastSent == nil { lastSent = head }
            let transactions = try journaled { () throws(JournalError) in try journal.transactions(ofIntent: intent.id) }
            var included: (JournaledTransaction, TransactionReceipt)? = nil
            for transaction in transactions.reversed() where transaction.status != .rejected {
                if let receipt = try node({ () throws(RPCError) in try client.transactionReceipt(transaction.hash) }) {
                    included = (transaction, receipt)
                    break
                }
            }
            if let (transaction, receipt) = included {
                let depth = head >= receipt.blockNumber ? head - receipt.blockNumber + 1 : 0
                if depth >= options.confirmations {
                    // Re-check at depth: the block must still be canonical (no reorg).
                    let block = try node { () throws(RPCError) in try client.block(.number(receipt.blockNumber)) }
                    let again = try node { () throws(RPCError) in try client.transactionReceipt(transaction.hash) }
                    if let block, block.hash == receipt.blockHash, let again, again.blockHash == receipt.blockHash {
                        try journaled { () throws(JournalError) in
                            try journal.settle(intentID: intent.id, included: transaction.hash, succeeded: receipt.succeeded,
                                               block: (receipt.blockNumber, receipt.blockHash))
                        }
                        let settled = try journaled { () throws(JournalError) in try journal.transactions(ofIntent: intent.id) }
                        return SubmissionResult(intentID: intent.id, nonce: nonce, receipt: receipt, transactions: settled, resumed: resumed)
                    }
                    progress?("block \(receipt.blockNumber) was reorganised away; waiting for \(transaction.hash) again")
                } else {
                    progress?("\(transaction.hash) included in block \(receipt.blockNumber), \(depth)/\(options.confirmations) confirmations")
                }
            } else {
                let latestNonce = try node { () throws(RPCError) in try client.transactionCount(of: intent.sender, at: .latest) }
                if latestNonce > nonce {
                    // Our nonce is used, yet none of our hashes has a receipt: one more look, then it was someone else.
                    if try findIncluded(intent.id) == nil {
                        throw .nonceTakenElsewhere(intent: intent.id, nonce: nonce)
                    }
                    continue
                }
                let live = transactions.filter { $0.status != .rejected }
                if let newest = live.last {
                    let known = try node { () throws(RPCError) in try client.transaction(newest.hash) }
                    if known == nil, rebroadcasts < options.broadcastAttempts {
                        rebroadcasts += 1
                        progress?("node does not know \(newest.hash); re-broadcasting the identical bytes")
                        try broadcast(newest)
                    } else if let k = options.replaceAfterBlocks, let sent = lastSent, head >= sent + k {
                        // Bump over the highest fees signed so far (a refused replacement included),
                        // so a new replacement never repeats earlier bytes.
                        let basis = transactions.last ?? newest
                        if let bumped = FeeEstimator.bumped(basis.fees, caps: options.caps) {
                            let signed = sign(intent, nonce: nonce, gasLimit: newest.gasLimit, fees: bumped)
                            let record = JournaledTransaction(hash: signed.hash, intentID: intent.id, nonce: nonce, raw: signed.raw,
                                                              fees: bumped, gasLimit: newest.gasLimit, replaces: newest.hash,
                                                              status: .signed, blockNumber: nil, blockHash: nil)
                            try journaled { () throws(JournalError) in try journal.recordSigned(record) }
                            progress?("not included after \(head - sent) blocks; replacing \(newest.hash) with \(signed.hash) (\(bumped))")
                            do {
                                try broadcast(record)
                            } catch let .rejected(_, message) {
                                // The node keeps the earlier transaction; keep waiting for it.
                                progress?("the node refused the replacement (\(message)); still waiting for \(newest.hash)")
                            }
                            rebroadcasts = 0
                        } else {
                            progress?("not included after \(head - sent) blocks; the fee caps leave no room for a replacement")
                        }
                        lastSent = head
                    } else {
                        progress?("waiting for \(newest.hash) (nonce \(nonce)) since block \(lastSent ?? head)")
                    }
                }
            }
            if clock.now() - started >= options.timeout {
                throw .timedOut(intent: intent.id, seconds: options.timeout,
                                hashes: transactions.map(\.hash))
            }
            clock.sleep(seconds: options.pollInterval)
        }
    }
}

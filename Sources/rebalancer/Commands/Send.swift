import ArgumentParser
import ChainModel
import Foundation
import Submission

/// `rebalancer send <to> "<sig>" args…`: dry-run, sign, journal, broadcast and wait.
struct Send: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign and send a transaction, journaled so a restart never sends it twice.",
        discussion: """
        The call is first dry-run (eth_call and eth_estimateGas from the real sender); a revert \
        stops here unless --force. The signed transaction is written to the journal before it is \
        broadcast. Running the command again with the same --intent id settles and returns the \
        earlier transaction instead of sending a new one; without --intent the id is derived from \
        chain, sender, recipient, value and calldata. A transaction not included after \
        --replace-after blocks is replaced with fees raised by 12.5 % (within --max-fee/--max-tip).

        The key comes from --keystore (with --password-file, or a prompt on a terminal) or from \
        the environment variable REBALANCER_PRIVATE_KEY; never from the command line.

        Examples:
          rebalancer send 0xToken 'transfer(address,uint256)' 0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF 1e6 --chain-id 1
          rebalancer send --dry-run 0xModule 'unlock(address)' 0xSet --chain-id 1 --from 0x…
        """
    )

    @OptionGroup var input: CallInput
    @OptionGroup var node: RPCOptions
    @OptionGroup var keys: KeyOptions

    @Flag(name: .customLong("dry-run"), help: "Only dry-run: print the outcome, gas and cost; sign nothing.") var dryRun = false
    @Option(help: "Confirmations to wait for (1 = included).") var confirmations: UInt64 = 1
    @Option(name: .customLong("intent"), help: "The intent id; re-running with it resumes instead of resending.") var intentID: String?
    @Option(help: "The journal (SQLite) path.") var journal: String = Send.defaultJournalPath()
    @Option(name: .customLong("max-fee"), help: "Cap on the max fee (or gas price) per gas, e.g. 50gwei.") var maxFee: String?
    @Option(name: .customLong("max-tip"), help: "Cap on the priority fee per gas, e.g. 2gwei.") var maxTip: String?
    @Option(name: .customLong("gas-limit"), help: "A fixed gas limit instead of estimate x margin.") var gasLimit: UInt64?
    @Option(name: .customLong("gas-margin"), help: "Percent added to the gas estimate.") var gasMargin: UInt64 = 20
    @Option(name: .customLong("type"), help: "Transaction type: eip1559, access-list or legacy.") var type: String = "eip1559"
    @Flag(help: "Submit even if the dry run reverts (requires --gas-limit).") var force = false
    @Option(help: "Seconds to wait for confirmation before leaving the intent pending.") var timeout: Double = 300
    @Option(name: .customLong("poll-interval"), help: "Seconds between receipt polls.") var pollInterval: Double = 1
    @Option(name: .customLong("replace-after"), help: "Blocks without inclusion before a fee-bumped replacement (0 = never).") var replaceAfter: UInt64 = 3
    @Option(name: .customLong("event"), help: "An event signature to decode receipt logs with (repeatable).") var events: [String] = []
    @Flag(help: "Print JSON.") var json = false

    static func defaultJournalPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["REBALANCER_JOURNAL"], !path.isEmpty { return path }
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? ".") + "/.local/state"
        return base + "/rebalancer/journal.sqlite"
    }

    func options() throws(CommandFailure) -> SubmissionOptions {
        var options = SubmissionOptions()
        guard confirmations >= 1, confirmations <= 1000 else {
            throw CommandFailure("confirmations: \(confirmations) must be between 1 and 1000")
        }
        guard timeout > 0, pollInterval > 0, pollInterval <= timeout else {
            throw CommandFailure("poll-interval: \(pollInterval) must be positive and at most --timeout (\(timeout))")
        }
        guard gasMargin <= 1000 else { throw CommandFailure("gas-margin: \(gasMargin) must be at most 1000 percent") }
        guard let kind = TransactionType(rawValue: type) else {
            throw CommandFailure("type: \(type) must be eip1559, access-list or legacy")
        }
        options.confirmations = confirmations
        options.timeout = timeout
        options.pollInterval = pollInterval
        options.replaceAfterBlocks = replaceAfter == 0 ? nil : replaceAfter
        options.gasMarginBasisPoints = gasMargin * 100
        options.gasLimit = gasLimit
        options.type = kind
        options.force = force
        if let maxFee { options.caps.maxFeePerGas = try WeiInput.uint256(maxFee, option: "max-fee") }
        if let maxTip { options.caps.maxPriorityFeePerGas = try WeiInput.uint256(maxTip, option: "max-tip") }
        if force, gasLimit == nil { throw CommandFailure("gas-limit: required with --force") }
        return options
    }

    func run() throws {
        let options = try options()
        var known: [ABIEvent] = try loadABIs(input.abiFiles).events
        for text in events {
            do { known.append(try ABIEvent(signature: text)) } catch { throw CommandFailure("event: \(error.description)") }
        }
        if dryRun {
            try runDry(options)
            return
        }
        guard let chainID = node.chainID else {
            throw CommandFailure("chain-id: required for send, so nothing is signed for the wrong chain")
        }
        let key = try keys.loadKey(announce: false)
        let sender = Address(publicKey: key.publicKey)
        if let from = input.from, try parseAddress(from, field: "from") != sender {
            throw CommandFailure("from: \(from) is not the address of the signing key (\(sender))")
        }
        let (_, request, _) = try input.resolve(from: sender)
        let client = try node.client()
        let id = intentID ?? TransactionIntent.derivedID(chainID: chainID, sender: sender, to: request.to,
                                                          value: request.value ?? .zero, data: request.input)
        guard !id.isEmpty, id.count <= 200 else { throw CommandFailure("intent: the id must be 1 to 200 characters") }
        let intent = TransactionIntent(id: id, chainID: chainID, sender: sender, to: request.to,
                                       value: request.value ?? .zero, data: request.input)
        let store: Journal
        do {
            try FileManager.default.createDirectory(atPath: (journal as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            store = try Journal(path: journal)
        } catch let error as JournalError {
            throw CommandFailure(error.description)
        } catch {
            throw CommandFailure("journal: \(journal): \(error.localizedDescription)")
        }
        let submitter = Submitter(client: client, journal: store, key: key, options: options)
        let terminal = isatty(2) != 0
        if terminal {
            submitter.progress = { line in
                FileHandle.standardError.write(Data(("\r\u{1B}[K" + line.prefix(160)).utf8))
            }
        }
        let result: SubmissionResult
        do {
            result = try submitter.submit(intent)
        } catch {
            if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            throw CommandFailure(error.description)
        }
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if json {
            var object = ReceiptOutput.json(result.receipt, events: known)
            if case var .object(members) = object {
                members.insert(("intent", .string(result.intentID)), at: 0)
                members.insert(("nonce", .number(String(result.nonce))), at: 1)
                members.insert(("resumed", .bool(result.resumed)), at: 2)
                members.insert(("signed", .array(result.transactions.map { .object([
                    ("hash", .string($0.hash.description)), ("status", .string($0.status.rawValue)),
                    ("replaces", $0.replaces.map { .string($0.description) } ?? .null),
                ]) })), at: 3)
                object = .object(members)
            }
            print(object.pretty)
        } else {
            print(ReceiptOutput.table(result.receipt, events: known))
        }
        if !result.receipt.succeeded {
            throw CommandFailure("transaction \(result.receipt.transactionHash) was included but reverted (status 0)")
        }
    }

    func runDry(_ options: SubmissionOptions) throws {
        var sender: Address? = nil
        if input.from == nil {
            sender = Address(publicKey: try keys.loadKey(announce: false).publicKey)
        }
        let (_, request, knownErrors) = try input.resolve(from: sender)
        guard request.from != nil else { throw CommandFailure("from: the dry run needs the real sender") }
        let client = try node.client()
        let report: DryRunReport
        do {
            report = try DryRunner.run(request, client: client, knownErrors: knownErrors,
                                       gasMarginBasisPoints: options.gasMarginBasisPoints, caps: options.caps)
        } catch {
            throw CommandFailure(error.description)
        }
        switch report.outcome {
        case let .success(returnData, estimate, limit):
            let gas = options.gasLimit ?? limit
            let cost = report.fees.map { UInt256(gas) * $0.maximumPricePerGas + (request.value ?? .zero) }
            if json {
                var members: [(String, JSONValue)] = [
                    ("success", .bool(true)), ("returnData", .string(Hex.encode(returnData))),
                    ("gasEstimate", .number(String(estimate))), ("gasLimit", .number(String(gas))),
                ]
                if case let .dynamic(maxFee, tip)? = report.fees {
                    members.append(("maxFeePerGas", .string(maxFee.description)))
                    members.append(("maxPriorityFeePerGas", .string(tip.description)))
                } else if case let .legacy(price)? = report.fees {
                    members.append(("gasPrice", .string(price.description)))
                }
                if let cost { members.append(("maximumCostWei", .string(cost.description))) }
                print(JSONValue.object(members).pretty)
            } else {
                print("dry run succeeded: gas estimate \(estimate), gas limit \(gas), \(report.fees?.description ?? "")")
                if let cost { print("maximum cost \(cost) wei (\(Balance.ether(cost)) ether)") }
            }
        case let .reverted(reason, _):
            if json {
                print(JSONValue.object([("success", .bool(false)), ("revert", .string(reason.description))]).pretty)
            }
            throw CommandFailure("dry run failed: \(reason.executionSummary)")
        }
    }
}

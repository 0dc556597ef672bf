import ArgumentParser
import AuctionPlanner
import ChainModel
import Foundation

/// `rebalancer verify --plan plan.json [--calldata 0x… [--to ADDR] | --tx 0xraw]`: recomputes the
/// plan from its recorded inputs (checking their Keccak-256), compares the plan document and the
/// given call or transaction field by field, prints the differences and exits 1 on any.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Prove that a plan, calldata or signed transaction is exactly what the plan's inputs imply.",
        discussion: """
        Steps: read the plan's recorded input files (paths relative to --base-dir), compare their \
        Keccak-256 with the recorded hashes; plan again from them and compare the whole plan \
        document by JSON path; then decode the given calldata or raw transaction with contracts-abi/ \
        and compare it with the planned transaction calling the same function: target contract, \
        chain id and value (for --tx and --tx-hash), every argument, and every adapter config decoded \
        into its named parameters. With --rpc-url, also check that the plan still fits the chain: \
        same chain, component order and position multiplier, no other rebalance in progress. Each difference prints as field, expected, found; the exit status is 1 \
        when there is any, 0 when everything matches. The verdict is coloured only on a terminal \
        and never with NO_COLOR set.

        Examples:
          rebalancer verify --plan examples/expected/plan.json
          rebalancer verify --plan plan.json --calldata 0x8e0f7756… --to 0x59D55D53a715b3B4581c52098BCb4075C2941DBa
          rebalancer verify --plan plan.json --tx 0x02f9…
          rebalancer verify --plan plan.json --tx-hash 0x… --rpc-url http://127.0.0.1:8545
        """
    )

    @Option(help: ArgumentHelp("The plan document (rebalancer/plan@1).", valueName: "file"))
    var plan: String

    @Option(help: ArgumentHelp("Calldata to check against the planned transaction with the same selector.", valueName: "0x…"))
    var calldata: String?

    @Option(help: ArgumentHelp("The contract the calldata is sent to (checked with --calldata).", valueName: "address"))
    var to: String?

    @Option(help: ArgumentHelp("A raw signed transaction to check (target, chain id, value, calldata).", valueName: "0xraw"))
    var tx: String?

    @Option(name: .customLong("tx-hash"), help: ArgumentHelp("A transaction to fetch with --rpc-url and check like --tx.", valueName: "hash"))
    var txHash: String?

    @OptionGroup var node: RPCOptions

    @Option(help: ArgumentHelp("The directory the plan's recorded input paths are relative to (default: the current one).", valueName: "dir"))
    var baseDir: String?

    @Option(help: ArgumentHelp("The directory of JSON ABIs used to decode calls.", valueName: "dir"))
    var abiDir: String = "contracts-abi"

    func validate() throws {
        if calldata != nil && tx != nil { throw ValidationError("give either --calldata or --tx, not both") }
        if [calldata, tx, txHash].compactMap({ $0 }).count > 1 { throw ValidationError("give one of --calldata, --tx, --tx-hash") }
        if txHash != nil && node.rpcURL == nil { throw ValidationError("--tx-hash needs --rpc-url") }
        if to != nil && calldata == nil { throw ValidationError("--to goes with --calldata (a transaction names its own target)") }
    }

    func run() throws {
        let (planBytes, recorded, inputs) = try RecordedPlan.load(plan, baseDir: baseDir)
        var differences = recorded.hashDifferences(inputs.files)
        var checked = ["4 input hashes"]
        if differences.isEmpty {
            let recomputed = try Planner.plan(inputs)
            differences += PlanVerifier.documentDifferences(recorded: planBytes, recomputed: recomputed)
            checked.append("the plan document")
            if let call = try callToCheck() {
                let catalog: ContractCatalog
                do { catalog = try ContractCatalog.load(directory: abiDir) } catch { throw CommandFailure(error.description) }
                differences += call.extra
                do {
                    differences += try PlanVerifier.compare(calldata: call.data, to: call.to, chainID: call.chainID,
                                                            with: recomputed, catalog: catalog)
                } catch { throw CommandFailure(error.description) }
                checked.append(calldata != nil ? "the calldata" : "the transaction")
            }
            if node.rpcURL != nil {
                let live = try SnapshotCommand.read(node: node, setToken: recomputed.snapshot.setToken.checksummed,
                                                    module: recomputed.policy.module.checksummed, block: nil)
                differences += PlanVerifier.chainFit(of: recomputed, live: live)
                checked.append("the chain at block \(live.block.number)")
            }
        }
        let colour = isatty(1) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
        func paint(_ text: String, _ code: String) -> String { colour ? "\u{1B}[" + code + "m" + text + "\u{1B}[0m" : text }
        if differences.isEmpty {
            print(paint("verified", "32") + " against the plan's inputs: " + checked.joined(separator: ", "))
            return
        }
        print(paint("\(differences.count) difference\(differences.count == 1 ? "" : "s")", "31") + " from what the plan's inputs imply:")
        print(AuditTable.render([("field", "expected | found")] + differences.map { ($0.field, $0.expected + " | " + $0.actual) }))
        throw ExitCode(1)
    }

    /// The call given: its data, target and chain id (when known), and differences found in the
    /// transaction's own fields (a contract creation, ether sent).
    private func callToCheck() throws(CommandFailure) -> (data: [UInt8], to: Address?, chainID: UInt64??, extra: [AuditDifference])? {
        if let calldata {
            var target: Address?
            if let to { target = try parseAddress(to, field: "--to") }
            return (try HexInput.bytes(calldata, field: "--calldata"), target, nil, [])
        }
        if let txHash { return try fetched(txHash) }
        guard let tx else { return nil }
        let raw = try HexInput.bytes(tx, field: "--tx")
        let signed: SignedTransaction
        do { signed = try SignedTransaction(raw: raw) } catch { throw CommandFailure("--tx: \(error)") }
        let transaction = signed.transaction
        var extra: [AuditDifference] = []
        if transaction.to == nil { extra.append(AuditDifference(field: "to", expected: "a contract", actual: "(none: contract creation)")) }
        if !transaction.value.isZero { extra.append(AuditDifference(field: "value", expected: "0", actual: transaction.value.description)) }
        return (transaction.data, transaction.to, .some(transaction.kind.chainID), extra)
    }
}

extension Verify {
    /// The mined or pending transaction `hash` read with `eth_getTransactionByHash`: input, target,
    /// chain id (absent for pre-EIP-155 legacy transactions) and value.
    private func fetched(_ hash: String) throws(CommandFailure) -> (data: [UInt8], to: Address?, chainID: UInt64??, extra: [AuditDifference]) {
        let digest: Bytes32
        do { digest = try Bytes32(hex: hash.trimmingWhitespace) } catch { throw CommandFailure("--tx-hash: \(error)") }
        let client = try node.client()
        let answer = try rpc { () throws(RPCError) in try client.call("eth_getTransactionByHash", [.string(digest.description)]) }
        if answer == .null { throw CommandFailure("--tx-hash \(digest): the node knows no such transaction") }
        do {
            let data = try RPCQuantity.data(answer["input"], field: "transaction.input")
            let to = try RPCQuantity.optionalAddress(answer["to"], field: "transaction.to")
            let chainID = try RPCQuantity.optionalUInt64(answer["chainId"], field: "transaction.chainId")
            let value = try RPCQuantity.uint256(answer["value"], field: "transaction.value")
            var extra: [AuditDifference] = []
            if to == nil { extra.append(AuditDifference(field: "to", expected: "a contract", actual: "(none: contract creation)")) }
            if !value.isZero { extra.append(AuditDifference(field: "value", expected: "0", actual: value.description)) }
            return (data, to, .some(chainID), extra)
        } catch {
            throw CommandFailure("--tx-hash \(digest): \(error)")
        }
    }
}

/// A plan document with its recorded input files read again.
enum RecordedPlan {
    /// Reads the plan at `path` and the input files it records (relative paths under `baseDir`,
    /// default the current directory), parsed, with the recorded paths kept in their digests.
    ///
    /// - Returns: the plan's bytes, what it records, and the inputs as read now (their hashes may differ).
    /// - Throws: `InputFileError` for an unreadable or malformed plan or input file; ``CommandFailure``
    ///   when the state was read over RPC (no file to re-read).
    static func load(_ path: String, baseDir: String?) throws -> (Data, RecordedInputs, PlanInputs) {
        let planBytes = try PlanFiles.read(path)
        let recorded = try RecordedInputs.parse(planBytes, file: path)
        var paths: [String: String] = [:]
        for file in recorded.files {
            if file.path.hasPrefix("rpc block ") {
                throw CommandFailure("\(path): inputs.\(file.role).path = '\(file.path)': the state was read over RPC, "
                                     + "so there is no file to re-read; plan from a snapshot file (rebalancer snapshot --out) to make it verifiable")
            }
            if let baseDir, !file.path.hasPrefix("/") {
                paths[file.role] = (baseDir as NSString).appendingPathComponent(file.path)
            } else {
                paths[file.role] = file.path
            }
        }
        var inputs = try PlanFiles.load(state: paths["snapshot"], weights: paths["weights"] ?? "weights",
                                        prices: paths["prices"] ?? "prices", policy: paths["policy"] ?? "policy")
        inputs.files = inputs.files.map { digest in
            InputFileDigest(role: digest.role, path: recorded.files.first { $0.role == digest.role }?.path ?? digest.path,
                            keccak256: digest.keccak256)
        }
        return (planBytes, recorded, inputs)
    }
}

import ArgumentParser
import AuctionPlanner
import ChainModel
import Foundation

/// `rebalancer snapshot`: reads a SetToken's state (and the auction module's view of it) at one
/// pinned block and writes it as a `rebalancer/snapshot@1` file, so planning can run offline.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Read a SetToken's state at one block and write it as a snapshot file.",
        discussion: """
        Every value is read at the same block (the latest, or --block) in three JSON-RPC batches
        (chain id and block; the SetToken and module views; per-component values):
        components in getComponents() order with their real units, decimals and symbols, total
        supply, position multiplier, manager, modules, lock, and with --module the module's
        rebalanceInfo, permissionInfo and the Controller's protocol fee.

        Example:
          rebalancer snapshot --rpc-url http://127.0.0.1:8545 --set 0x… --module 0x… --out snapshot.json
        """
    )

    @OptionGroup var node: RPCOptions
    @Option(name: .customLong("set"), help: "The SetToken address.") var setToken: String
    @Option(help: "The AuctionRebalanceModuleV1 address.") var module: String?
    @Option(help: "Block number to pin (default: the latest block).") var block: UInt64?
    @Option(help: "Write the snapshot here (atomically) instead of printing it.") var out: String?

    func run() throws {
        let snapshot = try SnapshotCommand.read(node: node, setToken: setToken, module: module, block: block)
        let text = snapshot.json.encoded()
        if let out { try AtomicFile.write(text, to: out) } else { print(text, terminator: "") }
    }

    /// Reads the snapshot over RPC (shared with `plan --rpc-url`).
    static func read(node: RPCOptions, setToken: String, module: String?, block: UInt64?) throws -> SetTokenSnapshot {
        let set = try parseAddress(setToken, field: "set")
        let moduleAddress = try module.map { (text) throws(CommandFailure) in try parseAddress(text, field: "module") }
        let client = try node.client()
        // One batch pins the block: eth_chainId and eth_getBlockByNumber together.
        let tag: BlockTag = block.map { .number($0) } ?? .latest
        let answers = try rpc { () throws(RPCError) in
            try client.batch([(method: "eth_chainId", params: []), (method: "eth_getBlockByNumber", params: [tag.json, .bool(false)])])
        }
        guard answers.count == 2 else { throw CommandFailure("rpc-url: the node answered \(answers.count) of 2 calls") }
        let chainID: UInt64
        let header: BlockHeader
        do {
            chainID = try RPCQuantity.uint64(try answers[0].get(), field: "eth_chainId")
            let value = try answers[1].get()
            if value.isNull { throw CommandFailure("block: the node has no block \(block.map(String.init) ?? "latest")") }
            header = try BlockHeader(json: value)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("rpc-url: \(error)")
        }
        let pinned = SetTokenSnapshot.Block(chainId: chainID, number: header.number, hash: header.hash, timestamp: header.timestamp)
        do {
            return try SnapshotReader.read(setToken: set, module: moduleAddress, block: pinned,
                                           source: RPCStateSource(client: client, block: header.number))
        } catch {
            throw CommandFailure("snapshot of \(set) at block \(header.number): \(error.description)")
        }
    }
}

/// `eth_call`s as one JSON-RPC batch at a fixed block number.
struct RPCStateSource: ChainStateSource {
    let client: RPCClient
    let block: UInt64

    func call(_ calls: [ContractCall]) throws(SnapshotError) -> [[UInt8]] {
        let tag = BlockTag.number(block)
        let requests = calls.map { (method: "eth_call", params: [CallRequest(to: $0.to, input: $0.data).json, tag.json]) }
        let answers: [Result<JSONValue, RPCError>]
        do { answers = try client.batch(requests) } catch { throw .call(error.description) }
        var out: [[UInt8]] = []
        for (call, answer) in zip(calls, answers) {
            switch answer {
            case let .failure(error):
                throw .call("eth_call to \(call.to) (selector \(Hex.encode(Array(call.data.prefix(4))))) failed: \(error.description)")
            case let .success(value):
                do { out.append(try RPCQuantity.data(value, field: "result")) } catch {
                    throw .call("eth_call to \(call.to): \(error.description)")
                }
            }
        }
        return out
    }
}

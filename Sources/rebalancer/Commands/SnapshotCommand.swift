import ArgumentParser
import AuctionPlanner
import ChainModel
import Foundation
import Keeper

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
        do {
            return try RPCSnapshot.read(client: client, setToken: set, module: moduleAddress, block: block.map { .number($0) } ?? .latest)
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

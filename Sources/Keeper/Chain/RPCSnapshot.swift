import AuctionPlanner
import ChainModel

/// Why a snapshot could not be read over JSON-RPC; the message names the step and the node's answer.
public struct RPCSnapshotError: Error, Equatable, CustomStringConvertible {
    /// One line saying what failed.
    public var description: String

    /// Makes an error with `description`.
    public init(_ description: String) { self.description = description }
}

/// Reads a SetToken snapshot over JSON-RPC with every value at one block: one batch pins the
/// block (`eth_chainId` and `eth_getBlockByNumber` together), then the ``SnapshotReader`` batches
/// run as `eth_call`s at that block number.
public enum RPCSnapshot {
    /// The snapshot of `setToken` (and the module's view when `module` is given) at `block`.
    /// Throws ``RPCSnapshotError`` when the node fails, has no such block, or a call fails or
    /// does not decode.
    public static func read(client: RPCClient, setToken: Address, module: Address?, block: BlockTag) throws(RPCSnapshotError) -> SetTokenSnapshot {
        let answers: [Result<JSONValue, RPCError>]
        do {
            answers = try client.batch([(method: "eth_chainId", params: []), (method: "eth_getBlockByNumber", params: [block.json, .bool(false)])])
        } catch {
            throw RPCSnapshotError("rpc-url: \(error.description)")
        }
        guard answers.count == 2 else { throw RPCSnapshotError("rpc-url: the node answered \(answers.count) of 2 calls") }
        let chainID: UInt64
        let header: BlockHeader
        do {
            chainID = try RPCQuantity.uint64(try answers[0].get(), field: "eth_chainId")
            let value = try answers[1].get()
            if value.isNull { throw RPCSnapshotError("block: the node has no block \(block)") }
            header = try BlockHeader(json: value)
        } catch let error as RPCSnapshotError {
            throw error
        } catch {
            throw RPCSnapshotError("rpc-url: \(error)")
        }
        let pinned = SetTokenSnapshot.Block(chainId: chainID, number: header.number, hash: header.hash, timestamp: header.timestamp)
        do {
            return try SnapshotReader.read(setToken: setToken, module: module, block: pinned,
                                           source: RPCStateSource(client: client, block: header.number))
        } catch {
            throw RPCSnapshotError("snapshot of \(setToken) at block \(header.number): \(error.description)")
        }
    }
}

/// `eth_call`s as one JSON-RPC batch at a fixed block number.
public struct RPCStateSource: ChainStateSource {
    /// The node.
    public let client: RPCClient
    /// The block every call reads.
    public let block: UInt64

    /// Makes a source reading `client` at `block`.
    public init(client: RPCClient, block: UInt64) {
        self.client = client
        self.block = block
    }

    /// The return data of each call, in order. Throws `SnapshotError.call` naming the callee and
    /// selector when the node fails or a call reverts.
    public func call(_ calls: [ContractCall]) throws(SnapshotError) -> [[UInt8]] {
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

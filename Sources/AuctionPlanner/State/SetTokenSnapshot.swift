import ChainModel
import Foundation

/// A SetToken's state at one pinned block, as `rebalancer snapshot` writes it
/// (format `rebalancer/snapshot@1`), so that planning can run offline and be reproduced.
public struct SetTokenSnapshot: Sendable, Hashable {
    /// The format tag this version writes and accepts.
    public static let format = "rebalancer/snapshot@1"

    /// The block every value was read at.
    public struct Block: Sendable, Hashable {
        /// `eth_chainId`.
        public var chainId: UInt64
        /// Block number.
        public var number: UInt64
        /// Block hash.
        public var hash: Bytes32
        /// Block timestamp (Unix seconds).
        public var timestamp: UInt64

        /// Creates the block reference.
        public init(chainId: UInt64, number: UInt64, hash: Bytes32, timestamp: UInt64) {
            self.chainId = chainId; self.number = number; self.hash = hash; self.timestamp = timestamp
        }
    }

    /// One component, in `getComponents()` order.
    public struct Component: Sendable, Hashable {
        /// The ERC20 address.
        public var address: Address
        /// `symbol()`.
        public var symbol: String
        /// `decimals()`.
        public var decimals: Int
        /// `getDefaultPositionRealUnit(address)`.
        public var realUnit: UInt256

        /// Creates a component entry.
        public init(address: Address, symbol: String, decimals: Int, realUnit: UInt256) {
            self.address = address; self.symbol = symbol; self.decimals = decimals; self.realUnit = realUnit
        }
    }

    /// The module's `rebalanceInfo(set)` getter.
    public struct RebalanceInfo: Sendable, Hashable {
        /// `quoteAsset` (the zero address before any rebalance).
        public var quoteAsset: Address
        /// `rebalanceStartTime`.
        public var startTime: UInt256
        /// `rebalanceDuration`.
        public var duration: UInt256
        /// `positionMultiplier` recorded at the start.
        public var positionMultiplier: UInt256
        /// `raiseTargetPercentage` (persists across rebalances).
        public var raiseTargetPercentage: UInt256

        /// Creates the info.
        public init(quoteAsset: Address, startTime: UInt256, duration: UInt256, positionMultiplier: UInt256,
                    raiseTargetPercentage: UInt256) {
            self.quoteAsset = quoteAsset; self.startTime = startTime; self.duration = duration
            self.positionMultiplier = positionMultiplier; self.raiseTargetPercentage = raiseTargetPercentage
        }
    }

    /// The auction module's view of the Set.
    public struct Module: Sendable, Hashable {
        /// `AuctionRebalanceModuleV1` address.
        public var address: Address
        /// `isInitializedModule(module)` on the SetToken.
        public var isInitialized: Bool
        /// `controller.getModuleFee(module, 0)` (1e18 = 100 %).
        public var protocolFee: UInt256
        /// `permissionInfo(set)`: anyone may bid.
        public var anyoneCanBid: Bool
        /// `rebalanceInfo(set)`.
        public var rebalance: RebalanceInfo

        /// Creates the module view.
        public init(address: Address, isInitialized: Bool, protocolFee: UInt256, anyoneCanBid: Bool, rebalance: RebalanceInfo) {
            self.address = address; self.isInitialized = isInitialized; self.protocolFee = protocolFee
            self.anyoneCanBid = anyoneCanBid; self.rebalance = rebalance
        }
    }

    /// Where and when.
    public var block: Block
    /// The SetToken address.
    public var setToken: Address
    /// The SetToken's `symbol()`.
    public var symbol: String
    /// `manager()`.
    public var manager: Address
    /// `getModules()`.
    public var modules: [Address]
    /// `isLocked()`.
    public var isLocked: Bool
    /// `locker()` (the zero address when unlocked).
    public var locker: Address
    /// `totalSupply()`.
    public var totalSupply: UInt256
    /// `positionMultiplier()`.
    public var positionMultiplier: UInt256
    /// Components in `getComponents()` order.
    public var components: [Component]
    /// The auction module's view, when a module was given.
    public var module: Module?

    /// Creates a snapshot.
    public init(block: Block, setToken: Address, symbol: String, manager: Address, modules: [Address], isLocked: Bool,
                locker: Address, totalSupply: UInt256, positionMultiplier: UInt256, components: [Component], module: Module?) {
        self.block = block; self.setToken = setToken; self.symbol = symbol; self.manager = manager; self.modules = modules
        self.isLocked = isLocked; self.locker = locker; self.totalSupply = totalSupply
        self.positionMultiplier = positionMultiplier; self.components = components; self.module = module
    }

    /// The canonical JSON document (sorted keys, amounts as decimal strings).
    public var json: CanonicalJSON {
        var fields: [String: CanonicalJSON] = [
            "format": .string(Self.format),
            "chain_id": .integer(Int64(block.chainId)),
            "block": .object(["number": .integer(Int64(block.number)), "hash": .string(block.hash.description),
                              "timestamp": .integer(Int64(block.timestamp))]),
            "set_token": .object([
                "address": .address(setToken), "symbol": .string(symbol), "manager": .address(manager),
                "modules": .array(modules.map(CanonicalJSON.address)), "is_locked": .bool(isLocked), "locker": .address(locker),
                "total_supply": .amount(totalSupply), "position_multiplier": .amount(positionMultiplier),
            ]),
            "components": .array(components.map { c in
                .object(["address": .address(c.address), "symbol": .string(c.symbol), "decimals": .integer(Int64(c.decimals)),
                         "real_unit": .amount(c.realUnit)])
            }),
        ]
        if let module {
            let r = module.rebalance
            fields["module"] = .object([
                "address": .address(module.address), "is_initialized": .bool(module.isInitialized),
                "protocol_fee": .amount(module.protocolFee), "anyone_can_bid": .bool(module.anyoneCanBid),
                "rebalance_info": .object([
                    "quote_asset": .address(r.quoteAsset), "rebalance_start_time": .amount(r.startTime),
                    "rebalance_duration": .amount(r.duration), "position_multiplier": .amount(r.positionMultiplier),
                    "raise_target_percentage": .amount(r.raiseTargetPercentage),
                ]),
            ])
        } else {
            fields["module"] = .null
        }
        return .object(fields)
    }

    /// Parses a snapshot file strictly (every key required, no unknown keys, checksummed
    /// addresses, amounts as decimal strings, distinct components).
    /// - Throws: `InputFileError` naming the file, the JSON path and the rule.
    public static func parse(_ data: Data, file: String) throws(InputFileError) -> SetTokenSnapshot {
        let root = try InputNode.document(data, file: file, yaml: false)
        try root.allowOnly(["format", "chain_id", "block", "set_token", "components", "module"])
        let format = try root.field("format")
        guard try format.string() == Self.format else { throw format.fail("expected \(Self.format)") }
        let b = try root.field("block")
        try b.allowOnly(["number", "hash", "timestamp"])
        let block = Block(chainId: UInt64(try root.field("chain_id").integer(in: 1...(Int64(1) << 53))),
                          number: UInt64(try b.field("number").integer(in: 0...Int64(1) << 53)),
                          hash: try b.field("hash").bytes32(),
                          timestamp: UInt64(try b.field("timestamp").integer(in: 0...Int64(1) << 53)))
        let s = try root.field("set_token")
        try s.allowOnly(["address", "symbol", "manager", "modules", "is_locked", "locker", "total_supply", "position_multiplier"])
        var components: [Component] = []
        var seen = Set<Address>()
        for node in try root.field("components").array(limit: 1_000) {
            try node.allowOnly(["address", "symbol", "decimals", "real_unit"])
            let address = try node.field("address").address()
            if !seen.insert(address).inserted { throw try node.field("address").fail("component listed twice") }
            components.append(Component(address: address, symbol: try node.field("symbol").string(),
                                        decimals: Int(try node.field("decimals").integer(in: 0...77)),
                                        realUnit: try node.field("real_unit").uint256()))
        }
        let pm = try s.field("position_multiplier").uint256()
        if pm.isZero { throw try s.field("position_multiplier").fail("must be > 0") }
        var module: Module?
        let m = try root.field("module")
        if !m.isNull {
            try m.allowOnly(["address", "is_initialized", "protocol_fee", "anyone_can_bid", "rebalance_info"])
            let r = try m.field("rebalance_info")
            try r.allowOnly(["quote_asset", "rebalance_start_time", "rebalance_duration", "position_multiplier", "raise_target_percentage"])
            module = Module(
                address: try m.field("address").address(), isInitialized: try m.field("is_initialized").bool(),
                protocolFee: try m.field("protocol_fee").uint256(), anyoneCanBid: try m.field("anyone_can_bid").bool(),
                rebalance: RebalanceInfo(quoteAsset: try r.field("quote_asset").address(),
                                         startTime: try r.field("rebalance_start_time").uint256(),
                                         duration: try r.field("rebalance_duration").uint256(),
                                         positionMultiplier: try r.field("position_multiplier").uint256(),
                                         raiseTargetPercentage: try r.field("raise_target_percentage").uint256()))
        }
        return SetTokenSnapshot(
            block: block, setToken: try s.field("address").address(), symbol: try s.field("symbol").string(),
            manager: try s.field("manager").address(), modules: try s.field("modules").array(limit: 100).map { n throws(InputFileError) in try n.address() },
            isLocked: try s.field("is_locked").bool(), locker: try s.field("locker").address(),
            totalSupply: try s.field("total_supply").uint256(), positionMultiplier: pm, components: components, module: module)
    }
}

import ChainModel

/// `startRebalance` arguments for an index of `count` current components, each with a linear
/// price-adapter config (the shape of auction-module.md §9.3), and no new components.
enum StartRebalanceFixture {
    static let signature =
        "startRebalance(address,address,address[],(uint256,string,bytes)[],(uint256,string,bytes)[],bool,uint256,uint256)"

    static let function: ABIFunction = {
        do { return try ABIFunction(signature: signature) } catch { fatalError("fixture signature: \(error)") }
    }()

    /// The linear config blob of §9.3 (dsETH wstETH): six words.
    static let linearConfig: [UInt8] = {
        let words: [UInt256] = [1_162_340_294_608_501_383, 500_000_000_000_000, 600, 1,
                                1_162_340_294_608_501_383, 1_142_340_294_608_501_383]
        return words.flatMap(\.bigEndianBytes)
    }()

    static func arguments(components count: Int) -> [ABIValue] {
        let set = try! Address("0x1111111111111111111111111111111111111111")
        let quote = try! Address("0x2222222222222222222222222222222222222222")
        let params: [ABIValue] = (0..<count).map { index in
            .tuple([.uint(UInt256(UInt64(9_100_000_000_000_000_000) &+ UInt64(index))),
                    .string("BoundedStepwiseLinearPriceAdapter"),
                    .bytes(linearConfig)])
        }
        return [.address(set), .address(quote), .array([]), .array([]), .array(params),
                .bool(false), .uint(86_400), .uint(998_357_285_091_388_446)]
    }
}

import ArgumentParser
import ChainModel

/// `rebalancer sig "<sig>"`: the 4-byte selector, as `cast sig` prints it.
struct Sig: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the 4-byte function selector of a signature.",
        discussion: """
        The selector is the first 4 bytes of keccak256 of the canonical signature (names, data \
        locations and spaces removed, tuples written as (T1,T2)).

        Examples:
          rebalancer sig 'transfer(address,uint256)'
          rebalancer sig 'function bid(address _setToken, address _component, address _quoteAsset, uint256 _componentAmount, uint256 _quoteAssetLimit, bool _isSellAuction)'
        """
    )

    @Argument(help: "The function signature.")
    var signature: String

    func run() throws {
        print(try SignatureInput.function(signature).selector)
    }
}

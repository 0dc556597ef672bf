import ArgumentParser
import ChainModel

/// `rebalancer calldata "<sig>" [args…]`: the call data (selector and arguments) on one line,
/// as `cast calldata` prints it.
struct Calldata: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "ABI-encode a function call: selector followed by the arguments.",
        discussion: """
        Arguments use cast's syntax: integers as decimal, 0x hex, 1.5e18 or with a unit \
        (1 ether, 30 gwei); addresses as 0x + 40 hex digits (mixed case must be the EIP-55 \
        checksum); bytes as 0x hex; bool as true/false; strings bare or quoted; arrays [a,b]; \
        tuples (a,b), nested freely.

        Examples:
          rebalancer calldata 'transfer(address,uint256)' 0x1111111111111111111111111111111111111111 1e18
          rebalancer calldata 'f((uint256,string,bytes)[])' '[(5e16, ConstantPriceAdapter, 0x01)]'
        """
    )

    @Argument(help: "The function signature, e.g. 'bid(address,address,address,uint256,uint256,bool)'.")
    var signature: String

    @Argument(parsing: .allUnrecognized, help: "One value per parameter, in cast syntax (negative numbers allowed; put -- before values such as -h).")
    var arguments: [String] = []

    func run() throws {
        let function = try SignatureInput.function(signature)
        let values = try SignatureInput.values(arguments, for: function)
        do {
            print(Hex.encode(try function.encodeCall(values)))
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

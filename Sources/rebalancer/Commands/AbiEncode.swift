import ArgumentParser
import ChainModel

/// `rebalancer abi-encode "<sig>" [args…]`: the ABI encoding of the arguments alone (no
/// selector), as `cast abi-encode` prints it.
struct AbiEncode: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "abi-encode",
        abstract: "ABI-encode arguments without a selector (abi.encode).",
        discussion: """
        The signature's name is ignored; a bare list such as '(uint256,bool)' works too. \
        Arguments use the same syntax as `calldata`.

        Examples:
          rebalancer abi-encode 'f(uint256)' 5e14
          rebalancer abi-encode '(uint256,uint256,uint256,bool,uint256,uint256)' 1162340294608501383 5e14 600 true 1162340294608501383 1142340294608501383
        """
    )

    @Argument(help: "The function signature whose inputs give the types, e.g. 'f(uint256,bool)' or '(uint256,bool)'.")
    var signature: String

    @Argument(parsing: .allUnrecognized, help: "One value per parameter, in cast syntax (negative numbers allowed; put -- before values such as -h).")
    var arguments: [String] = []

    func run() throws {
        let function = try SignatureInput.function(signature, allowNameless: true)
        let values = try SignatureInput.values(arguments, for: function)
        do {
            print(Hex.encode(try ABIEncoder.encode(values, parameters: function.inputs)))
        } catch {
            throw CommandFailure(error.description)
        }
    }
}

import ArgumentParser
import ChainModel

/// `rebalancer decode-abi "<sig>" <0xdata> [--input]`: ABI-encoded values (no selector), one a
/// line as `cast decode-abi` prints them, or a JSON array with `--json`.
struct DecodeAbi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode-abi",
        abstract: "Decode ABI-encoded data (no selector) for a signature's output or input types.",
        discussion: """
        As cast: the OUTPUT types of 'name(inputs)(outputs)' are decoded, or the input types with \
        --input. Decoding is strict: offsets, lengths, padding and UTF-8 are verified.

        Output as decode-calldata prints it; --json gives a JSON array of strings.

        Examples:
          rebalancer decode-abi 'balanceOf(address)(uint256)' 0x…
          rebalancer decode-abi --input 'f(uint256,uint256,uint256,bool,uint256,uint256)' 0x…
        """
    )

    @Argument(help: "The signature: 'name(inputs)(outputs)', or with --input 'name(inputs)' (the name may be omitted).")
    var signature: String

    @Argument(help: "The ABI-encoded data as hex (0x optional).")
    var data: String

    @Flag(help: "Decode the input types instead of the output types.")
    var input = false

    @Flag(help: "Print a JSON array instead of one value a line.")
    var json = false

    func run() throws {
        let function = try SignatureInput.function(signature, allowNameless: true)
        let parameters = input ? function.inputs : function.outputs
        if parameters.isEmpty {
            let what = input ? "input" : "output"
            let hint = input ? "" : ": write them as 'name(inputs)(outputs)', or pass --input to decode the inputs"
            throw CommandFailure("signature \"\(signature)\" has no \(what) types to decode\(hint)")
        }
        let bytes = try HexInput.bytes(data, field: "data")
        let values: [ABIValue]
        do {
            values = try ABIDecoder.decode(parameters: parameters, from: bytes)
        } catch {
            throw CommandFailure("data: \(error) for \(parameters.map(\.type.canonicalName).joined(separator: ","))")
        }
        DecodedValueOutput.emit(values, json: json)
    }
}

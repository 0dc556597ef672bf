import ArgumentParser
import ChainModel

/// `rebalancer decode-calldata "<sig>" <0xdata>`: the arguments of a call, one a line as
/// `cast decode-calldata` prints them, or a JSON array with `--json`.
struct DecodeCalldata: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode-calldata",
        abstract: "Decode call data (selector and arguments) for a function signature.",
        discussion: """
        The data must start with the signature's 4-byte selector (cast skips any 4 bytes; we \
        check them). Decoding is strict: offsets, lengths, padding and UTF-8 are verified.

        Output, one value a line: integers in decimal (with a [1e18]-style hint from 10000 on), \
        addresses checksummed, bytes as 0x hex, strings quoted, arrays [a, b], tuples (a, b). \
        With --json: a JSON array of the values as strings (integers without hints, strings unquoted).

        Example:
          rebalancer decode-calldata 'transfer(address,uint256)' 0xa9059cbb…
        """
    )

    @Argument(help: "The function signature, e.g. 'bid(address,address,address,uint256,uint256,bool)'.")
    var signature: String

    @Argument(help: "The call data as hex (0x optional).")
    var data: String

    @Flag(help: "Print a JSON array instead of one value a line.")
    var json = false

    func run() throws {
        let function = try SignatureInput.function(signature)
        let bytes = try HexInput.bytes(data, field: "data")
        let values: [ABIValue]
        do {
            values = try function.decodeCall(bytes)
        } catch {
            throw CommandFailure("data: \(error) for \(function.canonicalSignature)")
        }
        DecodedValueOutput.emit(values, json: json)
    }
}

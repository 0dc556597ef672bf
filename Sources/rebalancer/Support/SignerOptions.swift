import ArgumentParser
import ChainModel
import Secp
#if canImport(Glibc)
import Glibc
#endif

/// Where the signing key comes from. Keys never come from argv: only the *name* of an
/// environment variable holding the hex key is an argument.
struct SignerOptions: ParsableArguments {
    @Option(name: .customLong("private-key-env"), help: ArgumentHelp("The environment variable holding the 0x-hex private key.", valueName: "name"))
    var privateKeyEnvironment = "ETH_PRIVATE_KEY"

    /// The key. Throws ``CommandFailure`` naming the variable (never its content) when it is
    /// unset, not 32 hex bytes, or not a valid secp256k1 scalar.
    func key() throws(CommandFailure) -> PrivateKey {
        guard let pointer = getenv(privateKeyEnvironment) else {
            throw CommandFailure("private-key-env: the environment variable \(privateKeyEnvironment) is not set")
        }
        var text = String(cString: pointer)
        defer { text = String(repeating: "0", count: text.utf8.count) }
        var bytes: [UInt8]
        do {
            bytes = try Hex.decode(text.trimmingTrailingNewline, count: 32)
        } catch {
            throw CommandFailure("private-key-env: \(privateKeyEnvironment) must hold 32 bytes of hex (64 digits, optional 0x)")
        }
        defer { for index in bytes.indices { bytes[index] = 0 } }
        do {
            return try PrivateKey(bytes: bytes)
        } catch {
            throw CommandFailure("private-key-env: \(privateKeyEnvironment) is not a valid secp256k1 private key")
        }
    }
}

extension String {
    var trimmingTrailingNewline: Substring {
        var view = self[...]
        while view.last == "\n" || view.last == "\r" || view.last == " " { view = view.dropLast() }
        return view
    }
}

import ArgumentParser
import ChainModel
import Foundation
import Secp
#if canImport(Glibc)
import Glibc
#endif

/// Where the signing key comes from: a Web3 Secret Storage (keystore V3) file whose password is
/// in an environment variable, or an environment variable holding the hex key. Secrets never
/// come from argv: only paths and variable *names* are arguments.
struct SignerOptions: ParsableArguments {
    @Option(name: .customLong("keystore"), help: ArgumentHelp("A keystore V3 JSON file to sign with.", valueName: "path"))
    var keystore: String?

    @Option(name: .customLong("password-env"), help: ArgumentHelp("The environment variable holding the keystore password.", valueName: "name"))
    var passwordEnvironment = "ETH_PASSWORD"

    @Option(name: .customLong("private-key-env"), help: ArgumentHelp("The environment variable holding the 0x-hex private key (without --keystore).", valueName: "name"))
    var privateKeyEnvironment = "ETH_PRIVATE_KEY"

    /// Where the key came from, for messages.
    var source: String { keystore.map { "keystore \($0)" } ?? "environment variable \(privateKeyEnvironment)" }

    /// The key. Throws ``CommandFailure`` naming the file or variable (never a secret) when it is
    /// missing, malformed, the password is wrong, or the key is not a valid secp256k1 scalar.
    func key() throws(CommandFailure) -> PrivateKey {
        if let keystore { return try keystoreKey(keystore) }
        return try environmentKey()
    }

    private func keystoreKey(_ path: String) throws(CommandFailure) -> PrivateKey {
        guard let pointer = getenv(passwordEnvironment) else {
            throw CommandFailure("password-env: the environment variable \(passwordEnvironment) is not set (needed for --keystore)")
        }
        var password = Array(String(cString: pointer).utf8)
        defer { for index in password.indices { password[index] = 0 } }
        do {
            let bytes = try KeystoreFile.read(path: path)
            let store = try Keystore(json: Data(bytes))
            return try store.decrypt(password: password)
        } catch {
            throw CommandFailure("keystore: \(error)")
        }
    }

    private func environmentKey() throws(CommandFailure) -> PrivateKey {
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

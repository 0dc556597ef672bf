import ArgumentParser
import ChainModel
#if canImport(Glibc)
import Glibc
#endif

/// The node options shared by every command that talks to a chain, as cast spells them.
struct RPCOptions: ParsableArguments {
    @Option(name: .customLong("rpc-url"), help: ArgumentHelp("The JSON-RPC endpoint (http or https); default $ETH_RPC_URL.", valueName: "url"))
    var rpcURL: String?

    @Option(name: .customLong("chain-id"), help: "The chain the node must serve; checked with eth_chainId before anything else.")
    var chainID: UInt64?

    @Option(name: .customLong("rpc-timeout"), help: ArgumentHelp("Seconds allowed for one request.", valueName: "seconds"))
    var timeout: Double = 30

    @Option(name: .customLong("rpc-retries"), help: ArgumentHelp("Attempts per request for transport failures, HTTP 429 and 5xx.", valueName: "n"))
    var attempts: Int = 5

    /// The endpoint from `--rpc-url`, else `$ETH_RPC_URL`.
    /// Throws ``CommandFailure`` when neither is set or the URL is invalid (message redacted).
    func endpoint() throws(CommandFailure) -> RPCEndpoint {
        var text = rpcURL
        if text == nil, let value = getenv("ETH_RPC_URL") { text = String(cString: value) }
        guard let text, !text.isEmpty else {
            throw CommandFailure("rpc-url: no endpoint given; pass --rpc-url or set ETH_RPC_URL")
        }
        do {
            return try RPCEndpoint(text)
        } catch {
            throw CommandFailure(error.description)
        }
    }

    /// A client of the endpoint, already checked against `--chain-id` when given.
    /// Throws ``CommandFailure`` for a bad endpoint, option or chain-id mismatch.
    func client() throws(CommandFailure) -> RPCClient {
        guard timeout > 0, timeout <= 3600 else {
            throw CommandFailure("rpc-timeout: \(timeout) must be between 0 and 3600 seconds")
        }
        guard (1...20).contains(attempts) else {
            throw CommandFailure("rpc-retries: \(attempts) must be between 1 and 20")
        }
        let limits = HTTPLimits(connectTimeout: min(10, timeout), totalTimeout: timeout)
        let policy = RetryPolicy(maximumAttempts: attempts, totalBudget: max(timeout, 20))
        let target = try endpoint()
        let client: RPCClient
        do {
            client = try RPCClient(endpoint: target, limits: limits, retryPolicy: policy)
        } catch {
            throw CommandFailure(error.description)
        }
        if let chainID {
            try rpc { () throws(RPCError) in try client.verifyChainID(chainID) }
        }
        return client
    }
}

/// Runs an RPC step, turning its error into a one-line ``CommandFailure``.
func rpc<T>(_ body: () throws(RPCError) -> T) throws(CommandFailure) -> T {
    do {
        return try body()
    } catch {
        throw CommandFailure(error.description)
    }
}

/// Parses an address argument; throws ``CommandFailure`` naming `field`.
func parseAddress(_ text: String, field: String) throws(CommandFailure) -> Address {
    do {
        return try Address(text)
    } catch {
        throw CommandFailure("\(field): \(error)")
    }
}

/// Parses a block option (`latest`, `pending`, a number); throws ``CommandFailure`` otherwise.
func parseBlock(_ text: String) throws(CommandFailure) -> BlockTag {
    guard let tag = BlockTag(text) else {
        throw CommandFailure("block: \(text) must be latest, pending, earliest, safe, finalized or a block number")
    }
    return tag
}

extension JSONValue {
    /// Pretty JSON text with two-space indentation, as `cast --json` writes it.
    var pretty: String {
        var out = ""
        writePretty(to: &out, indent: "")
        return out
    }

    private func writePretty(to out: inout String, indent: String) {
        switch self {
        case let .array(elements) where !elements.isEmpty:
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += indent + "  "
                element.writePretty(to: &out, indent: indent + "  ")
                out += index + 1 < elements.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case let .object(members) where !members.isEmpty:
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += indent + "  " + JSONValue.string(member.0).serialized + ": "
                member.1.writePretty(to: &out, indent: indent + "  ")
                out += index + 1 < members.count ? ",\n" : "\n"
            }
            out += indent + "}"
        default:
            write(to: &out)
        }
    }
}

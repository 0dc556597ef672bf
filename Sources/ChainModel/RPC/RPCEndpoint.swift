/// A JSON-RPC endpoint URL, with the parts that may be secret (credentials in `user:pass@`,
/// API keys in the path or the query) known so every message can redact them.
public struct RPCEndpoint: Sendable, Equatable, CustomStringConvertible {
    /// Why an endpoint URL was rejected.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        /// The scheme is not `http` or `https`.
        case unsupportedScheme(redactedURL: String)
        /// The URL has no host.
        case missingHost(redactedURL: String)
        /// The URL contains whitespace or control characters.
        case invalidCharacter(redactedURL: String)

        public var description: String {
            switch self {
            case let .unsupportedScheme(url): return "rpc-url: \(url) must start with http:// or https://"
            case let .missingHost(url): return "rpc-url: \(url) has no host"
            case let .invalidCharacter(url): return "rpc-url: \(url) contains whitespace or a control character"
            }
        }
    }

    /// The full URL, secrets included; hand it only to the transport.
    public let url: String
    /// The URL with every secret part replaced by `***`; safe for messages and logs.
    public let redacted: String
    /// The secret substrings of `url`, longest first.
    let secrets: [String]

    /// Parses an `http://` or `https://` URL. Throws `ParseError` (with the URL already redacted)
    /// for another scheme, a missing host or whitespace.
    public init(_ url: String) throws(ParseError) {
        let (redacted, secrets) = RPCEndpoint.redact(url)
        guard !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            throw .invalidCharacter(redactedURL: redacted)
        }
        let lower = url.lowercased()
        let schemeLength: Int
        if lower.hasPrefix("https://") { schemeLength = 8 } else if lower.hasPrefix("http://") { schemeLength = 7 } else {
            throw .unsupportedScheme(redactedURL: redacted)
        }
        let rest = url.dropFirst(schemeLength)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        guard !host.isEmpty, !host.hasPrefix(":") else { throw .missingHost(redactedURL: redacted) }
        self.url = url
        self.redacted = redacted
        self.secrets = secrets
    }

    public var description: String { redacted }

    /// `message` with every secret part of this endpoint replaced by `***`.
    public func redact(message: String) -> String {
        var result = message
        for secret in secrets where !secret.isEmpty {
            result = result.replacingAll(secret, with: "***")
        }
        return result
    }

    /// A path segment of 16 or more characters is taken for an API key (Infura, Alchemy, QuickNode).
    static func looksLikeKey(_ segment: Substring) -> Bool { segment.count >= 16 }

    static func redact(_ url: String) -> (String, [String]) {
        var secrets: [String] = []
        var schemeEnd = url.startIndex
        if let range = url.firstRange(of: "://") { schemeEnd = range.upperBound }
        let scheme = url[url.startIndex..<schemeEnd]
        var rest = url[schemeEnd...]
        var fragment: Substring = ""
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[hash...]
            rest = rest[..<hash]
        }
        var query: Substring? = nil
        if let question = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: question)...]
            rest = rest[..<question]
        }
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<slash]
        let path = rest[slash...]
        var out = String(scheme)
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            secrets.append(String(userinfo))
            secrets.append(contentsOf: userinfo.split(separator: ":").filter { $0.count >= 4 }.map(String.init))
            out += "***@"
            authority = authority[authority.index(after: at)...]
        }
        out += authority
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        out += segments.map { segment -> String in
            if looksLikeKey(segment) { secrets.append(String(segment)); return "***" }
            return String(segment)
        }.joined(separator: "/")
        if let query {
            out += "?"
            out += query.split(separator: "&", omittingEmptySubsequences: false).map { pair -> String in
                guard let equals = pair.firstIndex(of: "=") else {
                    if pair.isEmpty { return "" }
                    secrets.append(String(pair))
                    return "***"
                }
                let value = pair[pair.index(after: equals)...]
                if !value.isEmpty { secrets.append(String(value)) }
                return String(pair[...equals]) + (value.isEmpty ? "" : "***")
            }.joined(separator: "&")
        }
        if !fragment.isEmpty {
            secrets.append(String(fragment.dropFirst()))
            out += "#***"
        }
        return (out, secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count })
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var remainder = self[...]
        while let range = remainder.firstRange(of: target) {
            result += remainder[..<range.lowerBound]
            result += replacement
            remainder = remainder[range.upperBound...]
        }
        result += remainder
        return result
    }
}

import ChainModel
import Foundation

/// Why reference prices could not be had this step. The keeper then proposes no bid, shows the
/// reason in its wait message and tries again on the next step; it never stops for this.
public enum ReferencePriceError: Error, Equatable, CustomStringConvertible {
    /// The file or URL could not be read (missing file, no connection, timeout, body too large).
    case unreadable(source: String, reason: String)
    /// The server answered with an HTTP status other than 200.
    case httpStatus(source: String, status: Int)
    /// The document breaks the `rebalancer/reference-prices@1` format.
    case invalid(source: String, KeeperError)
    /// The document's `as_of` is missing or older than the configured maximum age.
    case stale(source: String, asOf: Int64?, maxAge: Int64, now: Int64)

    public var description: String {
        switch self {
        case let .unreadable(source, reason): return "\(source): cannot read (\(reason))"
        case let .httpStatus(source, status): return "\(source): HTTP status \(status), expected 200"
        case let .invalid(source, error): return "\(source): \(error.description)"
        case let .stale(source, asOf?, maxAge, now):
            return "\(source): as_of \(asOf) is \(now - asOf) s old at \(now); at most \(maxAge) s allowed"
        case let .stale(source, nil, maxAge, _):
            return "\(source): no as_of, but prices at most \(maxAge) s old are required"
        }
    }
}

/// Where the keeper's reference prices come from. Asked once per bid evaluation, so a source
/// that changes (a file an operator edits, an HTTP service) is followed.
public protocol ReferencePriceSource: Sendable, CustomStringConvertible {
    /// The reference prices by component, in the adapter scale (auction-module §3.1). Throws
    /// `ReferencePriceError` when they cannot be read, are malformed or are stale.
    func prices() throws(ReferencePriceError) -> [Address: UInt256]
}

/// Reference prices fixed when the keeper starts.
public struct FixedReferencePrices: ReferencePriceSource {
    /// The prices by component.
    public var values: [Address: UInt256]

    /// Makes a source that always returns `values`.
    public init(_ values: [Address: UInt256]) { self.values = values }

    /// `values`; never throws.
    public func prices() throws(ReferencePriceError) -> [Address: UInt256] { values }

    public var description: String { "fixed reference prices" }
}

/// The staleness guard shared by the file and HTTP sources.
public struct ReferencePriceFreshness: Sendable {
    /// The oldest `as_of` accepted, in seconds before now; `nil` accepts any document, with or without `as_of`.
    public var maxAge: Int64?
    /// The UTC wall clock, Unix seconds.
    public var now: @Sendable () -> Int64

    /// Makes a guard over the system clock unless `now` is given.
    public init(maxAge: Int64?, now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) {
        self.maxAge = maxAge
        self.now = now
    }

    /// The document's prices when fresh enough. Throws `ReferencePriceError.stale` when a
    /// maximum age is set and `as_of` is missing or older (a future `as_of` counts as fresh).
    func checked(_ document: ReferencePrices.Document, source: String) throws(ReferencePriceError) -> [Address: UInt256] {
        guard let maxAge else { return document.prices }
        let current = now()
        guard let asOf = document.asOf, current <= asOf || current - asOf <= maxAge else {
            throw .stale(source: source, asOf: document.asOf, maxAge: maxAge, now: current)
        }
        return document.prices
    }
}

/// A `rebalancer/reference-prices@1` file, read again on every evaluation.
public struct ReferencePriceFile: ReferencePriceSource {
    /// The file's path.
    public var path: String
    /// The staleness guard.
    public var freshness: ReferencePriceFreshness
    /// The largest file accepted, in bytes.
    public static let maximumBytes = 1 << 20

    /// Makes a source reading `path`, refusing documents older than `freshness` allows.
    public init(path: String, freshness: ReferencePriceFreshness = ReferencePriceFreshness(maxAge: nil)) {
        self.path = path
        self.freshness = freshness
    }

    /// The file's prices. Throws `ReferencePriceError` when it cannot be read, is larger than
    /// ``maximumBytes``, is malformed or is stale.
    public func prices() throws(ReferencePriceError) -> [Address: UInt256] {
        let bytes: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            let data = try handle.read(upToCount: Self.maximumBytes + 1) ?? Data()
            guard data.count <= Self.maximumBytes else {
                throw ReferencePriceError.unreadable(source: description, reason: "larger than the \(Self.maximumBytes)-byte limit")
            }
            bytes = [UInt8](data)
        } catch let error as ReferencePriceError {
            throw error
        } catch {
            throw .unreadable(source: description, reason: error.localizedDescription)
        }
        let document: ReferencePrices.Document
        do { document = try ReferencePrices.parseDocument(bytes) } catch { throw .invalid(source: description, error) }
        return try freshness.checked(document, source: description)
    }

    public var description: String { "reference prices \(path)" }
}

/// A `rebalancer/reference-prices@1` document served over HTTP(S), fetched again (GET) on every
/// evaluation. URL credentials and keys never appear in errors.
public struct ReferencePriceURL: ReferencePriceSource {
    /// The URL.
    public var endpoint: RPCEndpoint
    /// The staleness guard.
    public var freshness: ReferencePriceFreshness
    /// Timeouts and the body size limit.
    public var limits: HTTPLimits

    /// Makes a source fetching `endpoint` within `limits` (by default 5 s to connect, 10 s in all,
    /// 1 MiB of body), refusing documents older than `freshness` allows.
    public init(endpoint: RPCEndpoint, freshness: ReferencePriceFreshness = ReferencePriceFreshness(maxAge: nil),
                limits: HTTPLimits = HTTPLimits(connectTimeout: 5, totalTimeout: 10, maximumResponseBytes: 1 << 20)) {
        self.endpoint = endpoint
        self.freshness = freshness
        self.limits = limits
    }

    /// The served prices. Throws `ReferencePriceError` when no complete response arrives, the
    /// status is not 200, the body is malformed or the document is stale.
    public func prices() throws(ReferencePriceError) -> [Address: UInt256] {
        let response: HTTPResponse
        do { response = try HTTPGet.fetch(endpoint, limits: limits) } catch { throw .unreadable(source: description, reason: error.description) }
        guard response.status == 200 else { throw .httpStatus(source: description, status: response.status) }
        let document: ReferencePrices.Document
        do { document = try ReferencePrices.parseDocument(response.body) } catch { throw .invalid(source: description, error) }
        return try freshness.checked(document, source: description)
    }

    public var description: String { "reference prices \(endpoint.redacted)" }
}

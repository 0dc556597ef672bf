import CCurl

/// An `HTTPTransport` over one libcurl easy handle: the connection is kept alive between
/// requests, HTTP and HTTPS, gzip/deflate accepted, connect and total timeouts, and a response
/// size limit enforced while receiving. Not thread-safe: use one per thread.
public final class CurlTransport: HTTPTransport {
    private let handle: UnsafeMutableRawPointer
    private let endpoint: RPCEndpoint
    private let limits: HTTPLimits
    private var headers: UnsafeMutablePointer<curl_slist>?
    private let sink: ResponseSink
    private let errorBuffer: UnsafeMutablePointer<CChar>

    private static let emptyBody = UnsafeRawPointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()
    /// Runs `curl_global_init` once for every libcurl user of this module.
    static var initialiseLibrary: Void { globalInit }

    /// Opens a transport to `endpoint` with `limits`. Returns `nil` only when libcurl cannot
    /// allocate a handle.
    public init?(endpoint: RPCEndpoint, limits: HTTPLimits = HTTPLimits()) {
        _ = CurlTransport.globalInit
        guard let handle = curl_easy_init() else { return nil }
        self.handle = handle
        self.endpoint = endpoint
        self.limits = limits
        self.sink = ResponseSink(limit: limits.maximumResponseBytes)
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        headers = curl_slist_append(nil, "Content-Type: application/json")
        headers = curl_slist_append(headers, "Accept: application/json")
        configure()
    }

    deinit {
        curl_easy_cleanup(handle)
        curl_slist_free_all(headers)
        errorBuffer.deallocate()
    }

    private func configure() {
        CurlExchange.configure(handle, endpoint: endpoint, limits: limits, headers: headers, sink: sink, errorBuffer: errorBuffer)
        _ = rb_curl_setopt_long(handle, CURLOPT_POST, 1)
        _ = rb_curl_setopt_long(handle, CURLOPT_TCP_NODELAY, 1)
        _ = rb_curl_setopt_long(handle, CURLOPT_TCP_KEEPALIVE, 1)
    }

    /// POSTs `body` on the kept-alive connection. Throws `TransportFailure` when no complete
    /// response arrived; messages never contain the URL's secrets.
    public func post(_ body: [UInt8]) throws(TransportFailure) -> HTTPResponse {
        sink.reset()
        errorBuffer[0] = 0
        let code: CURLcode = body.withUnsafeBufferPointer { buffer in
            _ = rb_curl_setopt_offset(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(buffer.count))
            // libcurl reads nothing through the pointer when the size is 0, but it must not be NULL
            // (NULL means "read the body from the read callback").
            _ = rb_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress.map(UnsafeRawPointer.init) ?? CurlTransport.emptyBody))
            return curl_easy_perform(handle)
        }
        _ = rb_curl_setopt_pointer(handle, CURLOPT_POSTFIELDS, nil)
        return try CurlExchange.result(code, handle: handle, endpoint: endpoint, limits: limits, sink: sink, errorBuffer: errorBuffer)
    }
}

/// Collects one response's body and headers for libcurl's callbacks.
final class ResponseSink {
    let limit: Int
    var bytes: [UInt8] = []
    var overflowed = false
    var retryAfter: Double?

    init(limit: Int) { self.limit = limit }

    func reset() {
        bytes.removeAll(keepingCapacity: true)
        overflowed = false
        retryAfter = nil
    }

    func append(_ pointer: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard let pointer else { return 0 }
        guard bytes.count + count <= limit else {
            overflowed = true
            return 0  // makes libcurl abort with CURLE_WRITE_ERROR
        }
        pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: count))
        }
        return count
    }

    func header(_ pointer: UnsafeMutablePointer<CChar>?, _ count: Int) {
        guard let pointer, count < 1024 else { return }
        let line = pointer.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
        if line.hasPrefix("HTTP/") { retryAfter = nil; return }  // a new response (after 100-continue)
        let parts = line.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "retry-after" else { return }
        let value = parts[1].trimmingCharacters(in: " \t\r\n")
        if let seconds = UInt32(value) { retryAfter = Double(seconds) }
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var view = self.unicodeScalars[...]
        while let first = view.first, scalars.contains(first) { view = view.dropFirst() }
        while let last = view.last, scalars.contains(last) { view = view.dropLast() }
        return String(String.UnicodeScalarView(view))
    }
}

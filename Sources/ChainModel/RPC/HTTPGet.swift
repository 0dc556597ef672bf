import CCurl

/// One HTTP GET over libcurl with the same limits as ``CurlTransport``: HTTP and HTTPS only, no
/// redirects, connect and total timeouts, gzip/deflate accepted, and the body size limit enforced
/// while receiving. For small documents polled now and then (the keeper's reference prices); it
/// opens a connection per request.
public enum HTTPGet {
    /// GETs `endpoint` and returns the response whatever its status. Throws `TransportFailure`
    /// when no complete response arrived (no connection, timeout, body over
    /// `limits.maximumResponseBytes`, lost connection); messages never contain the URL's secrets.
    public static func fetch(_ endpoint: RPCEndpoint, limits: HTTPLimits = HTTPLimits()) throws(TransportFailure) -> HTTPResponse {
        _ = CurlTransport.initialiseLibrary
        guard let handle = curl_easy_init() else { throw .couldNotConnect("libcurl could not allocate a handle") }
        defer { curl_easy_cleanup(handle) }
        let sink = ResponseSink(limit: limits.maximumResponseBytes)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }
        let headers = curl_slist_append(nil, "Accept: application/json")
        defer { curl_slist_free_all(headers) }
        CurlExchange.configure(handle, endpoint: endpoint, limits: limits, headers: headers, sink: sink, errorBuffer: errorBuffer)
        _ = rb_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        let code = withExtendedLifetime(sink) { curl_easy_perform(handle) }
        return try CurlExchange.result(code, handle: handle, endpoint: endpoint, limits: limits, sink: sink, errorBuffer: errorBuffer)
    }
}

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
        _ = rb_curl_setopt_string(handle, CURLOPT_URL, endpoint.url)
        _ = rb_curl_setopt_long(handle, CURLOPT_HTTPGET, 1)
        _ = rb_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = rb_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
        _ = rb_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(limits.connectTimeout * 1000))
        _ = rb_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(limits.totalTimeout * 1000))
        _ = rb_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = rb_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, "")
        _ = rb_curl_setopt_pointer(handle, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(headers))
        _ = rb_curl_setopt_write_function(handle) { pointer, size, count, context in
            let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
            return sink.append(pointer, size * count)
        }
        _ = rb_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(sink).toOpaque())
        _ = rb_curl_setopt_header_function(handle) { pointer, size, count, context in
            let sink = Unmanaged<ResponseSink>.fromOpaque(context!).takeUnretainedValue()
            sink.header(pointer, size * count)
            return size * count
        }
        _ = rb_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, Unmanaged.passUnretained(sink).toOpaque())
        _ = rb_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        let code = withExtendedLifetime(sink) { curl_easy_perform(handle) }
        guard code == CURLE_OK else {
            if sink.overflowed { throw .responseTooLarge(limit: limits.maximumResponseBytes) }
            let detail = String(cString: errorBuffer)
            let reason = endpoint.redact(message: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
            switch code {
            case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
                throw .couldNotConnect(reason)
            case CURLE_OPERATION_TIMEDOUT:
                throw .timedOut(seconds: limits.totalTimeout)
            default:
                throw .connectionLost(reason)
            }
        }
        var status = 0
        _ = rb_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, body: sink.bytes, retryAfter: sink.retryAfter)
    }
}

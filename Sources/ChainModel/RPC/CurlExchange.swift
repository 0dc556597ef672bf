import CCurl

/// The libcurl settings and result handling shared by ``CurlTransport`` (POST, kept-alive) and
/// ``HTTPGet`` (one GET): HTTP and HTTPS only, no redirects, no signals, connect and total
/// timeouts, gzip/deflate accepted, the body collected by a ``ResponseSink`` under its limit.
enum CurlExchange {
    /// Sets the shared options on `handle`. `headers`, `sink` and `errorBuffer` must outlive
    /// every transfer made with the handle.
    static func configure(_ handle: UnsafeMutableRawPointer, endpoint: RPCEndpoint, limits: HTTPLimits,
                          headers: UnsafeMutablePointer<curl_slist>?, sink: ResponseSink, errorBuffer: UnsafeMutablePointer<CChar>) {
        _ = rb_curl_setopt_string(handle, CURLOPT_URL, endpoint.url)
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
    }

    /// The response of a transfer that ended with `code`, or the failure (with the endpoint's
    /// secrets redacted from libcurl's message).
    static func result(_ code: CURLcode, handle: UnsafeMutableRawPointer, endpoint: RPCEndpoint, limits: HTTPLimits,
                       sink: ResponseSink, errorBuffer: UnsafeMutablePointer<CChar>) throws(TransportFailure) -> HTTPResponse {
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

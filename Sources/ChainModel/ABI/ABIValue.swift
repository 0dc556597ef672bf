/// A value of an ``ABIType``. The type gives the interpretation; the value carries the data.
///
/// | type | value |
/// |---|---|
/// | `uint<M>`, `ufixed<M>x<N>` (scaled integer) | ``uint(_:)`` |
/// | `int<M>`, `fixed<M>x<N>` (scaled integer) | ``int(_:)`` |
/// | `address` | ``address(_:)`` |
/// | `bool` | ``bool(_:)`` |
/// | `bytes<M>` (M bytes), `function` (24 bytes) | ``fixedBytes(_:)`` |
/// | `bytes` | ``bytes(_:)`` |
/// | `string` | ``string(_:)`` |
/// | `T[]`, `T[k]` | ``array(_:)`` |
/// | tuples | ``tuple(_:)`` |
public indirect enum ABIValue: Hashable, Sendable {
    case uint(UInt256)
    case int(Int256)
    case address(Address)
    case bool(Bool)
    case fixedBytes([UInt8])
    case bytes([UInt8])
    case string(String)
    case array([ABIValue])
    case tuple([ABIValue])
}

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
    /// An unsigned integer (`uint<M>`), or the scaled integer of a `ufixed<M>x<N>`.
    case uint(UInt256)
    /// A signed integer (`int<M>`), or the scaled integer of a `fixed<M>x<N>`.
    case int(Int256)
    /// An `address`.
    case address(Address)
    /// A `bool`.
    case bool(Bool)
    /// The M bytes of a `bytes<M>`, or the 24 bytes (address then selector) of a `function`.
    case fixedBytes([UInt8])
    /// The bytes of a dynamic `bytes`.
    case bytes([UInt8])
    /// A `string`.
    case string(String)
    /// The elements of a `T[]` or `T[k]`.
    case array([ABIValue])
    /// The fields of a tuple, in order.
    case tuple([ABIValue])
}

import Benchmark
import ChainModel
import CSecp256k1
import Secp

/// Transaction signing and sender recovery, end to end, against the bare libsecp256k1 calls plus the
/// Keccak-256 of the same payload measured in the same process (the floor any wrapper can reach).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        scalingFactor: .one,
        maxDuration: .seconds(2),
        maxIterations: 100_000
    )

    Benchmark("Baseline one (empty loop)") { benchmark in
        for index in benchmark.scaledIterations { blackHole(index) }
    }

    let keyBytes: [UInt8] = (1...32).map { UInt8($0) }
    let key = try! PrivateKey(bytes: keyBytes)
    let calldata = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }
    let transaction = Transaction(
        kind: .dynamicFee(maxPriorityFeePerGas: 1_500_000_000, maxFeePerGas: 60_000_000_000, chainID: 1, accessList: []),
        nonce: 42, gasLimit: 2_000_000, to: try! Address("0x59D55D53a715b3B4581c52098BCb4075C2941DBa"),
        value: 0, data: calldata)
    let payload = transaction.signingPayload
    let signed = transaction.signed(with: key)
    let raw = signed.raw

    Benchmark("Sign EIP-1559 tx with 4 KiB calldata (ours)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(transaction.signed(with: key).raw) }
    }

    Benchmark("Sign reference: Keccak-256 of the payload + bare libsecp256k1 recoverable sign") { benchmark in
        var signature = secp256k1_ecdsa_recoverable_signature()
        var digestBytes = [UInt8](repeating: 0, count: 32)
        key.withUnsafeBytes { secret in
            payload.withUnsafeBytes { message in
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    digestBytes.withUnsafeMutableBytes { digest in
                        Keccak256.hash(message, into: digest)
                        let ok = secp256k1_ecdsa_sign_recoverable(
                            SecpContext.shared, &signature, digest.baseAddress!.assumingMemoryBound(to: UInt8.self),
                            secret.baseAddress!.assumingMemoryBound(to: UInt8.self), nil, nil)
                        blackHole(ok)
                    }
                }
                benchmark.stopMeasurement()
            }
        }
    }

    Benchmark("Recover sender of EIP-1559 tx with 4 KiB calldata (ours)") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! SignedTransaction(raw: raw).recoverSender()) }
    }

    Benchmark("Recover reference: Keccak-256 of the payload + bare libsecp256k1 recover + address") { benchmark in
        var compact = [UInt8](repeating: 0, count: 64)
        compact.withUnsafeMutableBytes { signed.recoverable.storeCompact(to: $0.baseAddress!) }
        let recoveryID = Int32(signed.recoverable.recoveryID)
        var parsed = secp256k1_ecdsa_recoverable_signature()
        _ = compact.withUnsafeBufferPointer {
            secp256k1_ecdsa_recoverable_signature_parse_compact(SecpContext.shared, &parsed, $0.baseAddress!, recoveryID)
        }
        var digestBytes = [UInt8](repeating: 0, count: 32)
        var serialized = [UInt8](repeating: 0, count: 65)
        payload.withUnsafeBytes { message in
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                var publicKey = secp256k1_pubkey()
                var length = 65
                digestBytes.withUnsafeMutableBytes { digest in
                    Keccak256.hash(message, into: digest)
                    _ = secp256k1_ecdsa_recover(SecpContext.shared, &publicKey, &parsed,
                                                digest.baseAddress!.assumingMemoryBound(to: UInt8.self))
                }
                _ = secp256k1_ec_pubkey_serialize(SecpContext.shared, &serialized, &length, &publicKey,
                                                  UInt32(SECP256K1_EC_UNCOMPRESSED))
                blackHole(serialized.withUnsafeBytes { Keccak256.hash(UnsafeRawBufferPointer(rebasing: $0[1...])) })
            }
            benchmark.stopMeasurement()
        }
    }
}

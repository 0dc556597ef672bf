import Benchmark
import ChainModel
import Crypto

/// Hashing and encoding benchmarks. Each "ours" benchmark has a reference in the same process
/// (swift-crypto's SHA3-256, which runs the same Keccak-f[1600] permutation from XKCP's C code);
/// `scripts/bench` turns the pairs into ratios in BENCHMARKS.md.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        scalingFactor: .kilo,
        maxDuration: .seconds(2),
        maxIterations: 1_000_000
    )

    Benchmark("Baseline (empty loop)") { benchmark in
        for index in benchmark.scaledIterations { blackHole(index) }
    }

    let input32 = [UInt8](repeating: 0xab, count: 32)
    let input1MiB = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }

    Benchmark("Keccak256 32 B into buffer (ours)") { benchmark in
        var output = [UInt8](repeating: 0, count: 32)
        input32.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    Keccak256.hash(input, into: out)
                    blackHole(out.baseAddress)
                }
                benchmark.stopMeasurement()
            }
        }
    }

    Benchmark("SHA3-256 32 B (swift-crypto reference)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SHA3_256.hash(data: input32))
        }
    }

    let longConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], scalingFactor: .one, maxDuration: .seconds(3), maxIterations: 200)

    Benchmark("Keccak256 1 MiB (ours)", configuration: longConfiguration) { benchmark in
        input1MiB.withUnsafeBytes { input in
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(Keccak256.hash(input)) }
            benchmark.stopMeasurement()
        }
    }

    Benchmark("SHA3-256 1 MiB (swift-crypto reference)", configuration: longConfiguration) { benchmark in
        input1MiB.withUnsafeBytes { input in
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(SHA3_256.hash(data: input)) }
            benchmark.stopMeasurement()
        }
    }

    for count in [10, 100] {
        let arguments = StartRebalanceFixture.arguments(components: count)
        let function = StartRebalanceFixture.function
        let calldata = try! function.encodeCall(arguments)
        let scale: BenchmarkScalingFactor = .kilo

        Benchmark("ABI encode startRebalance \(count) components (ours)",
                  configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], scalingFactor: scale,
                                       maxDuration: .seconds(2), maxIterations: 1_000_000)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try! function.encodeCall(arguments)) }
        }

        Benchmark("ABI decode startRebalance \(count) components (ours)",
                  configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], scalingFactor: scale,
                                       maxDuration: .seconds(2), maxIterations: 1_000_000)) { benchmark in
            for _ in benchmark.scaledIterations { blackHole(try! function.decodeCall(calldata)) }
        }
    }
}

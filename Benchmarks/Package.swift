// swift-tools-version:6.1
// The benchmark package: release builds of rebalancer's hot paths, each measured against a reference
// run in the same process. Run it with `scripts/bench` (writes BENCHMARKS.md).
import PackageDescription

let package = Package(
    name: "rebalancer-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "rebalancer", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "Codecs",
            dependencies: [
                .product(name: "ChainModel", package: "rebalancer"),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/Codecs",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Signing",
            dependencies: [
                .product(name: "ChainModel", package: "rebalancer"),
                .product(name: "Secp", package: "rebalancer"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Signing",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Planning",
            dependencies: [
                .product(name: "AuctionPlanner", package: "rebalancer"),
                .product(name: "ChainModel", package: "rebalancer"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Planning",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)

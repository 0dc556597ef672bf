// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "rebalancer",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "rebalancer", targets: ["rebalancer"]),
        .library(name: "ChainModel", targets: ["ChainModel"]),
        .library(name: "Secp", targets: ["Secp"]),
        .library(name: "AuctionPlanner", targets: ["AuctionPlanner"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries (Debian: libsecp256k1-dev, libcurl4-openssl-dev).
        .systemLibrary(
            name: "CSecp256k1",
            pkgConfig: "libsecp256k1",
            providers: [.apt(["libsecp256k1-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // Keys and recoverable ECDSA over libsecp256k1.
        .target(name: "Secp", dependencies: ["CSecp256k1"]),

        // Pure chain codecs (UInt256, Keccak-256, Address, RLP, ABI), transactions, RPC.
        .target(
            name: "ChainModel",
            dependencies: [
                "Secp",
                "CCurl",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(name: "AuctionPlanner", dependencies: ["ChainModel", .product(name: "Yams", package: "Yams")]),

        // Transaction submission: the SQLite journal (GRDB), nonces, broadcast, waiting, replacement.
        .target(
            name: "Submission",
            dependencies: ["ChainModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),

        // The keeper: the journal-backed state machine that runs rebalances from plan to unlock.
        .target(
            name: "Keeper",
            dependencies: [
                "ChainModel", "Submission", "AuctionPlanner",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // The command-line program.
        .executableTarget(
            name: "rebalancer",
            dependencies: [
                "ChainModel",
                "Submission",
                "AuctionPlanner",
                "Keeper",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Shared test helpers: repository paths, the pinned Python peer, subprocesses.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "ChainModelTests", dependencies: ["ChainModel", "TestSupport"]),
        .testTarget(name: "SecpTests", dependencies: ["Secp"]),
        .testTarget(name: "AuctionPlannerTests", dependencies: ["AuctionPlanner", "TestSupport"]),
        .testTarget(name: "RebalancerCLITests", dependencies: ["TestSupport", "ChainModel"]),
        // Tests on the local chain (eth-tester + py-evm behind Tests/python/chain/server.py).
        .testTarget(name: "ChainTests", dependencies: ["ChainModel", "Submission", "Keeper", "TestSupport"]),
        .testTarget(name: "AuctionStandInTests", dependencies: ["TestSupport"]),
        .testTarget(name: "KeeperTests", dependencies: [
            "Keeper", "AuctionPlanner", "Submission", "ChainModel", "TestSupport", .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
    ],
    swiftLanguageModes: [.v5]
)

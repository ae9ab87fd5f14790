// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "lambda-cost-report",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lambda-cost-report", targets: ["lambda-cost-report"]),
        .library(name: "LambdaCostKit", targets: ["LambdaCostKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSLCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlibStream",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CSnappy",  // no pkg-config file on every Debian release: the module map links it
            providers: [.apt(["libsnappy-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .target(
            name: "Parquet",
            dependencies: ["CSnappy", "CZstd", "CZlibStream"]
        ),
        .target(
            name: "LambdaCostKit",
            dependencies: [
                "CLibXML2",
                "COpenSSLCrypto",
                "CZlibStream",
                "Parquet",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(
            name: "LambdaCostCommands",
            dependencies: [
                "LambdaCostKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "lambda-cost-report",
            dependencies: ["LambdaCostCommands"]
        ),
        .target(
            name: "GoldenFiles",
            dependencies: ["LambdaCostKit"],
            path: "Tests/GoldenFiles"
        ),
        .testTarget(
            name: "LambdaCostKitTests",
            dependencies: ["LambdaCostKit", "GoldenFiles", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LambdaCostCommandsTests",
            dependencies: ["LambdaCostCommands", "LambdaCostKit", "GoldenFiles"],
            exclude: ["Fixtures", "Golden"]  // read from the source tree (#filePath), so goldens can be re-recorded
        ),
        .testTarget(
            name: "ParquetTests",
            dependencies: ["Parquet", "LambdaCostKit", "GoldenFiles"],
            exclude: ["Fixtures"]  // read from the source tree (#filePath)
        ),
    ]
)

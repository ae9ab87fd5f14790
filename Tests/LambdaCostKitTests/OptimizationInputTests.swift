import Foundation
import GoldenFiles
import Testing
@testable import LambdaCostKit

@Suite struct OptimizationInputTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/tuning"
    static let orders = FunctionIdentity(accountID: "004519876321", region: "us-east-1", name: "orders-api")
    static let image = FunctionIdentity(accountID: "004519876321", region: "eu-west-1", name: "image-resize")

    @Test func powerTuningIsJoinedByFileNameOrARN() throws {
        var diagnostics: [Diagnostic] = []
        let results = try OptimizationInputReader().readPowerTuning(
            paths: [Self.folder + "/orders-api.json", Self.folder + "/with-arn.json"], known: [Self.orders, Self.image], diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty)
        let orders = try #require(results[Self.orders])
        #expect(orders.bestMemoryMB == 512)
        #expect(orders.measurements.map(\.memoryMB) == [128, 256, 512, 1024])
        #expect(orders.measurements.map(\.averageDurationMs.description) == ["503.9", "200", "120.35", "70"])
        #expect(orders.measurements.first?.averagePrice?.description == "0.0000010584")
        // The ARN's qualifier belongs to its function.
        #expect(results[Self.image]?.measurements.map(\.averageDurationMs.description) == ["95.5", "60.25"])
    }

    /// A duration past Lambda's 15 minutes (1e13 ms overflowed the memory model) is an error naming the entry.
    @Test func powerTuningDurationsAndPricesAreBounded() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/orders-api.json"
        func read(_ stats: String) throws {
            try "{\"lambdaARN\": \"arn:aws:lambda:us-east-1:004519876321:function:orders-api\", \"stats\": [\(stats)]}"
                .write(toFile: path, atomically: true, encoding: .utf8)
            var diagnostics: [Diagnostic] = []
            _ = try OptimizationInputReader().readPowerTuning(paths: [path], known: [Self.orders], diagnostics: &diagnostics)
        }
        #expect(throws: InputError.self) { try read("{\"value\": 128, \"averageDuration\": 1e13}") }
        #expect(throws: InputError.self) { try read("{\"value\": 128, \"averageDuration\": 10, \"averagePrice\": 1e13}") }
        #expect(throws: Never.self) { try read("{\"value\": 128, \"averageDuration\": 900000, \"averagePrice\": 0.0001}") }
    }

    @Test func powerTuningWithoutStatsOrAFunctionIsSkippedWithAWarning() throws {
        var diagnostics: [Diagnostic] = []
        let twin = FunctionIdentity(accountID: "210987654321", region: "us-east-1", name: "orders-api")
        let results = try OptimizationInputReader().readPowerTuning(
            paths: [Self.folder + "/no-stats.json", Self.folder + "/orders-api.json"], known: [Self.orders, twin], diagnostics: &diagnostics)
        #expect(results.isEmpty)
        #expect(diagnostics.map(\.message) == [
            "no \"stats\" in the Power Tuning result (run it with includeOutputResults: true); file ignored",
            "'orders-api' names 2 functions (several accounts or regions); add \"lambdaARN\" to the file; file ignored",
        ])
    }

    @Test func computeOptimizerRowsAreJoinedByARN() throws {
        var diagnostics: [Diagnostic] = []
        let results = try OptimizationInputReader().readComputeOptimizer(paths: [Self.folder + "/compute-optimizer.csv"], diagnostics: &diagnostics)
        let orders = try #require(results[Self.orders])
        #expect(orders.finding == "NotOptimized")
        #expect(orders.reasons == "MemoryOverprovisioned")
        #expect(orders.currentMemoryMB == 1024)
        #expect(orders.recommendedMemoryMB == 512)
        #expect(orders.estimatedMonthlySavings?.description == "4.2")
        #expect(orders.performanceRisk == "VeryLow")
        #expect(results.count == 1)
        #expect(diagnostics.map(\.description) == [
            "\(Self.folder)/compute-optimizer.csv:3:14: error: expected a Lambda function ARN in 'functionArn', found \"not-an-arn\"; row ignored",
        ])
    }

    /// Compute Optimizer values out of bounds (a savings of 10¹³ USD, a memory size Lambda does not allow) are not
    /// shown: the savings with a warning at its row, the memory sizes as unknown.
    @Test func computeOptimizerValuesOutOfBoundsAreNotShown() throws {
        let folder = RepositoryPaths.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/compute-optimizer.csv"
        try """
            functionArn,finding,currentConfiguration_memorySize,recommendationOptions_1_configuration_memorySize,recommendationOptions_1_estimatedMonthlySavings_value
            arn:aws:lambda:us-east-1:004519876321:function:orders-api,NotOptimized,99999,64,1e13

            """.write(toFile: path, atomically: true, encoding: .utf8)
        var diagnostics: [Diagnostic] = []
        let results = try OptimizationInputReader().readComputeOptimizer(paths: [path], diagnostics: &diagnostics)
        let orders = try #require(results[Self.orders])
        #expect(orders.currentMemoryMB == nil)
        #expect(orders.recommendedMemoryMB == nil)
        #expect(orders.estimatedMonthlySavings == nil)
        #expect(diagnostics.map(\.description) == [
            "\(path):2:1: warning: the estimated monthly savings 10000000000000 is not from 0 to 1,000,000,000 USD; not shown",
        ])
    }
}

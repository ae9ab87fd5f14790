import Testing
@testable import LambdaCostKit

/// A finding section without findings says "None this month." only when the check could read every function; a
/// check without its metrics says it was not checked (issue 15, item 5).
@Suite struct CheckCoverageTests {
    static func coverage(_ functions: [FunctionCost]) -> CheckCoverage {
        CheckCoverage(functions, needs: "timeout_s and memory_mb") { $0.timeoutSeconds != nil && $0.memoryMB != nil }
    }

    static let withTimeout = ScenarioTests.function("api", paid: [.duration: "1"]) { $0.timeoutSeconds = FixedDecimal(3); $0.memoryMB = 128 }
    static let memoryOnly = ScenarioTests.function("worker", paid: [.duration: "1"]) { $0.memoryMB = 128 }
    static let noMetrics = ScenarioTests.function("cron", paid: [.duration: "1"])
    static let noFunction = ScenarioTests.function("", paid: [.duration: "1"])

    @Test func everyFunctionChecked() {
        let coverage = Self.coverage([Self.withTimeout, Self.noFunction])
        #expect(coverage.checked == 1 && coverage.notChecked == 0)
        #expect(coverage.noneText == "None this month.")
        #expect(coverage.notCheckedText.isEmpty)
    }

    @Test func noFunctionChecked() {
        let coverage = Self.coverage([Self.memoryOnly, Self.noMetrics])
        #expect(coverage.noneText == "Not checked — needs timeout_s and memory_mb in the metrics file (docs/metrics.md).")
        #expect(coverage.notCheckedText == "Not checked for 2 functions without timeout_s and memory_mb in the metrics.")
    }

    @Test func someFunctionsChecked() {
        let coverage = Self.coverage([Self.withTimeout, Self.noMetrics])
        #expect(coverage.noneText == "None among the 1 function with timeout_s and memory_mb in the metrics; not checked for the 1 function without them.")
        #expect(coverage.notCheckedText == "Not checked for 1 function without timeout_s and memory_mb in the metrics.")
        #expect(coverage.templateKeys("timeout")["timeout_checked_count"] as? Int == 1)
    }
}

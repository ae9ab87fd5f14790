import Foundation
import GoldenFiles

/// Whether the pyarrow-made fixtures can be written here: tests that need them run when pyarrow imports, and
/// under CI (`CI` set) always, so a missing pyarrow fails there instead of skipping.
enum Pyarrow {
    static let isAvailable = (try? run(["python3", "-c", "import pyarrow"]).status) == 0
    static let testsRun = isAvailable || ProcessInfo.processInfo.environment["CI"] != nil

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) { try ToolProcess.run(arguments) }
}

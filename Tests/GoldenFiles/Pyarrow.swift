import Foundation

/// Whether tests that make their inputs with pyarrow (the Parquet fixtures, `scripts/cur-to-parquet`,
/// `scripts/cur-to-focus --parquet`) can run here: they run when pyarrow imports, and under CI (`CI` set) always,
/// so a missing pyarrow fails there instead of skipping.
public enum Pyarrow {
    public static let isAvailable = (try? run(["python3", "-c", "import pyarrow"]).status) == 0
    public static let testsRun = isAvailable || ProcessInfo.processInfo.environment["CI"] != nil

    public static func run(_ arguments: [String]) throws -> (status: Int32, output: String) { try ToolProcess.run(arguments) }
}

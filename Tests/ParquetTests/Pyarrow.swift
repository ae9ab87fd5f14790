import Foundation

/// Whether the pyarrow-made fixtures can be written here: tests that need them run when pyarrow imports, and
/// under CI (`CI` set) always, so a missing pyarrow fails there instead of skipping.
enum Pyarrow {
    static let isAvailable = (try? run(["python3", "-c", "import pyarrow"]).status) == 0
    static let testsRun = isAvailable || ProcessInfo.processInfo.environment["CI"] != nil

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

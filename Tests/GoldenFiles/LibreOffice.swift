import Foundation

/// Runs `scripts/check-xlsx` and splits what it prints into sheets of CSV records. Tests that need it run where
/// LibreOffice is installed, and under CI (`CI` set) always, so a missing LibreOffice fails there (`.ci/run`
/// installs `libreoffice-calc`).
public enum LibreOffice {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static let testsRun = isInstalled || ProcessInfo.processInfo.environment["CI"] != nil

    public static let isInstalled: Bool = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { folder in
            ["libreoffice", "soffice"].contains { FileManager.default.isExecutableFile(atPath: "\(folder)/\($0)") }
        }
    }()

    /// Sheet name → records (fields as strings).
    public static func sheets(of workbook: String, asShown: Bool) throws -> [String: [[String]]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [RepositoryPaths.root + "/scripts/check-xlsx"] + (asShown ? ["--as-shown"] : []) + [workbook]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "scripts/check-xlsx exited with \(process.terminationStatus) (3: LibreOffice is not installed)")
        }
        let base = URL(fileURLWithPath: workbook).deletingPathExtension().lastPathComponent
        var sheets: [String: [[String]]] = [:]
        var name: String?
        var csv = ""
        func flush() { if let name { sheets[name] = records(csv) } }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("==> \(base)-"), line.hasSuffix(".csv <==") {
                flush()
                name = String(line.dropFirst("==> \(base)-".count).dropLast(".csv <==".count))
                csv = ""
            } else {
                csv += line + "\n"
            }
        }
        flush()
        return sheets
    }

    /// RFC 4180 records; a quoted field may hold commas, doubled quotes and newlines.
    public static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var characters = Array(text.unicodeScalars)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { field.unicodeScalars.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field)
                field = ""
            } else if character == "\n" || character == "\r" {
                if character == "\r", characters.first == "\n" { characters.removeFirst() }
                record.append(field)
                field = ""
                if record != [""] { records.append(record) }
                record = []
            } else {
                field.unicodeScalars.append(character)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }
}

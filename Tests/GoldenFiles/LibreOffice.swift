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

    /// A workbook as LibreOffice prints it: the size of each page in points (width, height), in page order.
    public struct Printout {
        public var pages: [(width: Double, height: Double)]
    }

    /// Sheet name → records (fields as strings).
    public static func sheets(of workbook: String, asShown: Bool) throws -> [String: [[String]]] {
        let data = try checkXLSX((asShown ? ["--as-shown"] : []) + [workbook])
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

    /// Prints the workbook to PDF with `scripts/check-xlsx --pdf` (each sheet's page setup applied) and reads the
    /// pages' sizes from the PDF's page objects (LibreOffice writes them uncompressed: `<</Type/Page…/MediaBox[…]`).
    public static func printout(of workbook: String) throws -> Printout {
        let pdf = URL(fileURLWithPath: workbook).deletingPathExtension().path + ".pdf"
        _ = try checkXLSX(["--pdf", pdf, workbook])
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: Unicode.ASCII.self)
        let page = try NSRegularExpression(pattern: #"/Type\s*/Page(?!s)[^>]*?/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)"#)
        let pages = page.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            let numbers = (1...4).map { Double(text[Range(match.range(at: $0), in: text)!])! }
            return (width: numbers[2] - numbers[0], height: numbers[3] - numbers[1])
        }
        return Printout(pages: pages)
    }

    /// What `scripts/check-xlsx` prints on stdout.
    private static func checkXLSX(_ arguments: [String]) throws -> Data {
        let (status, data) = try ToolProcess.standardOutput(["/bin/bash", RepositoryPaths.root + "/scripts/check-xlsx"] + arguments)
        guard status == 0 else {
            throw Failure(description: "scripts/check-xlsx exited with \(status) (3: LibreOffice is not installed)")
        }
        return data
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

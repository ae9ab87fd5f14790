import Foundation
import Testing
@testable import LambdaCostKit

/// Errors in words (issue 17 item 4): file-system errors as `path: error: what happened`, never an NSError dump;
/// control, line-separator and bidirectional-text characters escaped in every diagnostic.
@Suite struct ErrorTextTests {
    @Test func separatorsAndBidiControlsAreEscaped() {
        let diagnostic = Diagnostic(.warning, at: SourceLocation(file: "cur.csv", line: 2, column: 3),
            "tag \"a\u{2028}cur.csv:9:1: error: fake\u{202E}txt.exe\u{2066}\"")
        #expect(diagnostic.description == "cur.csv:2:3: warning: tag \"a\\u{2028}cur.csv:9:1: error: fake\\u{202E}txt.exe\\u{2066}\"")
        #expect(Diagnostic.printable("\u{1B}[31mred\u{7}") == "\\u{1B}[31mred\\u{7}")
        #expect(Diagnostic.printable("Zürich – 東京") == "Zürich – 東京")
    }

    @Test func fileSystemErrorsAreWords() {
        let exists = NSError(domain: NSCocoaErrorDomain, code: CocoaError.Code.fileWriteFileExists.rawValue,
                             userInfo: [NSFilePathErrorKey: "/out/2026-10"])
        #expect(FileSystemErrorText.line(exists) == "/out/2026-10: error: a file or folder of that name is already there")
        let full = NSError(domain: NSCocoaErrorDomain, code: CocoaError.Code.fileWriteUnknown.rawValue,
                           userInfo: [NSFilePathErrorKey: "/out/x", NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
        #expect(FileSystemErrorText.line(full) == "/out/x: error: \(String(cString: strerror(ENOSPC)))")
        #expect(!FileSystemErrorText.line(full).contains("Error Domain"))
        // Through a stage error, as the report prints it.
        #expect(StageError(stage: "output", underlying: exists).description == "/out/2026-10: error: a file or folder of that name is already there [stage: output]")
        // Other errors keep their own words.
        #expect(FileSystemErrorText.line(InputError(path: "a.csv", message: "bad\u{2028}line")) == "a.csv: error: bad\\u{2028}line")
    }
}

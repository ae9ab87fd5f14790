import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file-system error from Foundation (`NSCocoaErrorDomain`, `NSPOSIXErrorDomain`) in words, as
/// `path: error: what happened`, instead of its `Error Domain=… Code=516 …` dump.
public enum FileSystemErrorText {
    /// Any error as one printable line: a file-system error in words (`path: error: what happened`), another
    /// error as it describes itself, with `lambda-cost-report: error:` when it names no file; control and
    /// bidirectional-text characters escaped.
    public static func line(_ error: any Error) -> String {
        let text = describe(error) ?? String(describing: error)
        return Diagnostic.printable(text.contains(": error: ") ? text : "lambda-cost-report: error: \(text)")
    }

    /// The error in words, or `nil` when it is not a Foundation file-system error.
    static func describe(_ error: any Error) -> String? {
        let nsError = error as NSError
        guard nsError.domain == NSCocoaErrorDomain || nsError.domain == NSPOSIXErrorDomain else { return nil }
        let path = (nsError.userInfo[NSFilePathErrorKey] as? String)
            ?? (nsError.userInfo[NSURLErrorKey] as? URL)?.path
            ?? (nsError.userInfo["NSDestinationFilePath"] as? String)
        let reason = words(nsError)
        return path.map { "\($0): error: \(reason)" } ?? "lambda-cost-report: error: \(reason)"
    }

    /// What happened: the POSIX reason when there is one (`No space left on device`), else the Cocoa code's.
    static func words(_ error: NSError) -> String {
        if error.domain == NSPOSIXErrorDomain { return posix(Int32(error.code)) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return posix(Int32(underlying.code))
        }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
        case .fileWriteFileExists: return "a file or folder of that name is already there"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteVolumeReadOnly: return "the file system is read-only"
        case .fileLocking: return "the file is locked"
        case .fileReadCorruptFile: return "the file could not be read (corrupt)"
        case .fileReadInapplicableStringEncoding, .fileWriteInapplicableStringEncoding: return "the text is not in the expected encoding"
        case .fileReadTooLarge: return "the file is too large to read"
        case .fileWriteInvalidFileName: return "the file name is not valid"
        default: return "the file operation failed (Foundation error \(error.code))"
        }
    }

    private static func posix(_ code: Int32) -> String { String(cString: strerror(code)) }
}

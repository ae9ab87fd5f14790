#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Foundation

/// Every entry under one input folder, recursively, sorted by the bytes of its path: the regular files (links to
/// files followed), the hidden entries and the report's output folder skipped (a hidden folder is listed once and
/// not searched), and FIFOs, devices, sockets and broken links refused without being opened.
struct FolderWalk {
    private(set) var files: [String] = []
    private(set) var skipped: [SkippedFile] = []
    private(set) var refused: [InputError] = []

    /// A file's device and inode: one folder reached through two paths (a link) is one folder.
    struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }

        /// The identity of what `path` names (links followed); `nil` when it does not exist.
        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.init(info)
        }
    }

    private var visited: Set<Identity> = []
    private let outputFolder: Identity?

    /// Walks `root` (a folder); `outputFolder` is the report's output folder, never searched.
    init(root: String, outputFolder: Identity?) {
        self.outputFolder = outputFolder
        visit(Self.trimmingSlashes(root))
        files.sort(by: Self.byteOrder)
        skipped.sort { Self.byteOrder($0.path, $1.path) }
        refused.sort { Self.byteOrder($0.path, $1.path) }
    }

    private mutating func visit(_ folder: String) {
        guard let identity = Identity(path: folder) else {
            refused.append(InputError(path: folder, message: "cannot read the folder: \(String(cString: strerror(errno)))"))
            return
        }
        if identity == outputFolder {
            skipped.append(SkippedFile(path: folder, reason: "the report's output folder"))
            return
        }
        guard visited.insert(identity).inserted else {
            skipped.append(SkippedFile(path: folder, reason: "a link to a folder already searched"))
            return
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            refused.append(InputError(path: folder, message: "cannot list the folder: \(error.localizedDescription)"))
            return
        }
        for name in names {
            let path = folder == "/" ? "/" + name : folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else {
                refused.append(InputError(path: path, message: "cannot read what the entry is: \(String(cString: strerror(errno)))"))
                continue
            }
            var type = info.st_mode & mode_t(S_IFMT)
            if type == mode_t(S_IFLNK) {
                guard stat(path, &info) == 0 else {
                    refused.append(InputError(path: path, message: "a symbolic link to nothing (\(String(cString: strerror(errno)))): what it should hold cannot be read"))
                    continue
                }
                type = info.st_mode & mode_t(S_IFMT)
            }
            if name.hasPrefix(".") {
                skipped.append(SkippedFile(path: path, reason: type == mode_t(S_IFDIR) ? "a hidden folder (not searched)" : "a hidden file"))
                continue
            }
            switch type {
            case mode_t(S_IFDIR): visit(path)
            case mode_t(S_IFREG): files.append(path)
            default:
                // A FIFO would make the run wait for a writer forever; devices and sockets hold no billing data.
                refused.append(InputError(path: path, message: ByteSource.refusal(of: ByteSource.nonRegularKind(type) ?? "a special file")))
            }
        }
    }

    /// `a/b/` → `a/b`; `/` stays `/`.
    static func trimmingSlashes(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1 && path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// Byte order of the UTF-8 paths, so runs are repeatable whatever the locale.
    static func byteOrder(_ lhs: String, _ rhs: String) -> Bool { lhs.utf8.lexicographicallyPrecedes(rhs.utf8) }
}

/// File names of the per-item pages (`functions/<stem>.html`, `teams/<stem>.html`, `showback/<key>/<stem>.html`),
/// made so that no input can
/// reach outside the page's folder, hide a file or overwrite another page:
///
/// 1. The raw name is the item's text: `<account>_<region>_<function>` for a function, the tag value for a team or
///    a showback value, the tag key for a showback key's folder.
/// 2. Every run of characters outside `A–Z a–z 0–9 . _ -` becomes one `-` (so `/`, `\`, NUL, spaces and
///    non-ASCII letters cannot reach the file system), or nothing at the start and the end; a leading `.` or `-`
///    becomes `_` (no `.`, `..`, hidden files or names read as command-line options); an empty name becomes
///    `page`; a name longer than 80 characters is cut to 80.
/// 3. When step 2 changed anything, `-` and the first 8 hex digits of the SHA-256 of the item's parts are
///    appended (`data-analytics-team-90579668`), so two names that sanitize alike still differ.
/// 4. Names that are still equal ignoring case (a case-insensitive file system would merge them), or equal to
///    a reserved name, all get the hash suffix, then 16 and then 64 hex digits until none collide.
///
/// The result depends only on the set of items, not on their order, so the same report gives the same names.
/// A function name as AWS allows it (`[A-Za-z0-9_-]+`) with an ordinary account and region needs no change:
/// `004519876321_us-east-1_orders-api.html`.
enum PageFileNames {
    /// A stem being assigned: the sanitized name, the hash of its parts, and how many hex digits of it it needs.
    private struct Entry {
        var stem: String
        var hash: String
        var level: Int

        func name() -> String {
            let length = PageFileNames.hashLengths[level]
            return length == 0 ? stem : stem + "-" + hash.prefix(length)
        }
    }

    static let maximumStemLength = 80
    /// Hex digits of the hash suffix at each collision level (level 0 has none).
    static let hashLengths = [0, 8, 16, 64]
    /// The stem of an item whose sanitized name is empty.
    static let emptyStem = "page"

    /// The stem for a function: account, region and name.
    static func functionParts(_ function: FunctionIdentity) -> [String] {
        [function.accountID, function.region, function.name]
    }

    /// `name` with only `[A-Za-z0-9._-]`, not starting with `.` or `-`, at most ``maximumStemLength``
    /// characters, and whether that changed it.
    static func sanitize(_ name: String) -> (stem: String, changed: Bool) {
        var stem = ""
        var count = 0
        var changed = false
        var pendingDash = false
        for scalar in name.unicodeScalars {
            guard isAllowed(scalar) else {
                changed = true
                pendingDash = count > 0
                continue
            }
            if pendingDash {
                guard count + 1 < maximumStemLength else { break }
                stem += "-"
                count += 1
                pendingDash = false
            }
            guard count < maximumStemLength else {
                changed = true
                break
            }
            if count == 0 && (scalar == "." || scalar == "-") {
                stem += "_"
                changed = true
            } else {
                stem.unicodeScalars.append(scalar)
            }
            count += 1
        }
        if stem.isEmpty { return (emptyStem, true) }
        return (stem, changed)
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", ".", "_", "-": return true
        default: return false
        }
    }

    /// The SHA-256 (hex) of the parts, each as its UTF-8 length, `:` and its bytes: distinct part lists never
    /// share an encoding.
    static func hash(_ parts: [String]) -> String {
        var bytes: [UInt8] = []
        for part in parts { bytes += Array("\(part.utf8.count):".utf8) + Array(part.utf8) }
        return SHA256.hex(of: bytes)
    }

    /// A unique stem per item, per the rules above. `parts` name each item (joined with `_` for its raw name);
    /// `reserved` stems are never given to an item (compared ignoring case).
    static func assign<Key: Hashable>(_ items: [(key: Key, parts: [String])], reserved: Set<String> = []) -> [Key: String] {
        let reserved = Set(reserved.map { $0.lowercased() })
        var entries: [Entry] = items.map { item in
            let (stem, changed) = sanitize(item.parts.joined(separator: "_"))
            return Entry(stem: stem, hash: hash(item.parts), level: changed ? 1 : 0)
        }
        // Raise the level of every colliding entry until no name collides; at most three rounds change anything.
        for _ in 0..<hashLengths.count {
            var counts: [String: Int] = [:]
            for entry in entries { counts[entry.name().lowercased(), default: 0] += 1 }
            var collided = false
            for index in entries.indices {
                let name = entries[index].name().lowercased()
                if counts[name]! > 1 || reserved.contains(name), entries[index].level < hashLengths.count - 1 {
                    entries[index].level += 1
                    collided = true
                }
            }
            if !collided { break }
        }
        var result: [Key: String] = [:]
        for (item, entry) in zip(items, entries) { result[item.key] = entry.name() }
        return result
    }
}

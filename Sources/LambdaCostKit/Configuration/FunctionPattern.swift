/// A pattern naming Lambda functions, as written in the configuration:
///
/// - `image-*` — a glob on the function name, in every account and region;
/// - `123456789012/eu-west-1/image-resize` — account, region and name, each of which may be a glob too
///   (`*/eu-*/image-*`).
///
/// Globs: `*` any run of characters (also none), `?` one character, `[abc]` / `[a-z]` one of a set, `[!abc]`
/// one character not in it. Matching is case-sensitive and covers the whole name. A name part may hold only the
/// characters of function names (letters, digits, `-`, `_`) besides the wildcards; an account part digits; a
/// region part lower-case letters, digits and `-`, and a region without wildcards must be a known region.
public struct FunctionPattern: Hashable, Sendable, CustomStringConvertible {
    /// Why a pattern was not accepted.
    public struct Problem: Error, Hashable, Sendable {
        /// A phrase such as `unclosed '[' in the name`.
        public var reason: String
    }

    /// The pattern as written.
    public let text: String
    /// `nil`: any account / any region.
    let account: Glob?
    let region: Glob?
    let name: Glob

    public init(parsing text: String, knownRegions: Set<String> = ReportConfiguration.defaultKnownRegions) throws(Problem) {
        self.text = text
        guard !text.isEmpty else { throw Problem(reason: "the pattern is empty") }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1:
            account = nil
            region = nil
            name = try Glob(parsing: parts[0], part: "name", allowed: Self.isNameByte)
        case 3:
            for (part, label) in zip(parts, ["account", "region", "name"]) where part.isEmpty {
                throw Problem(reason: "the \(label) is empty")
            }
            let account = try Glob(parsing: parts[0], part: "account", allowed: { $0 >= 0x30 && $0 <= 0x39 })
            if account.isLiteral, parts[0].utf8.count != 12 {
                throw Problem(reason: "the account must be 12 digits or a wildcard pattern such as *")
            }
            let region = try Glob(parsing: parts[1], part: "region", allowed: Self.isRegionByte)
            if region.isLiteral, !knownRegions.contains(parts[1]) {
                throw Problem(reason: ReportConfiguration.unknownRegionMessage(parts[1], knownRegions: knownRegions))
            }
            self.account = account
            self.region = region
            name = try Glob(parsing: parts[2], part: "name", allowed: Self.isNameByte)
        default:
            throw Problem(reason: "expected a function name or account/region/name, found \(parts.count) parts separated by '/'")
        }
    }

    public func matches(_ function: FunctionIdentity) -> Bool {
        (account?.matches(function.accountID) ?? true) && (region?.matches(function.region) ?? true) && name.matches(function.name)
    }

    public var description: String { text }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.text == rhs.text }
    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    static func isRegionByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "-")
    }
}

/// A shell-style glob over ASCII text: `*`, `?`, `[set]`, `[!set]`, ranges `a-z` inside sets.
struct Glob: Hashable, Sendable {
    enum Token: Hashable, Sendable {
        case byte(UInt8)
        case any  // *
        case one  // ?
        case set(ranges: [ClosedRange<UInt8>], negated: Bool)
    }

    let tokens: [Token]

    /// Whether the glob has no wildcard (it matches only its own text).
    var isLiteral: Bool {
        tokens.allSatisfy { if case .byte = $0 { true } else { false } }
    }

    /// Parses `text`, whose characters other than the wildcards must satisfy `allowed` (`part` names the part
    /// for messages).
    init(parsing text: String, part: String, allowed: (UInt8) -> Bool) throws(FunctionPattern.Problem) {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var index = 0
        func check(_ byte: UInt8) throws(FunctionPattern.Problem) {
            guard allowed(byte) else {
                let character = String(decoding: bytes[index...], as: UTF8.self).first.map(String.init) ?? ""
                throw FunctionPattern.Problem(reason: "'\(character)' cannot appear in the \(part); \(Self.allowedPhrase(part))")
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "*"):
                if tokens.last != .any { tokens.append(.any) }
                index += 1
            case UInt8(ascii: "?"):
                tokens.append(.one)
                index += 1
            case UInt8(ascii: "["):
                var cursor = index + 1
                var negated = false
                if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "!") || bytes[cursor] == UInt8(ascii: "^") {
                    negated = true
                    cursor += 1
                }
                var ranges: [ClosedRange<UInt8>] = []
                while cursor < bytes.count, bytes[cursor] != UInt8(ascii: "]") {
                    let low = bytes[cursor]
                    index = cursor
                    try check(low)
                    if cursor + 2 < bytes.count, bytes[cursor + 1] == UInt8(ascii: "-"), bytes[cursor + 2] != UInt8(ascii: "]") {
                        let high = bytes[cursor + 2]
                        index = cursor + 2
                        try check(high)
                        guard low <= high else {
                            throw FunctionPattern.Problem(reason: "the range '\(UnicodeScalar(low))-\(UnicodeScalar(high))' in the \(part) is reversed")
                        }
                        ranges.append(low...high)
                        cursor += 3
                    } else {
                        ranges.append(low...low)
                        cursor += 1
                    }
                }
                guard cursor < bytes.count else { throw FunctionPattern.Problem(reason: "unclosed '[' in the \(part)") }
                guard !ranges.isEmpty else { throw FunctionPattern.Problem(reason: "empty '[]' in the \(part)") }
                tokens.append(.set(ranges: ranges, negated: negated))
                index = cursor + 1
            default:
                try check(byte)
                tokens.append(.byte(byte))
                index += 1
            }
        }
        self.tokens = tokens
    }

    static func allowedPhrase(_ part: String) -> String {
        switch part {
        case "account": "an account is 12 digits, or a pattern of digits and the wildcards *, ? and [...]"
        case "region": "a region is lower-case letters, digits and '-', with the wildcards *, ? and [...]"
        default: "a function name is letters, digits, '-' and '_', with the wildcards *, ? and [...]"
        }
    }

    /// Whole-text match, backtracking only to the last `*`.
    func matches(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var tokenIndex = 0
        var byteIndex = 0
        var star: (token: Int, byte: Int)?
        while byteIndex < bytes.count {
            if tokenIndex < tokens.count {
                switch tokens[tokenIndex] {
                case .any:
                    star = (tokenIndex, byteIndex)
                    tokenIndex += 1
                    continue
                case .one:
                    tokenIndex += 1
                    byteIndex += 1
                    continue
                case .byte(let expected) where expected == bytes[byteIndex]:
                    tokenIndex += 1
                    byteIndex += 1
                    continue
                case .set(let ranges, let negated) where ranges.contains { $0.contains(bytes[byteIndex]) } != negated:
                    tokenIndex += 1
                    byteIndex += 1
                    continue
                default:
                    break
                }
            }
            guard let last = star else { return false }
            tokenIndex = last.token + 1
            byteIndex = last.byte + 1
            star = (last.token, last.byte + 1)
        }
        while tokenIndex < tokens.count, tokens[tokenIndex] == .any { tokenIndex += 1 }
        return tokenIndex == tokens.count
    }
}

/// Hides credentials in repository URLs before they are printed: the user information of a URL
/// (`https://user:token@host/…`, `https://token@host/…`) becomes `***`. A user name alone in an ssh URL
/// (`ssh://git@host/…`) and the scp-like form (`git@host:owner/repo`) hold no secret and stay as they are.
public enum CredentialRedaction {
    public static func redact(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let separator = rest.range(of: "://") {
            let schemeName = String(rest[..<separator.lowerBound].reversed()
                .prefix { $0.isLetter || $0.isNumber || "+.-".contains($0) }.reversed()).lowercased()
            result += rest[..<separator.upperBound]
            rest = rest[separator.upperBound...]
            // The authority ends at the first '/', whitespace or quote; its user information at the last '@' in it.
            let authority = rest.prefix { !"/ \t\n\r'\"<>".contains($0) }
            if let at = authority.lastIndex(of: "@") {
                let userInformation = authority[..<at]
                if userInformation.contains(":") || !schemeName.contains("ssh") {
                    result += "***"
                    rest = rest[at...]
                }
            }
        }
        return result + rest
    }
}

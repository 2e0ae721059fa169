/// Why the server configuration could not be built; the description is the message printed before exiting.
package enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// A value that does not parse or is out of range.
    case invalidValue(setting: SettingKey, value: String, origin: SettingOrigin, expected: String)
    /// The `--config-file` could not be read.
    case unreadableConfigFile(path: String, reason: String)
    /// The `--config-file` is not a YAML mapping of etcd flag names to values.
    case malformedConfigFile(path: String, reason: String)

    package var description: String {
        switch self {
        case .invalidValue(let setting, let value, let origin, let expected):
            "invalid value \"\(value)\" for \(setting.flag) (from \(origin)): \(expected)"
        case .unreadableConfigFile(let path, let reason):
            "cannot read config file \(path): \(reason)"
        case .malformedConfigFile(let path, let reason):
            "invalid config file \(path): \(reason)"
        }
    }
}

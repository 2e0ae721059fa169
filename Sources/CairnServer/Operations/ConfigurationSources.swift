import Yams

/// Reads the two non-flag sources of settings into raw text values keyed by setting.
package enum ConfigurationSources {
    /// The environment prefixes, strongest first: `CAIRN_DATA_DIR` wins over `ETCD_DATA_DIR`.
    package static let environmentPrefixes = ["CAIRN_", "ETCD_"]

    /// Settings found in the environment, the `ETCD_*`/`CAIRN_*` variables naming an etcd flag that is accepted
    /// but ignored (``SettingKey/ignoredForCompatibility``), and those that match nothing.
    package static func environmentSettings(
        _ environment: [String: String]
    ) -> (settings: [SettingKey: RawSetting], ignored: [String], unrecognized: [String]) {
        var settings: [SettingKey: RawSetting] = [:]
        var ignored: [String] = []
        var unrecognized: [String] = []
        let ignoredSuffixes = Set(SettingKey.ignoredForCompatibility.map(SettingKey.environmentSuffix(of:)))
        for prefix in environmentPrefixes.reversed() {
            for (variable, value) in environment where variable.hasPrefix(prefix) {
                let suffix = String(variable.dropFirst(prefix.count))
                if let key = settingKey(environmentSuffix: suffix) {
                    settings[key] = RawSetting(value: value, origin: .environment(variable: variable))
                } else if ignoredSuffixes.contains(suffix) {
                    ignored.append(variable)
                } else {
                    unrecognized.append(variable)
                }
            }
        }
        return (settings, ignored.sorted(), unrecognized.sorted())
    }

    private static func settingKey(environmentSuffix suffix: String) -> SettingKey? {
        if suffix == SettingKey.environmentSuffix(of: SettingKey.experimentalWatchProgressNotifyInterval) {
            return .watchProgressNotifyInterval
        }
        return SettingKey.allCases.first { SettingKey.environmentSuffix(of: $0.rawValue) == suffix }
    }

    /// Settings from a YAML config file with etcd's keys (`name:`, `data-dir:`, `listen-client-urls:` …).
    ///
    /// Scalars are taken as text; a sequence (a list of URLs) is joined with commas. As in etcd, whose YAML
    /// loader decodes durations as integers of nanoseconds, a bare integer progress interval counts nanoseconds.
    /// Also returns the compatibility-only keys and the keys that match nothing, so they can be reported.
    package static func configFileSettings(
        yaml: String,
        path: String
    ) throws(ConfigurationError) -> (settings: [SettingKey: RawSetting], ignoredKeys: [String], unknownKeys: [String]) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw .malformedConfigFile(path: path, reason: "\(error)")
        }
        guard let root else { return ([:], [], []) }
        guard let mapping = root.mapping else {
            throw .malformedConfigFile(path: path, reason: "expected a mapping of flag names to values")
        }
        var settings: [SettingKey: RawSetting] = [:]
        var ignoredKeys: [String] = []
        var unknownKeys: [String] = []
        for (keyNode, valueNode) in mapping {
            guard let keyName = keyNode.string else {
                throw .malformedConfigFile(path: path, reason: "keys must be flag names")
            }
            if SettingKey.ignoredForCompatibility.contains(keyName) {
                ignoredKeys.append(keyName)
                continue
            }
            guard let key = SettingKey(name: keyName), key != .configFile else {
                unknownKeys.append(keyName)
                continue
            }
            guard var text = try scalarText(valueNode, key: keyName, path: path) else { continue }
            if key == .watchProgressNotifyInterval, Int64(text) != nil, text != "0" {
                text += "ns"
            }
            settings[key] = RawSetting(value: text, origin: .configFile(path: path))
        }
        return (settings, ignoredKeys.sorted(), unknownKeys.sorted())
    }

    /// A scalar's text, a sequence's items joined by commas, or nil for an explicit YAML null.
    private static func scalarText(_ node: Node, key: String, path: String) throws(ConfigurationError) -> String? {
        switch node {
        case .scalar(let scalar):
            return node.null != nil ? nil : scalar.string
        case .sequence(let sequence):
            var items: [String] = []
            for item in sequence {
                guard let text = item.string else {
                    throw .malformedConfigFile(path: path, reason: "\(key): list items must be plain values")
                }
                items.append(text)
            }
            return items.joined(separator: ",")
        default:
            throw .malformedConfigFile(path: path, reason: "\(key): expected a value or a list of values")
        }
    }
}

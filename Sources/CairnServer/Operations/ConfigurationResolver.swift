import Foundation

/// The effective configuration plus what the operator should be told about how it was found.
package struct ConfigurationResolution: Sendable {
    package var configuration: ServerConfiguration
    /// Warnings for the start-up log: environment variables shadowed by flags, unrecognised `ETCD_*`/`CAIRN_*`
    /// variables and unknown config-file keys (etcd logs the same things).
    package var notices: [String]
}

/// Layers the configuration sources: command-line flags > environment (`CAIRN_*` > `ETCD_*`) > YAML config
/// file > defaults, then parses and validates every value.
package enum ConfigurationResolver {
    /// Reads a config file as UTF-8 text.
    package static func readTextFile(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    /// - Parameters:
    ///   - flags: values given on the command line, as text.
    ///   - ignoredFlags: compatibility-only flags given on the command line (``SettingKey/ignoredForCompatibility``).
    ///   - environment: the process environment.
    ///   - readFile: how the `--config-file` is read (injectable for tests).
    package static func resolve(
        flags: [SettingKey: String],
        ignoredFlags: [String] = [],
        environment: [String: String],
        readFile: (String) throws -> String = readTextFile
    ) throws(ConfigurationError) -> ConfigurationResolution {
        var notices = ignoredFlags.map { SettingKey.ignoredNotice("--" + $0) }
        let fromEnvironment = ConfigurationSources.environmentSettings(environment)
        notices += fromEnvironment.ignored.map { SettingKey.ignoredNotice("environment variable " + $0) }
        notices += fromEnvironment.unrecognized.map { "unrecognized environment variable \($0)" }
        for (key, raw) in fromEnvironment.settings.sorted(by: { $0.key.rawValue < $1.key.rawValue })
        where flags[key] != nil {
            if case .environment(let variable) = raw.origin {
                notices.append(
                    "recognized environment variable \(variable), but unused: shadowed by corresponding flag")
            }
        }

        var layered: [SettingKey: RawSetting] = [:]
        let configFile =
            flags[.configFile].map { RawSetting(value: $0, origin: .commandLine) }
            ?? fromEnvironment.settings[.configFile]
        if let configFile, !configFile.value.isEmpty {
            let text: String
            do {
                text = try readFile(configFile.value)
            } catch {
                throw .unreadableConfigFile(path: configFile.value, reason: "\(error)")
            }
            let fromFile = try ConfigurationSources.configFileSettings(yaml: text, path: configFile.value)
            notices += fromFile.ignoredKeys.map {
                SettingKey.ignoredNotice("\"\($0)\" in config file \(configFile.value)")
            }
            notices += fromFile.unknownKeys.map { "ignoring unknown key \"\($0)\" in config file \(configFile.value)" }
            layered.merge(fromFile.settings) { _, new in new }
        }
        layered.merge(fromEnvironment.settings) { _, new in new }
        layered.merge(flags.mapValues { RawSetting(value: $0, origin: .commandLine) }) { _, new in new }

        let configuration = try SettingParser(raw: layered).configuration()
        return ConfigurationResolution(configuration: configuration, notices: notices)
    }
}

/// Turns layered raw text into typed, validated settings, naming the offending setting and its source on error.
private struct SettingParser {
    let raw: [SettingKey: RawSetting]

    func configuration() throws(ConfigurationError) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.name = raw[.name]?.value ?? configuration.name
        configuration.dataDir = raw[.dataDir]?.value ?? "\(configuration.name).cairn"
        if configuration.dataDir.isEmpty { configuration.dataDir = "\(configuration.name).cairn" }
        configuration.backend = try backend()
        configuration.listenClientURLs =
            try urls(.listenClientURLs, allowEmpty: false) ?? configuration.listenClientURLs
        configuration.advertiseClientURLs =
            try urls(.advertiseClientURLs, allowEmpty: false) ?? configuration.listenClientURLs
        configuration.listenMetricsURLs = try urls(.listenMetricsURLs, allowEmpty: true) ?? []
        configuration.maxRequestBytes = try integer(.maxRequestBytes, in: 1...Int(Int32.max)) ?? 1_572_864
        configuration.maxTxnOps = try integer(.maxTxnOps, in: 1...Int(Int32.max)) ?? 128
        configuration.maxConcurrentStreams =
            try integer(.maxConcurrentStreams, in: 1...Int(UInt32.max)).map(UInt32.init) ?? UInt32.max
        let connections = try integer(.maxConnections, in: 0...Int(Int32.max)) ?? 0
        configuration.maxConnections = connections == 0 ? Int.max : connections
        let watchers = try integer(.maxWatchersPerStream, in: 0...Int(Int32.max)) ?? 0
        configuration.maxWatchersPerStream = watchers == 0 ? Int.max : watchers
        let quota = try integer(.quotaBackendBytes, in: 0...Int(Int64.max)) ?? 0
        configuration.quotaBackendBytes = quota == 0 ? ServerConfiguration.defaultQuotaBackendBytes : Int64(quota)
        configuration.autoCompaction = try autoCompaction()
        configuration.snapshotCount = try integer(.snapshotCount, in: 1...Int.max).map(UInt64.init) ?? 10_000
        configuration.logLevel = try choice(.logLevel, ServerLogLevel.self) ?? .info
        configuration.logFormat = try choice(.logFormat, LogFormat.self) ?? .json
        configuration.unsafeNoFsync = try boolean(.unsafeNoFsync) ?? false
        configuration.watchProgressNotifyInterval = try duration(.watchProgressNotifyInterval) ?? .seconds(600)
        configuration.configFile = raw[.configFile].map(\.value).flatMap { $0.isEmpty ? nil : $0 }
        return configuration
    }

    private func invalid(_ key: SettingKey, _ expected: String) -> ConfigurationError {
        let setting = raw[key] ?? RawSetting(value: "", origin: .defaultValue)
        return .invalidValue(setting: key, value: setting.value, origin: setting.origin, expected: expected)
    }

    private func urls(_ key: SettingKey, allowEmpty: Bool) throws(ConfigurationError) -> [ClientURL]? {
        guard let text = raw[key]?.value else { return nil }
        switch ClientURL.parseList(text) {
        case .success(let urls):
            if urls.isEmpty && !allowEmpty { throw invalid(key, "expected at least one URL such as http://host:2379") }
            if key != .advertiseClientURLs, urls.contains(where: \.isTLS) {
                throw invalid(key, "https needs client TLS certificates, which cairnd does not support; use http")
            }
            return urls
        case .failure(let problem):
            throw invalid(key, problem.reason)
        }
    }

    private func integer(_ key: SettingKey, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let text = raw[key]?.value.trimmingWhitespace() else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw invalid(key, "expected an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: SettingKey,
        _ type: Choice.Type
    ) throws(ConfigurationError) -> Choice? where Choice.RawValue == String {
        guard let text = raw[key]?.value else { return nil }
        guard let value = Choice(rawValue: text.lowercased()) else {
            throw invalid(key, "expected one of " + Choice.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }

    /// Go's `strconv.ParseBool` spellings.
    private func boolean(_ key: SettingKey) throws(ConfigurationError) -> Bool? {
        guard let text = raw[key]?.value else { return nil }
        switch text {
        case "1", "t", "T", "true", "TRUE", "True": return true
        case "0", "f", "F", "false", "FALSE", "False": return false
        default: throw invalid(key, "expected true or false")
        }
    }

    private func duration(_ key: SettingKey) throws(ConfigurationError) -> Duration? {
        guard let text = raw[key]?.value else { return nil }
        guard let value = GoDuration.parse(text), value > .zero else {
            throw invalid(key, "expected a positive duration such as 10m, 30s or 1h")
        }
        return value
    }

    /// `--backend`: empty or `embedded` for the embedded store, else a PostgreSQL URL (checked in full when the
    /// backend opens).
    private func backend() throws(ConfigurationError) -> String? {
        guard let text = raw[.backend]?.value.trimmingWhitespace(), !text.isEmpty, text != "embedded" else {
            return nil
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            throw invalid(.backend, "expected embedded or a URL such as postgres://user@host:5432/database")
        }
        return text
    }

    private func autoCompaction() throws(ConfigurationError) -> AutoCompaction {
        let mode = try choice(.autoCompactionMode, AutoCompaction.Mode.self) ?? .periodic
        guard let retention = raw[.autoCompactionRetention]?.value else { return .off }
        guard let policy = AutoCompaction.parse(mode: mode, retention: retention) else {
            switch mode {
            case .periodic:
                throw invalid(.autoCompactionRetention, "expected hours (\"1\") or a duration (\"1h\", \"5m\")")
            case .revision:
                throw invalid(.autoCompactionRetention, "expected a number of revisions")
            }
        }
        return policy
    }
}

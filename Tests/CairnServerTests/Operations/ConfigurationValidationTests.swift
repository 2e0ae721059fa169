import Testing

@testable import CairnServer

@Suite struct ConfigurationValidationTests {
    private struct MissingFile: Error, CustomStringConvertible {
        var description: String { "missing" }
    }

    private func error(
        flags: [SettingKey: String] = [:],
        environment: [String: String] = [:],
        file: String? = nil
    ) -> ConfigurationError? {
        do {
            _ = try ConfigurationResolver.resolve(flags: flags, environment: environment) { path in
                guard let file else { throw MissingFile() }
                return file
            }
            return nil
        } catch {
            return error
        }
    }

    @Test func invalidNumberNamesFlagValueAndSource() {
        let failure = error(environment: ["ETCD_MAX_TXN_OPS": "many"])
        #expect(
            failure?.description
                == "invalid value \"many\" for --max-txn-ops (from environment variable ETCD_MAX_TXN_OPS): "
                + "expected an integer from 1 to 2147483647"
        )
    }

    @Test(arguments: [
        (SettingKey.maxRequestBytes, "0"),
        (.maxTxnOps, "-1"),
        (.maxConcurrentStreams, "4294967296"),
        (.maxConnections, "-1"),
        (.maxWatchersPerStream, "x"),
        (.quotaBackendBytes, "-5"),
        (.snapshotCount, "x"),
        (.logLevel, "verbose"),
        (.logFormat, "xml"),
        (.unsafeNoFsync, "yes"),
        (.watchProgressNotifyInterval, "10 minutes"),
        (.watchProgressNotifyInterval, "0"),
        (.autoCompactionMode, "hourly"),
        (.autoCompactionRetention, "soon"),
        (.listenClientURLs, "localhost:2379"),
        (.listenClientURLs, "http://localhost:99999"),
        (.listenClientURLs, "http://localhost:2379/path"),
        (.listenClientURLs, "https://localhost:2379"),
        (.listenClientURLs, ""),
        (.advertiseClientURLs, "ftp://x:1"),
        (.listenMetricsURLs, "http://:9000"),
    ])
    func rejectsInvalidValue(setting: SettingKey, value: String) {
        guard case .invalidValue(let reported, let reportedValue, let origin, _) = error(flags: [setting: value]) else {
            Issue.record("\(setting.flag)=\(value) was accepted")
            return
        }
        #expect(reported == setting)
        #expect(reportedValue == value)
        #expect(origin == .commandLine)
    }

    @Test func revisionRetentionMustBeACount() {
        let failure = error(flags: [.autoCompactionMode: "revision", .autoCompactionRetention: "1h"])
        #expect(failure?.description.contains("expected a number of revisions") == true)
    }

    @Test func configFileProblemsAreReported() {
        #expect(error(flags: [.configFile: "/none"]) == .unreadableConfigFile(path: "/none", reason: "missing"))
        guard case .malformedConfigFile(let path, _) = error(flags: [.configFile: "/c"], file: "- a\n- b\n") else {
            Issue.record("a YAML list was accepted as a config file")
            return
        }
        #expect(path == "/c")
        guard case .malformedConfigFile = error(flags: [.configFile: "/c"], file: "name: [unclosed\n") else {
            Issue.record("invalid YAML was accepted")
            return
        }
        guard case .invalidValue(_, _, let origin, _) = error(flags: [.configFile: "/c"], file: "max-txn-ops: lots\n")
        else {
            Issue.record("an invalid config-file value was accepted")
            return
        }
        #expect(origin == .configFile(path: "/c"))
    }

    @Test func emptyConfigFileKeepsDefaults() throws {
        let resolution = try ConfigurationResolver.resolve(flags: [.configFile: "/c"], environment: [:]) { _ in "" }
        #expect(resolution.configuration.name == "default")
    }

    @Test func goDurations() {
        #expect(GoDuration.parse("10m") == .seconds(600))
        #expect(GoDuration.parse("1h30m") == .seconds(5400))
        #expect(GoDuration.parse("1.5s") == .milliseconds(1500))
        #expect(GoDuration.parse("250ms") == .milliseconds(250))
        #expect(GoDuration.parse("0") == .zero)
        #expect(GoDuration.parse("10") == nil)
        #expect(GoDuration.parse("") == nil)
        #expect(GoDuration.parse("5d") == nil)
        #expect(GoDuration.format(.seconds(600)) == "10m0s")
        #expect(GoDuration.format(.seconds(3600)) == "1h0m0s")
        #expect(GoDuration.format(.milliseconds(500)) == "500ms")
        #expect(GoDuration.format(.seconds(5)) == "5s")
    }

    @Test func loopbackDetection() throws {
        let loopback = ["http://localhost:1", "http://127.0.0.1:1", "http://127.1.2.3:1", "http://[::1]:1"]
        let exposed = ["http://0.0.0.0:1", "http://[::]:1", "http://10.0.0.5:1", "http://example.com:1"]
        for text in loopback { #expect(try ClientURL.parse(text).get().isLoopback, "\(text)") }
        for text in exposed { #expect(try !ClientURL.parse(text).get().isLoopback, "\(text)") }
    }
}

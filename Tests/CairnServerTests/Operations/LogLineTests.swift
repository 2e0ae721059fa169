import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

@testable import CairnServer

@Suite struct LogLineTests {
    /// Collects emitted lines.
    private final class Capture: Sendable {
        let lines = NIOLockedValueBox([String]())
        var sink: LogSink { LogSink { line in self.lines.withLockedValue { $0.append(line) } } }
    }

    private static let fixedTime = LogTimestamp(secondsSinceEpoch: 1_795_725_258, nanoseconds: 123_456_789)

    private func logger(_ capture: Capture, format: LogFormat = .json, level: Logger.Level = .info) -> Logger {
        Logger(label: "test") { _ in
            EtcdLogHandler(format: format, level: level, sink: capture.sink, clock: { Self.fixedTime })
        }
    }

    @Test func jsonLineHasEtcdFieldNamesInOrder() throws {
        let capture = Capture()
        logger(capture).info("starting \"x\"\n", metadata: ["data-dir": "default.cairn", "urls": ["a", "b"]])
        let line = try #require(capture.lines.withLockedValue { $0 }.first)
        #expect(
            line.hasPrefix(
                #"{"level":"info","ts":"2026-11-26T20:34:18.123Z","caller":"CairnServerTests/LogLineTests.swift:"#))
        let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["msg"] as? String == "starting \"x\"\n")
        #expect(object["data-dir"] as? String == "default.cairn")
        #expect(object["urls"] as? [String] == ["a", "b"])
        #expect(!line.contains("\n"))
    }

    @Test func levelsUseZapNamesAndFilter() {
        let capture = Capture()
        let log = logger(capture, level: .warning)
        log.info("dropped")
        log.warning("kept")
        log.error("kept too")
        log.critical("fatal one")
        let levels = capture.lines.withLockedValue { $0 }.map { $0.split(separator: ",")[0] }
        #expect(levels == [#"{"level":"warn""#, #"{"level":"error""#, #"{"level":"fatal""#])
    }

    @Test func consoleFormatIsTabSeparated() throws {
        let capture = Capture()
        logger(capture, format: .console).warning("careful", metadata: ["address": "http://0.0.0.0:2379"])
        let line = try #require(capture.lines.withLockedValue { $0 }.first)
        let columns = line.split(separator: "\t").map(String.init)
        #expect(columns.count == 5)
        #expect(columns[0] == "2026-11-26T20:34:18.123Z")
        #expect(columns[1] == "WARN")
        #expect(columns[3] == "careful")
        #expect(columns[4] == #"{"address":"http://0.0.0.0:2379"}"#)
    }

    @Test func configuredLevelsMapToLoggerLevels() {
        #expect(ServerLogLevel.debug.loggerLevel == .debug)
        #expect(ServerLogLevel.warn.loggerLevel == .warning)
        #expect(ServerLogLevel.fatal.loggerLevel == .critical)
    }

    @Test func startupLogWarnsOnlyForExposedPlainHTTP() {
        var configuration = ServerConfiguration()
        configuration.listenClientURLs = [
            ClientURL(scheme: "http", host: "127.0.0.1", port: 2379),
            ClientURL(scheme: "http", host: "0.0.0.0", port: 2479),
        ]
        configuration.listenMetricsURLs = [ClientURL(scheme: "http", host: "10.1.2.3", port: 2381)]
        let entries = StartupLog(configuration: configuration, notices: ["a notice"]).entries
        #expect(entries.first?.message == "starting a cairn server")
        #expect(entries.first?.metadata["data-dir"] == "default.cairn")
        let warnings = entries.filter { $0.level == .warning }
        #expect(warnings.map(\.message) == ["a notice", StartupLog.insecureWarning, StartupLog.insecureWarning])
        #expect(warnings.dropFirst().map { $0.metadata["address"] } == ["http://0.0.0.0:2479", "http://10.1.2.3:2381"])
    }
}

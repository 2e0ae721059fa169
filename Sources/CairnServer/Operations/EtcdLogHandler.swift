import Logging

/// A swift-log handler printing etcd-style (zap) lines: by default one JSON object per line with `level`, `ts`,
/// `caller`, `msg` and then the metadata fields; with ``LogFormat/console`` tab-separated text for humans.
package struct EtcdLogHandler: LogHandler {
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?
    package var logLevel: Logger.Level
    private let format: LogFormat
    private let includeCaller: Bool
    private let sink: LogSink
    private let clock: @Sendable () -> LogTimestamp

    package init(
        format: LogFormat,
        level: Logger.Level,
        includeCaller: Bool = true,
        sink: LogSink = .standardError,
        clock: @escaping @Sendable () -> LogTimestamp = LogTimestamp.now
    ) {
        self.format = format
        self.logLevel = level
        self.includeCaller = includeCaller
        self.sink = sink
        self.clock = clock
    }

    /// Installs this handler as the process-wide logging backend for the configured level and format.
    /// swift-log allows this once per process, so only `cairnd` calls it.
    package static func bootstrap(_ configuration: ServerConfiguration, sink: LogSink = .standardError) {
        LoggingSystem.bootstrap { _ in
            EtcdLogHandler(format: configuration.logFormat, level: configuration.logLevel.loggerLevel, sink: sink)
        }
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var fields = metadata
        if let provided = metadataProvider?.get() { fields.merge(provided) { _, new in new } }
        if let eventMetadata = event.metadata { fields.merge(eventMetadata) { _, new in new } }
        if let error = event.error { fields["error"] = "\(error)" }
        let line = EtcdLogLine(
            level: event.level,
            timestamp: clock(),
            caller: includeCaller ? Self.caller(file: event.file, line: event.line) : nil,
            message: event.message.description,
            fields: fields
        )
        sink.emit(format == .json ? line.json : line.console)
    }

    /// zap's short caller: `Module/File.swift:42`. swift-log passes `#fileID`; a full path is cut to its last
    /// two components.
    static func caller(file: String, line: UInt) -> String {
        let components = file.split(separator: "/")
        return components.suffix(2).joined(separator: "/") + ":\(line)"
    }
}

extension ServerLogLevel {
    /// The swift-log level this etcd level filters at; `panic` and `fatal` keep only critical messages.
    package var loggerLevel: Logger.Level {
        switch self {
        case .debug: .debug
        case .info: .info
        case .warn: .warning
        case .error: .error
        case .panic, .fatal: .critical
        }
    }
}

/// Where a setting's effective value came from; named in error messages so an operator knows what to fix.
package enum SettingOrigin: Sendable, Equatable, CustomStringConvertible {
    case defaultValue
    case configFile(path: String)
    case environment(variable: String)
    case commandLine

    package var description: String {
        switch self {
        case .defaultValue: "default"
        case .configFile(let path): "config file \(path)"
        case .environment(let variable): "environment variable \(variable)"
        case .commandLine: "command line"
        }
    }
}

/// A setting's textual value before parsing, with its origin.
package struct RawSetting: Sendable, Equatable {
    package var value: String
    package var origin: SettingOrigin

    package init(value: String, origin: SettingOrigin) {
        self.value = value
        self.origin = origin
    }
}

/// Something that makes `/health` answer 503, as decided by the server's health closure.
package struct HealthProblem: Sendable, Equatable {
    /// The name `?exclude=` refers to, e.g. `NOSPACE` for the quota alarm (etcd's alarm names).
    package var name: String
    /// The `reason` shown in the body, e.g. `ALARM NOSPACE` (etcd's wording for an active alarm).
    package var reason: String

    package init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }

    /// The storage's database cannot be reached (a backend shared through PostgreSQL); `detail` says why.
    package static func storageUnavailable(_ detail: String) -> HealthProblem {
        HealthProblem(name: "STORAGE", reason: "STORAGE UNAVAILABLE: \(detail)")
    }

    /// An active etcd alarm such as `NOSPACE` or `CORRUPT`, reported as etcd does: `ALARM NOSPACE`.
    package static func alarm(_ alarmName: String) -> HealthProblem {
        HealthProblem(name: alarmName, reason: "ALARM \(alarmName)")
    }
}

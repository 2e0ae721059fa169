import CairnWire

/// Turns responses into the exact bytes etcdctl 3.4 prints for the chosen `-w` format. Each method
/// returns what goes to stdout (raw bytes: keys and values are printed unaltered in the simple
/// format); formats a command does not support throw etcdctl's error.
package struct ResponsePrinter: Sendable {
    package var format: OutputFormat
    /// `--hex`: keys and values as `\xNN` escapes in the simple format.
    package var hex: Bool
    /// `get --print-value-only`: only value lines in the simple format.
    package var valueOnly: Bool

    package init(format: OutputFormat, hex: Bool = false, valueOnly: Bool = false) {
        self.format = format
        self.hex = hex
        self.valueOnly = valueOnly
    }

    package func get(_ response: RangeResponse) throws(CLIError) -> [UInt8] {
        switch format {
        case .simple: return response.kvs.flatMap(simpleKV)
        case .json: return line(WireJSON.range(response))
        case .fields: return Array(FieldsText.range(response).utf8)
        case .table: throw .unsupported(format)
        }
    }

    package func put(_ response: PutResponse) throws(CLIError) -> [UInt8] {
        switch format {
        case .simple: return Array("OK\n".utf8) + (response.prevKv.map(simpleKV) ?? [])
        case .json: return line(WireJSON.put(response))
        case .fields: return Array(FieldsText.put(response).utf8)
        case .table: throw .unsupported(format)
        }
    }

    package func delete(_ response: DeleteRangeResponse) throws(CLIError) -> [UInt8] {
        switch format {
        case .simple: return Array("\(response.deleted)\n".utf8) + response.prevKvs.flatMap(simpleKV)
        case .json: return line(WireJSON.deleteRange(response))
        case .fields: return Array(FieldsText.deleteRange(response).utf8)
        case .table: throw .unsupported(format)
        }
    }

    package func txn(_ response: TxnResponse) throws(CLIError) -> [UInt8] {
        switch format {
        case .simple:
            var out = Array((response.succeeded ? "SUCCESS\n" : "FAILURE\n").utf8)
            for op in response.responses {
                out += Array("\n".utf8)
                switch op.response {
                case .range(let range): out += try get(range)
                case .put(let put): out += try self.put(put)
                case .deleteRange(let delete): out += try self.delete(delete)
                case .txn, nil: out += Array("unexpected response \(op)\n".utf8)
                }
            }
            return out
        case .json: return line(WireJSON.txn(response))
        case .fields: return Array(FieldsText.txn(response).utf8)
        case .table: throw .unsupported(format)
        }
    }

    package func watch(_ response: WatchResponse) throws(CLIError) -> [UInt8] {
        switch format {
        case .simple:
            var out: [UInt8] = []
            for event in response.events {
                out += Array((FieldsText.eventTypeName(event.type) + "\n").utf8)
                if let prev = event.prevKv { out += simpleKV(prev) }
                out += simpleKV(event.kv ?? KeyValue())
            }
            return out
        case .json: return line(WireJSON.watch(response))
        case .fields: return Array(FieldsText.watch(response).utf8)
        case .table: throw .unsupported(format)
        }
    }

    package func leaseGrant(_ response: LeaseGrantResponse) throws(CLIError) -> [UInt8] {
        switch format {
        case .simple: return text("lease \(HexText.id16(response.id)) granted with TTL(\(response.ttl)s)\n")
        case .json: return line(WireJSON.leaseGrant(response))
        case .fields: return text(FieldsText.idTTL(response.header, id: response.id, ttl: response.ttl))
        case .table: throw .unsupported(format)
        }
    }

    package func leaseRevoke(id: Int64, _ response: LeaseRevokeResponse) throws(CLIError) -> [UInt8] {
        switch format {
        case .simple: return text("lease \(HexText.id16(id)) revoked\n")
        case .json: return line(WireJSON.leaseRevoke(response))
        case .fields: return text(FieldsText.header(response.header))
        case .table: throw .unsupported(format)
        }
    }

    package func leaseKeepAlive(_ response: LeaseKeepAliveResponse) throws(CLIError) -> [UInt8] {
        switch format {
        case .simple: return text("lease \(HexText.id16(response.id)) keepalived with TTL(\(response.ttl))\n")
        case .json: return line(WireJSON.leaseKeepAlive(response))
        case .fields: return text(FieldsText.idTTL(response.header, id: response.id, ttl: response.ttl))
        case .table: throw .unsupported(format)
        }
    }

    package func leaseTimeToLive(_ response: LeaseTimeToLiveResponse, keys: Bool) throws(CLIError) -> [UInt8] {
        switch format {
        case .simple:
            let id = HexText.id16(response.id)
            if response.grantedTTL == 0 && response.ttl == -1 {
                return text("lease \(id) already expired\n")
            }
            var out = Array("lease \(id) granted with TTL(\(response.grantedTTL)s), remaining(\(response.ttl)s)".utf8)
            if keys {
                out += Array(", attached keys([".utf8)
                out += Array(response.keys.joined(separator: [UInt8(ascii: " ")]))
                out += Array("])".utf8)
            }
            return out + Array("\n".utf8)
        case .json: return line(WireJSON.leaseTimeToLive(response))
        case .fields: return text(FieldsText.leaseTimeToLive(response))
        case .table: throw .unsupported(format)
        }
    }

    package func leaseLeases(_ response: LeaseLeasesResponse) throws(CLIError) -> [UInt8] {
        switch format {
        case .simple:
            return text(
                "found \(response.leases.count) leases\n" + response.leases.map { HexText.id16($0.id) + "\n" }.joined())
        case .json: return line(WireJSON.leaseLeases(response))
        case .fields:
            return text(
                FieldsText.header(response.header) + response.leases.map { "\"ID\" : \($0.id)\n" }.joined())
        case .table: throw .unsupported(format)
        }
    }

    package func memberList(_ response: MemberListResponse) -> [UInt8] {
        let header = ["ID", "Status", "Name", "Peer Addrs", "Client Addrs", "Is Learner"]
        let rows = response.members.map { member in
            [
                String(member.id, radix: 16), member.name.isEmpty ? "unstarted" : "started", member.name,
                member.peerURLs.joined(separator: ","), member.clientURLs.joined(separator: ","),
                member.isLearner ? "true" : "false",
            ]
        }
        switch format {
        case .simple: return text(rows.map { $0.joined(separator: ", ") + "\n" }.joined())
        case .json: return line(WireJSON.memberList(response))
        case .fields: return text(FieldsText.memberList(response))
        case .table: return text(TableRenderer.render(header: header, rows: rows))
        }
    }

    package func endpointStatus(_ reports: [EndpointStatusReport]) -> [UInt8] {
        let header = [
            "endpoint", "ID", "version", "db size", "is leader", "is learner", "raft term", "raft index",
            "raft applied index", "errors",
        ]
        let rows = reports.map { report in
            let status = report.status
            let memberID = status.header?.memberID ?? 0
            return [
                report.endpoint, String(memberID, radix: 16), status.version,
                HumanBytes.format(UInt64(max(0, status.dbSize))), String(status.leader == memberID),
                String(status.isLearner), String(status.raftTerm), String(status.raftIndex),
                String(status.raftAppliedIndex), status.errors.joined(separator: ", "),
            ]
        }
        switch format {
        case .simple: return text(rows.map { $0.joined(separator: ", ") + "\n" }.joined())
        case .json: return line(WireJSON.endpointStatuses(reports))
        case .fields: return text(FieldsText.endpointStatus(reports))
        case .table: return text(TableRenderer.render(header: header, rows: rows))
        }
    }

    /// `endpoint health`; etcdctl writes the simple format to stderr, so this returns both streams.
    package func endpointHealth(_ reports: [EndpointHealthReport]) -> (stdout: [UInt8], stderr: [UInt8]) {
        switch format {
        case .simple:
            let lines = reports.map { report in
                report.error.isEmpty
                    ? "\(report.endpoint) is healthy: successfully committed proposal: took = \(report.took)\n"
                    : "\(report.endpoint) is unhealthy: failed to commit proposal: \(report.error)\n"
            }
            return ([], text(lines.joined()))
        case .json: return (line(WireJSON.endpointHealths(reports)), [])
        case .fields:
            let lines = reports.map { report in
                "\"Endpoint\" : \(GoQuote.quote(report.endpoint))\n\"Health\" : \(report.healthy)\n"
                    + "\"Took\" : \(report.took)\n\"Error\" : \(report.error)\n\n"
            }
            return (text(lines.joined()), [])
        case .table:
            let rows = reports.map { [$0.endpoint, String($0.healthy), $0.took, $0.error] }
            return (text(TableRenderer.render(header: ["endpoint", "health", "took", "error"], rows: rows)), [])
        }
    }

    package func alarm(_ response: AlarmResponse) throws(CLIError) -> [UInt8] {
        switch format {
        case .simple:
            return text(
                response.alarms.map { "memberID:\($0.memberID) alarm:\(FieldsText.alarmName($0.alarm)) \n" }.joined())
        case .json: return line(WireJSON.alarm(response))
        case .fields:
            let members = response.alarms.map {
                "\"MemberID\" : \($0.memberID)\n\"AlarmType\" : \(FieldsText.alarmName($0.alarm))\n\n"
            }
            return text(FieldsText.header(response.header) + members.joined())
        case .table: throw .unsupported(format)
        }
    }

    private func simpleKV(_ kv: KeyValue) -> [UInt8] {
        let newline = UInt8(ascii: "\n")
        let value = hex ? Array(HexText.escaped(kv.value).utf8) : kv.value
        if valueOnly { return value + [newline] }
        let key = hex ? Array(HexText.escaped(kv.key).utf8) : kv.key
        return key + [newline] + value + [newline]
    }

    private func line(_ json: GoJSON) -> [UInt8] {
        Array((json.rendered + "\n").utf8)
    }

    private func text(_ string: String) -> [UInt8] {
        Array(string.utf8)
    }
}

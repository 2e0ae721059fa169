import NIOCore
import Testing

@testable import CairnHTTP2

@Suite struct HTTP2PrefaceSnifferTests {
    @Test(arguments: [
        ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", true as Bool?),
        ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\u{4}", true),
        ("PRI * HTTP/2", nil),
        ("", nil),
        ("GET /health HTTP/1.1\r\n", false),
        ("P", nil),
        ("PRX", false),
    ])
    func classifiesFirstBytes(input: String, expected: Bool?) {
        #expect(HTTP2PrefaceSniffer.classify(ByteBuffer(string: input)) == expected)
    }
}

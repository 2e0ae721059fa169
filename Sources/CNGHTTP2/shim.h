/*
 * Cairn's view of nghttp2.
 *
 * nghttp2 1.60 added `nghttp2_ssize` variants of the receive/send/data-provider calls and deprecated the
 * `ssize_t` ones. Debian 12 ships 1.52, newer distributions 1.59-1.64. Swift code calls only the `cairn_`
 * wrappers below, which pick the right generation through NGHTTP2_VERSION_NUM, so the Swift side compiles
 * unchanged (and without deprecation warnings) on every version.
 */
#ifndef CAIRN_NGHTTP2_SHIM_H
#define CAIRN_NGHTTP2_SHIM_H

#include <nghttp2/nghttp2.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * The one data-source callback shape Swift implements. `source->ptr` of every data provider Cairn submits
 * holds this function, so the version-specific trampolines below can forward to it.
 */
typedef ssize_t (*cairn_nghttp2_read_callback)(nghttp2_session *session, int32_t stream_id, uint8_t *buf,
                                               size_t length, uint32_t *data_flags, void *user_data);

#if NGHTTP2_VERSION_NUM >= 0x013c00

static inline ssize_t cairn_nghttp2_mem_recv(nghttp2_session *session, const uint8_t *in, size_t inlen) {
    return (ssize_t)nghttp2_session_mem_recv2(session, in, inlen);
}

static inline ssize_t cairn_nghttp2_mem_send(nghttp2_session *session, const uint8_t **data) {
    return (ssize_t)nghttp2_session_mem_send2(session, data);
}

static nghttp2_ssize cairn_nghttp2_read_trampoline(nghttp2_session *session, int32_t stream_id, uint8_t *buf,
                                                   size_t length, uint32_t *data_flags,
                                                   nghttp2_data_source *source, void *user_data) {
    cairn_nghttp2_read_callback callback = (cairn_nghttp2_read_callback)source->ptr;
    return (nghttp2_ssize)callback(session, stream_id, buf, length, data_flags, user_data);
}

static inline nghttp2_data_provider2 cairn_nghttp2_provider(cairn_nghttp2_read_callback callback) {
    nghttp2_data_provider2 provider;
    provider.source.ptr = (void *)callback;
    provider.read_callback = cairn_nghttp2_read_trampoline;
    return provider;
}

static inline int cairn_nghttp2_submit_response(nghttp2_session *session, int32_t stream_id, const nghttp2_nv *nva,
                                                size_t nvlen, cairn_nghttp2_read_callback callback) {
    if (callback == NULL) {
        return nghttp2_submit_response2(session, stream_id, nva, nvlen, NULL);
    }
    nghttp2_data_provider2 provider = cairn_nghttp2_provider(callback);
    return nghttp2_submit_response2(session, stream_id, nva, nvlen, &provider);
}

static inline int32_t cairn_nghttp2_submit_request(nghttp2_session *session, const nghttp2_nv *nva, size_t nvlen,
                                                   cairn_nghttp2_read_callback callback) {
    nghttp2_data_provider2 provider = cairn_nghttp2_provider(callback);
    return nghttp2_submit_request2(session, NULL, nva, nvlen, &provider, NULL);
}

#else

static inline ssize_t cairn_nghttp2_mem_recv(nghttp2_session *session, const uint8_t *in, size_t inlen) {
    return nghttp2_session_mem_recv(session, in, inlen);
}

static inline ssize_t cairn_nghttp2_mem_send(nghttp2_session *session, const uint8_t **data) {
    return nghttp2_session_mem_send(session, data);
}

static ssize_t cairn_nghttp2_read_trampoline(nghttp2_session *session, int32_t stream_id, uint8_t *buf,
                                             size_t length, uint32_t *data_flags, nghttp2_data_source *source,
                                             void *user_data) {
    cairn_nghttp2_read_callback callback = (cairn_nghttp2_read_callback)source->ptr;
    return callback(session, stream_id, buf, length, data_flags, user_data);
}

static inline nghttp2_data_provider cairn_nghttp2_provider(cairn_nghttp2_read_callback callback) {
    nghttp2_data_provider provider;
    provider.source.ptr = (void *)callback;
    provider.read_callback = cairn_nghttp2_read_trampoline;
    return provider;
}

static inline int cairn_nghttp2_submit_response(nghttp2_session *session, int32_t stream_id, const nghttp2_nv *nva,
                                                size_t nvlen, cairn_nghttp2_read_callback callback) {
    if (callback == NULL) {
        return nghttp2_submit_response(session, stream_id, nva, nvlen, NULL);
    }
    nghttp2_data_provider provider = cairn_nghttp2_provider(callback);
    return nghttp2_submit_response(session, stream_id, nva, nvlen, &provider);
}

static inline int32_t cairn_nghttp2_submit_request(nghttp2_session *session, const nghttp2_nv *nva, size_t nvlen,
                                                   cairn_nghttp2_read_callback callback) {
    nghttp2_data_provider provider = cairn_nghttp2_provider(callback);
    return nghttp2_submit_request(session, NULL, nva, nvlen, &provider, NULL);
}

#endif

/*
 * Rapid-reset protection arrived upstream in 1.57 and was back-ported into Debian's 1.52. A weak
 * declaration lets the same source build against an unpatched older library, where the call is skipped.
 */
#if NGHTTP2_VERSION_NUM < 0x013900
extern void nghttp2_option_set_stream_reset_rate_limit(nghttp2_option *option, uint64_t burst, uint64_t rate)
    __attribute__((weak));
#endif

/* Returns 1 when the limit could be installed. */
static inline int cairn_nghttp2_option_set_stream_reset_rate_limit(nghttp2_option *option, uint64_t burst,
                                                                   uint64_t rate) {
#if NGHTTP2_VERSION_NUM < 0x013900
    if (nghttp2_option_set_stream_reset_rate_limit == NULL) {
        return 0;
    }
#endif
    nghttp2_option_set_stream_reset_rate_limit(option, burst, rate);
    return 1;
}

#endif

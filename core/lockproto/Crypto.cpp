#include "core/lockproto/Crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <memory>

namespace Keydesk::Core::Crypto {

namespace {

Error cryptoError(const char *what)
{
    return Error::make(
        QStringLiteral("crypto_failure"),
        QStringLiteral("OpenSSL failed in %1; check the OpenSSL 3 installation.").arg(QLatin1String(what)));
}

const unsigned char *data(const QByteArray &bytes)
{
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}

unsigned char *data(QByteArray &bytes)
{
    return reinterpret_cast<unsigned char *>(bytes.data());
}

struct CipherCtxDeleter
{
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
struct KdfDeleter
{
    void operator()(EVP_KDF *kdf) const { EVP_KDF_free(kdf); }
};
struct KdfCtxDeleter
{
    void operator()(EVP_KDF_CTX *ctx) const { EVP_KDF_CTX_free(ctx); }
};
struct MacDeleter
{
    void operator()(EVP_MAC *mac) const { EVP_MAC_free(mac); }
};
struct MacCtxDeleter
{
    void operator()(EVP_MAC_CTX *ctx) const { EVP_MAC_CTX_free(ctx); }
};

// Fetching an algorithm walks the provider tables; fetch once per process (the objects are thread-safe
// to share, contexts are not).
EVP_MAC *hmacAlgorithm()
{
    static const std::unique_ptr<EVP_MAC, MacDeleter> mac(EVP_MAC_fetch(nullptr, "HMAC", nullptr));
    return mac.get();
}
EVP_KDF *hkdfAlgorithm()
{
    static const std::unique_ptr<EVP_KDF, KdfDeleter> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
    return kdf.get();
}
const EVP_CIPHER *gcmAlgorithm()
{
    static const std::unique_ptr<EVP_CIPHER, decltype(&EVP_CIPHER_free)> cipher(
        EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr), &EVP_CIPHER_free);
    return cipher.get();
}

Error keySizeError(const char *what)
{
    return Error::make(QStringLiteral("bad_key"),
                       QStringLiteral("%1 needs a %2-byte key; pass the key exactly as generated.")
                           .arg(QLatin1String(what))
                           .arg(KeySize));
}

} // namespace

class SystemRandomSource final : public RandomSource
{
public:
    Result<QByteArray> bytes(int count) const override { return randomBytes(count); }
};

const RandomSource &RandomSource::system()
{
    static const SystemRandomSource source;
    return source;
}

Result<QByteArray> FixedRandomSource::bytes(int count) const
{
    if (count < 0 || m_position + count > m_bytes.size())
        return Error::make(QStringLiteral("random_exhausted"),
                           QStringLiteral("The fixed test random source ran out of bytes; give it more."));
    QByteArray out = m_bytes.mid(m_position, count);
    m_position += count;
    return out;
}

Result<QByteArray> randomBytes(int count)
{
    if (count < 0)
        return Error::make(QStringLiteral("bad_length"), QStringLiteral("A negative number of random bytes."));
    QByteArray out(count, Qt::Uninitialized);
    if (count > 0 && RAND_bytes(data(out), count) != 1)
        return cryptoError("RAND_bytes");
    return out;
}

Result<QByteArray> hkdfSha256(const QByteArray &ikm, const QByteArray &salt, const QByteArray &info, int length)
{
    if (length <= 0 || length > 255 * 32)
        return Error::make(QStringLiteral("bad_length"), QStringLiteral("HKDF-SHA256 output must be 1..8160 bytes."));
    EVP_KDF *kdf = hkdfAlgorithm();
    if (kdf == nullptr)
        return cryptoError("EVP_KDF_fetch(HKDF)");
    std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter> ctx(EVP_KDF_CTX_new(kdf));
    if (!ctx)
        return cryptoError("EVP_KDF_CTX_new");
    char digest[] = "SHA256";
    // OpenSSL reads these buffers without modifying them; its API is simply not const-correct.
    QByteArray ikmCopy = ikm, saltCopy = salt, infoCopy = info;
    OSSL_PARAM params[5];
    int n = 0;
    params[n++] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
    params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, ikmCopy.data(), size_t(ikmCopy.size()));
    if (!saltCopy.isEmpty())
        params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, saltCopy.data(), size_t(saltCopy.size()));
    if (!infoCopy.isEmpty())
        params[n++] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, infoCopy.data(), size_t(infoCopy.size()));
    params[n] = OSSL_PARAM_construct_end();
    QByteArray out(length, Qt::Uninitialized);
    const int rc = EVP_KDF_derive(ctx.get(), data(out), size_t(length), params);
    cleanse(ikmCopy);
    if (rc != 1)
        return cryptoError("EVP_KDF_derive(HKDF)");
    return out;
}

Result<QByteArray> hmacSha256(const QByteArray &key, const QByteArray &message)
{
    if (key.isEmpty())
        return keySizeError("HMAC-SHA256");
    EVP_MAC *mac = hmacAlgorithm();
    if (mac == nullptr)
        return cryptoError("EVP_MAC_fetch(HMAC)");
    std::unique_ptr<EVP_MAC_CTX, MacCtxDeleter> ctx(EVP_MAC_CTX_new(mac));
    if (!ctx)
        return cryptoError("EVP_MAC_CTX_new");
    char digest[] = "SHA256";
    OSSL_PARAM params[]
        = { OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end() };
    if (EVP_MAC_init(ctx.get(), data(key), size_t(key.size()), params) != 1)
        return cryptoError("EVP_MAC_init");
    if (!message.isEmpty() && EVP_MAC_update(ctx.get(), data(message), size_t(message.size())) != 1)
        return cryptoError("EVP_MAC_update");
    QByteArray out(HmacSize, Qt::Uninitialized);
    size_t written = 0;
    if (EVP_MAC_final(ctx.get(), data(out), &written, size_t(out.size())) != 1 || written != size_t(HmacSize))
        return cryptoError("EVP_MAC_final");
    return out;
}

Result<QByteArray> sha256(const QByteArray &message)
{
    QByteArray out(32, Qt::Uninitialized);
    unsigned int written = 0;
    if (EVP_Digest(data(message), size_t(message.size()), data(out), &written, EVP_sha256(), nullptr) != 1
        || written != 32)
        return cryptoError("EVP_Digest(SHA256)");
    return out;
}

Result<QByteArray> aes256GcmSeal(const QByteArray &key, const QByteArray &nonce, const QByteArray &plaintext,
                                 const QByteArray &associatedData)
{
    if (key.size() != KeySize)
        return keySizeError("AES-256-GCM");
    if (nonce.size() != GcmNonceSize)
        return Error::make(QStringLiteral("bad_nonce"), QStringLiteral("AES-256-GCM needs a 12-byte nonce."));
    const EVP_CIPHER *cipher = gcmAlgorithm();
    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter> ctx(EVP_CIPHER_CTX_new());
    if (cipher == nullptr || !ctx)
        return cryptoError("EVP_CIPHER_CTX_new");
    if (EVP_EncryptInit_ex2(ctx.get(), cipher, data(key), data(nonce), nullptr) != 1)
        return cryptoError("EVP_EncryptInit_ex2");
    int len = 0;
    if (!associatedData.isEmpty()
        && EVP_EncryptUpdate(ctx.get(), nullptr, &len, data(associatedData), int(associatedData.size())) != 1)
        return cryptoError("EVP_EncryptUpdate(aad)");
    QByteArray out(plaintext.size() + GcmTagSize, Qt::Uninitialized);
    int written = 0;
    if (!plaintext.isEmpty()
        && EVP_EncryptUpdate(ctx.get(), data(out), &written, data(plaintext), int(plaintext.size())) != 1)
        return cryptoError("EVP_EncryptUpdate");
    if (EVP_EncryptFinal_ex(ctx.get(), data(out) + written, &len) != 1)
        return cryptoError("EVP_EncryptFinal_ex");
    written += len;
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, GcmTagSize, data(out) + written) != 1)
        return cryptoError("EVP_CTRL_GCM_GET_TAG");
    out.truncate(written + GcmTagSize);
    return out;
}

Result<QByteArray> aes256GcmOpen(const QByteArray &key, const QByteArray &nonce, const QByteArray &sealed,
                                 const QByteArray &associatedData)
{
    if (key.size() != KeySize)
        return keySizeError("AES-256-GCM");
    if (nonce.size() != GcmNonceSize)
        return Error::make(QStringLiteral("bad_nonce"), QStringLiteral("AES-256-GCM needs a 12-byte nonce."));
    if (sealed.size() < GcmTagSize)
        return Error::make(QStringLiteral("tampered"),
                           QStringLiteral("The sealed data is shorter than its authentication tag."));
    const EVP_CIPHER *cipher = gcmAlgorithm();
    std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter> ctx(EVP_CIPHER_CTX_new());
    if (cipher == nullptr || !ctx)
        return cryptoError("EVP_CIPHER_CTX_new");
    if (EVP_DecryptInit_ex2(ctx.get(), cipher, data(key), data(nonce), nullptr) != 1)
        return cryptoError("EVP_DecryptInit_ex2");
    int len = 0;
    if (!associatedData.isEmpty()
        && EVP_DecryptUpdate(ctx.get(), nullptr, &len, data(associatedData), int(associatedData.size())) != 1)
        return cryptoError("EVP_DecryptUpdate(aad)");
    const int cipherLength = int(sealed.size()) - GcmTagSize;
    QByteArray out(cipherLength, Qt::Uninitialized);
    int written = 0;
    if (cipherLength > 0 && EVP_DecryptUpdate(ctx.get(), data(out), &written, data(sealed), cipherLength) != 1)
        return cryptoError("EVP_DecryptUpdate");
    QByteArray tag = sealed.right(GcmTagSize);
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, GcmTagSize, tag.data()) != 1)
        return cryptoError("EVP_CTRL_GCM_SET_TAG");
    if (EVP_DecryptFinal_ex(ctx.get(), data(out) + written, &len) != 1) {
        cleanse(out);
        return Error::make(QStringLiteral("tampered"),
                           QStringLiteral("Authentication failed: the data was changed, or sealed for another key, "
                                          "lock or session."));
    }
    out.truncate(written + len);
    return out;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    return a.isEmpty() || CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

void cleanse(QByteArray &bytes)
{
    if (!bytes.isEmpty())
        OPENSSL_cleanse(bytes.data(), size_t(bytes.size()));
}

} // namespace Keydesk::Core::Crypto

#pragma once

#include <QByteArrayView>
#include <QtGlobal>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <vector>

namespace Keydesk::Core {

/// A growable array stored in fixed-size chunks that are shared copy-on-write. Copying it copies one pointer per
/// chunk, so a worker thread can take a consistent snapshot of a million records in microseconds (a sort, a
/// filter); a later write to a chunk that a snapshot still holds copies that one chunk first (256 KB for key
/// records). Growing never moves what is stored: no reallocation of the whole array on the model's thread.
///
/// Only the owning thread writes; snapshots are read-only and may be read on any thread.
template <typename T, int Shift> class SharedChunks final
{
public:
    static constexpr std::size_t kChunk = std::size_t(1) << Shift;

    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    const T &operator[](std::size_t i) const { return (*m_chunks[i >> Shift])[i & (kChunk - 1)]; }
    /// The element, writable: its chunk is copied first when a snapshot shares it.
    T &mutableAt(std::size_t i) { return (*own(i >> Shift))[i & (kChunk - 1)]; }
    void push_back(const T &value)
    {
        if (m_size == m_chunks.size() * kChunk)
            m_chunks.push_back(std::make_shared<Chunk>());
        (*own(m_size >> Shift))[m_size & (kChunk - 1)] = value;
        ++m_size;
    }
    /// Room in the chunk list for `count` elements (the chunks themselves come as they fill).
    void reserve(std::size_t count) { m_chunks.reserve((count + kChunk - 1) / kChunk); }
    void squeeze() { m_chunks.shrink_to_fit(); }
    std::size_t bytes() const
    {
        return m_chunks.size() * sizeof(Chunk) + m_chunks.capacity() * sizeof(std::shared_ptr<Chunk>);
    }

private:
    using Chunk = std::array<T, kChunk>;
    Chunk *own(std::size_t chunk)
    {
        std::shared_ptr<Chunk> &p = m_chunks[chunk];
        if (p.use_count() > 1)
            p = std::make_shared<Chunk>(*p);
        return p.get();
    }

    std::vector<std::shared_ptr<Chunk>> m_chunks;
    std::size_t m_size = 0;
};

/// UTF-8 texts back to back in 1 MiB chunks shared copy-on-write (see SharedChunks): a text never crosses a
/// chunk, so it is addressed by one 32-bit offset and read as one view. Texts are at most 65,535 bytes.
class TextArena final
{
public:
    static constexpr int kShift = 20;
    static constexpr quint32 kChunk = quint32(1) << kShift;
    static constexpr qsizetype kMaxText = 0xffff;

    QByteArrayView view(quint32 offset, quint16 length) const
    {
        if (length == 0)
            return {};
        return QByteArrayView(m_chunks[offset >> kShift].get() + (offset & (kChunk - 1)), length);
    }
    /// Appends (at most kMaxText bytes of) `text`; returns its offset.
    quint32 append(QByteArrayView text)
    {
        const auto length = quint32(std::min(text.size(), kMaxText));
        if (m_chunks.empty() || m_used + length > kChunk) {
            m_chunks.push_back(std::shared_ptr<char[]>(new char[kChunk]()));
            m_used = 0;
        }
        const quint32 chunk = quint32(m_chunks.size() - 1);
        if (length > 0)
            std::memcpy(own(chunk) + m_used, text.data(), length);
        const quint32 offset = (chunk << kShift) | m_used;
        m_used += length;
        return offset;
    }
    /// Writes `text` over the bytes at `offset` (it must fit in what is there).
    void overwrite(quint32 offset, QByteArrayView text)
    {
        if (!text.isEmpty())
            std::memcpy(own(offset >> kShift) + (offset & (kChunk - 1)), text.data(), std::size_t(text.size()));
    }
    void squeeze() { m_chunks.shrink_to_fit(); }
    std::size_t bytes() const
    {
        return m_chunks.size() * kChunk + m_chunks.capacity() * sizeof(std::shared_ptr<char[]>);
    }

private:
    char *own(quint32 chunk)
    {
        std::shared_ptr<char[]> &p = m_chunks[chunk];
        if (p.use_count() > 1) {
            std::shared_ptr<char[]> copy(new char[kChunk]);
            std::memcpy(copy.get(), p.get(), kChunk);
            p = std::move(copy);
        }
        return p.get();
    }

    std::vector<std::shared_ptr<char[]>> m_chunks;
    quint32 m_used = 0; ///< bytes used in the last chunk
};

} // namespace Keydesk::Core

#pragma once

// The names a generated facility's users are made of: `keydesk-server generate` (FacilityGenerator) and the
// benchmarks that build a cache of their own (bench/ui) use the same ones, accents and all.

namespace Keydesk::Server::GeneratedNames {

inline constexpr const char *kFirstNames[]
    = { "Ava", "Ben",    "Chloé", "Dan",  "Emma",  "Finn", "Grace", "Hugo", "Isla", "Jack", "Jörg", "Kate",
        "Leo", "Łukasz", "Mia",   "Noah", "Olive", "Paul", "Quinn", "Rosa", "Sam",  "Tara", "Uma",  "Zoë" };
/// kFirstNames as they appear in e-mail addresses (same order).
inline constexpr const char *kEmailFirstNames[]
    = { "ava", "ben",    "chloe", "dan",  "emma",  "finn", "grace", "hugo", "isla", "jack", "joerg", "kate",
        "leo", "lukasz", "mia",   "noah", "olive", "paul", "quinn", "rosa", "sam",  "tara", "uma",   "zoe" };
inline constexpr const char *kLastNames[]
    = { "Adler", "Brandt", "Costa",  "Dietz",  "Evans", "Fischer", "Garcia", "Hansen",
        "Ito",   "Jensen", "Klein",  "Lopez",  "Meyer", "Novak",   "Olsen",  "Petrov",
        "Quist", "Rossi",  "Schulz", "Tanaka", "Ueda",  "Vogel",   "Weber",  "Young" };

} // namespace Keydesk::Server::GeneratedNames

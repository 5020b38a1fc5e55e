// lz77: an LZ77 compressor (hash chains, 64 KiB window, LZ4-style token stream) and
// its decompressor, run as a round trip over generated English-like text.
// argv[1] = text size in KiB, argv[2] = repetitions. Prints the compressed size, an
// FNV-1a hash of the compressed stream and whether the round trip reproduced the input.
// C++ without exceptions: std::vector, std::string, lambdas, small classes.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include "bench.h"
}

namespace {

class Rng {  // xorshift32: the text generator's only source of variety
public:
    explicit Rng(uint32_t seed) : s_(seed) {}
    uint32_t next() { s_ ^= s_ << 13; s_ ^= s_ >> 17; s_ ^= s_ << 5; return s_; }
    uint32_t below(uint32_t n) { return next() % n; }
private:
    uint32_t s_;
};

std::vector<uint8_t> generate_text(size_t size) {
    static const char *syllables[] = {"ka", "lo", "mi", "ne", "ra", "tu", "shi", "ven", "dor", "al", "in", "the",
                                      "qu", "est", "on", "ar", "pe", "li", "za", "or"};
    Rng rng(2024);
    std::vector<std::string> words;
    for (int w = 0; w < 600; w++) {
        std::string s;
        int n = 1 + (int)rng.below(3) + (w < 50 ? 0 : 1);
        for (int i = 0; i < n; i++) s += syllables[rng.below(20)];
        words.push_back(s);
    }
    std::vector<uint8_t> text;
    text.reserve(size);
    bool capital = true;
    while (text.size() < size) {
        // Zipf-like choice: frequent short words, rare long ones.
        uint32_t r = rng.below(600), idx = (r * r) / 600;
        std::string w = words[idx];
        if (capital) { w[0] = (char)(w[0] - 'a' + 'A'); capital = false; }
        for (char c : w) text.push_back((uint8_t)c);
        uint32_t p = rng.below(100);
        if (p < 7) { text.push_back('.'); capital = true; }
        else if (p < 11) text.push_back(',');
        text.push_back(p == 0 ? '\n' : ' ');
    }
    text.resize(size);
    return text;
}

constexpr int kWindow = 1 << 16, kMinMatch = 4, kMaxChain = 48, kHashBits = 15;

class Compressor {
public:
    Compressor() : head_(1 << kHashBits), prev_(kWindow) {}  // heap: wasm's default stack is 64 KiB

    std::vector<uint8_t> compress(const std::vector<uint8_t> &in) {
        std::fill(head_.begin(), head_.end(), -1);
        std::vector<uint8_t> out;
        out.reserve(in.size() / 2 + 16);
        const size_t n = in.size();
        size_t anchor = 0, i = 0;
        while (i + kMinMatch <= n) {
            size_t best_len = 0, best_off = 0;
            uint32_t h = hash(&in[i]);
            for (int32_t cand = head_[h], chain = 0; cand >= 0 && chain < kMaxChain; cand = prev_[cand & (kWindow - 1)], chain++) {
                size_t off = i - (size_t)cand;
                if (off >= kWindow) break;
                size_t len = 0;
                while (i + len < n && in[cand + len] == in[i + len] && len < 65535) len++;
                if (len > best_len) { best_len = len; best_off = off; }
            }
            insert(in, i, h);
            if (best_len >= kMinMatch) {
                emit(out, in, anchor, i - anchor, best_len, best_off);
                for (size_t k = 1; k < best_len && i + k + kMinMatch <= n; k++) insert(in, i + k, hash(&in[i + k]));
                i += best_len;
                anchor = i;
            } else {
                i++;
            }
        }
        emit(out, in, anchor, n - anchor, 0, 0);
        return out;
    }

private:
    static uint32_t hash(const uint8_t *p) {
        uint32_t v; std::memcpy(&v, p, 4);
        return (v * 2654435761u) >> (32 - kHashBits);
    }
    void insert(const std::vector<uint8_t> &, size_t pos, uint32_t h) {
        prev_[pos & (kWindow - 1)] = head_[h];
        head_[h] = (int32_t)pos;
    }
    static void put_len(std::vector<uint8_t> &out, size_t len) {  // LZ4-style 255-run extension
        while (len >= 255) { out.push_back(255); len -= 255; }
        out.push_back((uint8_t)len);
    }
    // Token: high nibble = literal count, low nibble = match length - 4 (15 = extended);
    // then literals, then a 16-bit little-endian offset (absent for the final token).
    static void emit(std::vector<uint8_t> &out, const std::vector<uint8_t> &in, size_t lit_start, size_t lits, size_t mlen, size_t off) {
        size_t ml = mlen ? mlen - kMinMatch : 0;
        out.push_back((uint8_t)((lits < 15 ? lits : 15) << 4 | (ml < 15 ? ml : 15)));
        if (lits >= 15) put_len(out, lits - 15);
        out.insert(out.end(), in.begin() + (long)lit_start, in.begin() + (long)(lit_start + lits));
        if (!mlen) return;
        out.push_back((uint8_t)off); out.push_back((uint8_t)(off >> 8));
        if (ml >= 15) put_len(out, ml - 15);
    }
    std::vector<int32_t> head_;
    std::vector<int32_t> prev_;
};

bool decompress(const std::vector<uint8_t> &in, std::vector<uint8_t> &out) {
    out.clear();
    size_t i = 0;
    auto get_len = [&](size_t base) {
        size_t len = base; uint8_t b;
        do { if (i >= in.size()) return (size_t)-1; b = in[i++]; len += b; } while (b == 255);
        return len;
    };
    while (i < in.size()) {
        uint8_t token = in[i++];
        size_t lits = token >> 4;
        if (lits == 15 && (lits = get_len(15)) == (size_t)-1) return false;
        if (i + lits > in.size()) return false;
        out.insert(out.end(), in.begin() + (long)i, in.begin() + (long)(i + lits));
        i += lits;
        if (i == in.size()) return true;  // the final token has no match
        if (i + 2 > in.size()) return false;
        size_t off = in[i] | (size_t)in[i + 1] << 8; i += 2;
        size_t mlen = (token & 15);
        if (mlen == 15 && (mlen = get_len(15)) == (size_t)-1) return false;
        mlen += kMinMatch;
        if (off == 0 || off > out.size()) return false;
        size_t from = out.size() - off;
        for (size_t k = 0; k < mlen; k++) out.push_back(out[from + k]);  // overlapping copies allowed
    }
    return true;
}

}  // namespace

int main(int argc, char **argv) {
    size_t kib = argc > 1 ? (size_t)std::atol(argv[1]) : 256;
    int reps = argc > 2 ? std::atoi(argv[2]) : 1;
    std::vector<uint8_t> text = generate_text(kib * 1024), packed, unpacked;
    Compressor c;
    bool ok = true;
    bench_start();
    for (int r = 0; r < reps; r++) {
        packed = c.compress(text);
        ok = decompress(packed, unpacked) && ok;
    }
    bench_end();
    ok = ok && unpacked == text;
    uint64_t h = 1469598103934665603ull;
    for (uint8_t b : packed) h = (h ^ b) * 1099511628211ull;
    std::printf("input=%zu compressed=%zu ratio=%.4f\nfnv=%016llx\nroundtrip=%s\n", text.size(), packed.size(),
                (double)packed.size() / (double)text.size(), (unsigned long long)h, ok ? "ok" : "MISMATCH");
    return ok ? 0 : 1;
}

//! wordfreq-rust: word and bigram frequencies over generated English-like text with
//! std collections (HashMap with a fixed Fx-style hasher, so bucket layout and timing
//! do not depend on a per-process random seed; Vec, String, sort). argv[1] = text size
//! in KiB, argv[2] = repetitions. Prints totals, the top words and bigrams (ties broken
//! alphabetically) and a hash over the whole sorted vocabulary.

#[path = "../bench.rs"]
mod bench;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default)]
struct FxHasher {
    hash: u64,
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut w = [0u8; 8];
            w[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(w));
        }
    }
    fn write_u8(&mut self, i: u8) { self.add(i as u64) }
    fn write_u32(&mut self, i: u32) { self.add(i as u64) }
    fn write_u64(&mut self, i: u64) { self.add(i) }
    fn write_usize(&mut self, i: usize) { self.add(i as u64) }
    fn finish(&self) -> u64 { self.hash }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

struct Rng(u32);
impl Rng {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }
    fn below(&mut self, n: u32) -> u32 { self.next() % n }
}

fn generate_text(size: usize) -> String {
    const SYLLABLES: [&str; 24] = ["ka", "lo", "mi", "ne", "ra", "tu", "shi", "ven", "dor", "al", "in", "the", "qu", "est",
                                   "on", "ar", "pe", "li", "za", "or", "bel", "mon", "tri", "su"];
    let mut rng = Rng(0x00C0_FFEE);
    let words: Vec<String> = (0..4000)
        .map(|w| {
            let n = 1 + rng.below(3) + if w < 100 { 0 } else { 1 };
            (0..n).map(|_| SYLLABLES[rng.below(24) as usize]).collect()
        })
        .collect();
    let mut text = String::with_capacity(size + 64);
    let mut capital = true;
    while text.len() < size {
        let r = rng.below(4000) as u64;
        let w = &words[(r * r * r / (4000 * 4000)) as usize]; // Zipf-like: small indices are frequent
        if capital {
            let mut cs = w.chars();
            if let Some(f) = cs.next() {
                text.push(f.to_ascii_uppercase());
                text.push_str(cs.as_str());
            }
            capital = false;
        } else {
            text.push_str(w);
        }
        match rng.below(100) {
            0..=6 => { text.push_str(". "); capital = true; }
            7..=10 => text.push_str(", "),
            11 => text.push_str(";\n"),
            _ => text.push(' '),
        }
    }
    text
}

struct Report {
    tokens: u64,
    distinct: usize,
    distinct_bigrams: usize,
    top_words: Vec<(String, u32)>,
    top_bigrams: Vec<(String, u32)>,
    vocab_hash: u64,
}

fn analyze(text: &str) -> Report {
    let mut ids: FxMap<String, u32> = FxMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut bigrams: FxMap<(u32, u32), u32> = FxMap::default();
    let mut prev: Option<u32> = None;
    let mut tokens = 0u64;
    let mut word = String::new();
    for token in text.split(|c: char| !c.is_ascii_alphabetic()) {
        if token.is_empty() {
            continue;
        }
        word.clear();
        word.extend(token.chars().map(|c| c.to_ascii_lowercase()));
        let id = match ids.get(word.as_str()) {
            Some(&id) => id,
            None => {
                let id = names.len() as u32;
                ids.insert(word.clone(), id);
                names.push(word.clone());
                counts.push(0);
                id
            }
        };
        counts[id as usize] += 1;
        if let Some(p) = prev {
            *bigrams.entry((p, id)).or_insert(0) += 1;
        }
        prev = Some(id);
        tokens += 1;
    }
    let mut order: Vec<u32> = (0..names.len() as u32).collect();
    order.sort_by(|&a, &b| counts[b as usize].cmp(&counts[a as usize]).then_with(|| names[a as usize].cmp(&names[b as usize])));
    let mut vocab_hash = 0xcbf2_9ce4_8422_2325u64;
    for &id in &order {
        for b in names[id as usize].bytes().chain(counts[id as usize].to_le_bytes()) {
            vocab_hash = (vocab_hash ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
    let mut pairs: Vec<((u32, u32), u32)> = bigrams.iter().map(|(&k, &v)| (k, v)).collect();
    let key = |p: &((u32, u32), u32)| (&names[p.0 .0 as usize], &names[p.0 .1 as usize]);
    pairs.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| key(a).cmp(&key(b))));
    Report {
        tokens,
        distinct: names.len(),
        distinct_bigrams: bigrams.len(),
        top_words: order.iter().take(8).map(|&id| (names[id as usize].clone(), counts[id as usize])).collect(),
        top_bigrams: pairs.iter().take(5).map(|p| { let (a, b) = key(p); (format!("{} {}", a, b), p.1) }).collect(),
        vocab_hash,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let kib: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1024);
    let reps: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let text = generate_text(kib * 1024);
    bench::start();
    let mut report = analyze(&text);
    for _ in 1..reps {
        report = analyze(&text);
    }
    bench::end();
    println!("bytes={} reps={} tokens={} distinct={} bigrams={}", text.len(), reps, report.tokens, report.distinct, report.distinct_bigrams);
    for (w, c) in &report.top_words {
        println!("word {} {}", w, c);
    }
    for (w, c) in &report.top_bigrams {
        println!("bigram {} {}", w, c);
    }
    println!("vocab_fnv={:016x}", report.vocab_hash);
}

// blake2b-as: BLAKE2b-512 (RFC 7693) in AssemblyScript, chained over a generated
// 1 MiB buffer: d_0 = H(buf), d_i = H(d_{i-1} || buf), 8 links. argv[1] = repetitions
// of the whole chain (each gives the same digest, so stdout does not depend on the
// profile). reference.c is the C twin whose output fixes `expect` in workload.toml.

@external("bench", "start") declare function bench_start(): void;
@external("bench", "end") declare function bench_end(): void;

const BUF_SIZE: i32 = 1 << 20;
const CHAIN: i32 = 8;

const IV: StaticArray<u64> = [
  0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
  0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
];
const SIGMA: StaticArray<u8> = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
  11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4, 7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
  9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13, 2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
  12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11, 13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
  6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5, 10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
];

const h = new StaticArray<u64>(8);
const v = new StaticArray<u64>(16);
const m = new StaticArray<u64>(16);
const lastBlock = new Uint8Array(128);

// @inline so that a, b, c, d become constants and v[] accesses fold to fixed offsets.
// @ts-ignore: decorator
@inline function G(a: i32, b: i32, c: i32, d: i32, x: u64, y: u64): void {
  let va = unchecked(v[a]), vb = unchecked(v[b]), vc = unchecked(v[c]), vd = unchecked(v[d]);
  va = va + vb + x; vd = rotr<u64>(vd ^ va, 32);
  vc = vc + vd;     vb = rotr<u64>(vb ^ vc, 24);
  va = va + vb + y; vd = rotr<u64>(vd ^ va, 16);
  vc = vc + vd;     vb = rotr<u64>(vb ^ vc, 63);
  unchecked(v[a] = va); unchecked(v[b] = vb); unchecked(v[c] = vc); unchecked(v[d] = vd);
}

function compress(block: usize, t: u64, last: bool): void {
  for (let i = 0; i < 16; i++) unchecked(m[i] = load<u64>(block + (<usize>i << 3))); // wasm is little-endian
  for (let i = 0; i < 8; i++) { unchecked(v[i] = h[i]); unchecked(v[i + 8] = IV[i]); }
  unchecked(v[12] ^= t);
  if (last) unchecked(v[14] = ~v[14]);
  for (let r = 0; r < 12; r++) {
    const s = r << 4;
    G(0, 4, 8, 12, unchecked(m[SIGMA[s + 0]]), unchecked(m[SIGMA[s + 1]]));
    G(1, 5, 9, 13, unchecked(m[SIGMA[s + 2]]), unchecked(m[SIGMA[s + 3]]));
    G(2, 6, 10, 14, unchecked(m[SIGMA[s + 4]]), unchecked(m[SIGMA[s + 5]]));
    G(3, 7, 11, 15, unchecked(m[SIGMA[s + 6]]), unchecked(m[SIGMA[s + 7]]));
    G(0, 5, 10, 15, unchecked(m[SIGMA[s + 8]]), unchecked(m[SIGMA[s + 9]]));
    G(1, 6, 11, 12, unchecked(m[SIGMA[s + 10]]), unchecked(m[SIGMA[s + 11]]));
    G(2, 7, 8, 13, unchecked(m[SIGMA[s + 12]]), unchecked(m[SIGMA[s + 13]]));
    G(3, 4, 9, 14, unchecked(m[SIGMA[s + 14]]), unchecked(m[SIGMA[s + 15]]));
  }
  for (let i = 0; i < 8; i++) unchecked(h[i] ^= v[i] ^ v[i + 8]);
}

// Unkeyed BLAKE2b-512 of data[off .. off+len); the digest is written to out[0..64).
function blake2b(data: Uint8Array, off: i32, len: i32, out: Uint8Array): void {
  for (let i = 0; i < 8; i++) unchecked(h[i] = IV[i]);
  unchecked(h[0] ^= 0x01010000 ^ 64);
  const base = data.dataStart + <usize>off;
  let pos = 0;
  while (len - pos > 128) { compress(base + <usize>pos, <u64>(pos + 128), false); pos += 128; }
  lastBlock.fill(0);
  memory.copy(lastBlock.dataStart, base + <usize>pos, <usize>(len - pos));
  compress(lastBlock.dataStart, <u64>len, true);
  for (let i = 0; i < 64; i++) unchecked(out[i] = <u8>(h[i >> 3] >> (<u64>(i & 7) << 3)));
}

function hex(d: Uint8Array): string {
  let s = "";
  for (let i = 0; i < d.length; i++) s += (<u32>d[i]).toString(16).padStart(2, "0");
  return s;
}

const reps = process.argv.length > 1 ? I32.parseInt(process.argv[1]) : 1;
const digest = new Uint8Array(64);

const abc = Uint8Array.wrap(String.UTF8.encode("abc"));
blake2b(abc, 0, 3, digest);
if (hex(digest) != "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923") {
  process.stderr.write("blake2b: test vector mismatch\n");
  process.exit(1);
}

const msg = new Uint8Array(64 + BUF_SIZE); // msg[0..64) = previous digest, then the buffer
let x: u32 = 0x12345678;
for (let i = 0; i < BUF_SIZE; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; unchecked(msg[64 + i] = <u8>(x >> 24)); }

bench_start();
for (let r = 0; r < reps; r++) {
  blake2b(msg, 64, BUF_SIZE, digest);
  for (let c = 1; c < CHAIN; c++) {
    memory.copy(msg.dataStart, digest.dataStart, 64);
    blake2b(msg, 0, 64 + BUF_SIZE, digest);
  }
}
bench_end();

process.stdout.write("blake2b-512 bytes=" + BUF_SIZE.toString() + " chain=" + CHAIN.toString() + "\n" + hex(digest) + "\n");

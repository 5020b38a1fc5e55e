// nbody-as: the Benchmarks Game n-body simulation in AssemblyScript (f64 arithmetic
// and f64.sqrt, both IEEE-exact), operation for operation the same as ../nbody/nbody.c.
// Each repetition (argv[1]) resets the system and advances it STEPS steps, so stdout
// does not depend on the profile. Energies are printed as IEEE-754 bit patterns
// (AssemblyScript's float formatting differs from printf's); reference.c, the C twin,
// prints the same bits and fixes `expect` in workload.toml.

@external("bench", "start") declare function bench_start(): void;
@external("bench", "end") declare function bench_end(): void;

const STEPS = 1000000;
const PI = 3.141592653589793;
const SOLAR_MASS = 4 * PI * PI;
const DAYS_PER_YEAR = 365.24;

class Body {
  constructor(public x: f64, public y: f64, public z: f64, public vx: f64, public vy: f64, public vz: f64, public mass: f64) {}
}

function system(): StaticArray<Body> {
  return [
    new Body(0, 0, 0, 0, 0, 0, SOLAR_MASS),
    new Body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
      1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
      -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS),
    new Body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
      -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
      2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS),
    new Body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
      2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
      -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS),
    new Body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
      2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
      -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS),
  ];
}

function offsetMomentum(b: StaticArray<Body>): void {
  let px = 0.0, py = 0.0, pz = 0.0;
  for (let i = 0; i < b.length; i++) {
    const bi = unchecked(b[i]);
    px += bi.vx * bi.mass; py += bi.vy * bi.mass; pz += bi.vz * bi.mass;
  }
  const sun = unchecked(b[0]);
  sun.vx = -px / SOLAR_MASS; sun.vy = -py / SOLAR_MASS; sun.vz = -pz / SOLAR_MASS;
}

function advance(b: StaticArray<Body>, dt: f64): void {
  const n = b.length;
  for (let i = 0; i < n; i++) {
    const bi = unchecked(b[i]);
    for (let j = i + 1; j < n; j++) {
      const bj = unchecked(b[j]);
      const dx = bi.x - bj.x, dy = bi.y - bj.y, dz = bi.z - bj.z;
      const d2 = dx * dx + dy * dy + dz * dz;
      const mag = dt / (d2 * Math.sqrt(d2));
      bi.vx -= dx * bj.mass * mag; bi.vy -= dy * bj.mass * mag; bi.vz -= dz * bj.mass * mag;
      bj.vx += dx * bi.mass * mag; bj.vy += dy * bi.mass * mag; bj.vz += dz * bi.mass * mag;
    }
  }
  for (let i = 0; i < n; i++) {
    const bi = unchecked(b[i]);
    bi.x += dt * bi.vx; bi.y += dt * bi.vy; bi.z += dt * bi.vz;
  }
}

function energy(b: StaticArray<Body>): f64 {
  let e = 0.0;
  const n = b.length;
  for (let i = 0; i < n; i++) {
    const bi = unchecked(b[i]);
    e += 0.5 * bi.mass * (bi.vx * bi.vx + bi.vy * bi.vy + bi.vz * bi.vz);
    for (let j = i + 1; j < n; j++) {
      const bj = unchecked(b[j]);
      const dx = bi.x - bj.x, dy = bi.y - bj.y, dz = bi.z - bj.z;
      e -= (bi.mass * bj.mass) / Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

function bits(v: f64): string { return reinterpret<u64>(v).toString(16).padStart(16, "0"); }

const reps = process.argv.length > 1 ? I32.parseInt(process.argv[1]) : 1;
let before = 0.0, after = 0.0;
bench_start();
for (let r = 0; r < reps; r++) {
  const bodies = system();
  offsetMomentum(bodies);
  before = energy(bodies);
  for (let s = 0; s < STEPS; s++) advance(bodies, 0.01);
  after = energy(bodies);
}
bench_end();
process.stdout.write("steps=" + STEPS.toString() + "\nenergy_before=" + bits(before) + "\nenergy_after=" + bits(after) + "\n");

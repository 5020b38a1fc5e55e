//! bench.rs: the Rust twin of bench.h (the Sightglass convention).
//!
//! In wasm, `start()`/`end()` call the imports `bench.start` / `bench.end`, which the
//! engine timestamps. Natively they read a monotonic clock and, when the harness sets
//! OBSERVATORY_BENCH_FILE, append "region_ns <N>" to that file, one line per pair.
//! Include with `#[path = "../bench.rs"] mod bench;` (no crates).

#[cfg(target_arch = "wasm32")]
mod imp {
    #[link(wasm_import_module = "bench")]
    extern "C" {
        #[link_name = "start"]
        fn bench_start();
        #[link_name = "end"]
        fn bench_end();
    }
    pub fn start() { unsafe { bench_start() } }
    pub fn end() { unsafe { bench_end() } }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use std::cell::Cell;
    use std::io::Write;
    use std::time::Instant;
    thread_local!(static T0: Cell<Option<Instant>> = Cell::new(None));
    pub fn start() { T0.with(|t| t.set(Some(Instant::now()))); }
    pub fn end() {
        let now = Instant::now();
        let t0 = T0.with(|t| t.get()).unwrap_or(now);
        let ns = now.duration_since(t0).as_nanos();
        if let Ok(path) = std::env::var("OBSERVATORY_BENCH_FILE") {
            if path.is_empty() { return; }
            if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
                let _ = writeln!(f, "region_ns {}", ns);
            }
        }
    }
}

#[allow(dead_code)]
pub fn start() { imp::start() }
#[allow(dead_code)]
pub fn end() { imp::end() }

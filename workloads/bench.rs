//! bench.rs: the Rust twin of bench.h (the Sightglass convention).
//!
//! In wasm, `start()`/`end()` call the imports `bench.start` / `bench.end`, which the
//! engine timestamps. Natively they read a monotonic clock and the process's CPU clock and,
//! when the harness sets OBSERVATORY_BENCH_FILE, append "region_ns <N>" and
//! "region_cpu_ns <N>" to that file per pair (the CPU time of the region, as bench.h does).
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
    thread_local!(static CPU0: Cell<i64> = Cell::new(0));

    // std has no process CPU clock and the corpus uses no crates: glibc's clock_gettime, declared here.
    #[repr(C)]
    struct Timespec { tv_sec: i64, tv_nsec: i64 }
    extern "C" { fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32; }
    const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
    fn cpu_ns() -> i64 {
        let mut t = Timespec { tv_sec: 0, tv_nsec: 0 };
        if unsafe { clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &mut t) } != 0 { return 0; }
        t.tv_sec * 1_000_000_000 + t.tv_nsec
    }

    pub fn start() {
        CPU0.with(|c| c.set(cpu_ns()));
        T0.with(|t| t.set(Some(Instant::now())));
    }
    pub fn end() {
        let now = Instant::now();
        let cpu = cpu_ns() - CPU0.with(|c| c.get());
        let t0 = T0.with(|t| t.get()).unwrap_or(now);
        let ns = now.duration_since(t0).as_nanos();
        if let Ok(path) = std::env::var("OBSERVATORY_BENCH_FILE") {
            if path.is_empty() { return; }
            if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
                let _ = writeln!(f, "region_ns {}\nregion_cpu_ns {}", ns, cpu);
            }
        }
    }
}

#[allow(dead_code)]
pub fn start() { imp::start() }
#[allow(dead_code)]
pub fn end() { imp::end() }

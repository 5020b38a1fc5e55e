//! fannkuch-redux: Benchmarks Game pancake flipping over all permutations of 1..n
//! (single-threaded). argv[1] = n, argv[2] = repetitions. Prints the checksum and the maximum flip count in
//! the reference program's format.

#[path = "../bench.rs"]
mod bench;

fn fannkuch(n: usize) -> (i64, i32) {
    let mut perm1: Vec<i32> = (0..n as i32).collect();
    let mut perm = vec![0i32; n];
    let mut count = vec![0i32; n];
    let mut max_flips = 0;
    let mut checksum: i64 = 0;
    let mut perm_count: i64 = 0;
    let mut r = n;
    loop {
        while r != 1 {
            count[r - 1] = r as i32;
            r -= 1;
        }
        perm.copy_from_slice(&perm1);
        let mut flips = 0;
        let mut k = perm[0];
        while k != 0 {
            perm[..=k as usize].reverse();
            flips += 1;
            k = perm[0];
        }
        if flips > max_flips {
            max_flips = flips;
        }
        checksum += if perm_count % 2 == 0 { flips as i64 } else { -(flips as i64) };
        loop {
            if r == n {
                return (checksum, max_flips);
            }
            let p0 = perm1[0];
            for i in 0..r {
                perm1[i] = perm1[i + 1];
            }
            perm1[r] = p0;
            count[r] -= 1;
            if count[r] > 0 {
                break;
            }
            r += 1;
        }
        perm_count += 1;
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(7);
    let reps: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    bench::start();
    let mut result = (0, 0);
    for _ in 0..reps {
        result = fannkuch(n);
    }
    bench::end();
    let (checksum, max_flips) = result;
    println!("{}\nPfannkuchen({}) = {}", checksum, n, max_flips);
}

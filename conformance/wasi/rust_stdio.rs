// WASI preview1 conformance (Rust std): println!/eprintln! interleaved, an explicit flush, then process::exit with a code.
use std::io::Write;

fn main() {
    for i in 0..3 {
        println!("out {}", i);
        eprintln!("err {}", i);
    }
    print!("flushed without newline");
    std::io::stdout().flush().unwrap();
    let args: Vec<String> = std::env::args().skip(1).collect();
    eprintln!("args {:?}", args);
    std::process::exit(5);
}

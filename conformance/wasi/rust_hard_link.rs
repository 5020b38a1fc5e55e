// WASI preview1 conformance (Rust std): fs::hard_link, fs::rename over an existing file, fs::copy and metadata of each.
use std::fs;

fn main() {
    fs::hard_link("fs/hello.txt", "fs/linked.txt").unwrap();
    fs::write("fs/linked.txt", b"via link\n").unwrap();
    print!("hello now: {}", fs::read_to_string("fs/hello.txt").unwrap());
    let n = fs::copy("fs/hello.txt", "fs/copy.txt").unwrap();
    println!("copied {} bytes", n);
    fs::rename("fs/copy.txt", "fs/sub/a.txt").unwrap();
    print!("a now: {}", fs::read_to_string("fs/sub/a.txt").unwrap());
    println!("copy exists: {}", fs::metadata("fs/copy.txt").is_ok());
    match fs::hard_link("fs/sub", "fs/sublink") {
        Ok(()) => println!("link dir: ok"),
        Err(e) => println!("link dir: {:?} errno {:?}", e.kind(), e.raw_os_error()),
    }
}

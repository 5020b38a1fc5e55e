// WASI preview1 conformance (Rust std): the io::ErrorKind and raw OS error (= WASI errno) of common failures.
use std::fs::{self, OpenOptions};

fn show(what: &str, r: std::io::Result<()>) {
    match r {
        Ok(()) => println!("{}: ok", what),
        Err(e) => println!("{}: {:?} errno {:?}", what, e.kind(), e.raw_os_error()),
    }
}

fn main() {
    show("open missing", fs::File::open("fs/missing.txt").map(|_| ()));
    show("create_new existing", OpenOptions::new().write(true).create_new(true).open("fs/hello.txt").map(|_| ()));
    show("read_dir on file", fs::read_dir("fs/hello.txt").map(|_| ()));
    show("remove_dir non-empty", fs::remove_dir("fs/sub"));
    show("remove_file on dir", fs::remove_file("fs/sub"));
    show("create_dir existing", fs::create_dir("fs/sub"));
    show("open outside", fs::File::open("/etc/passwd").map(|_| ()));
    show("write read-only", { use std::io::Write; fs::File::open("fs/hello.txt").and_then(|mut f| f.write_all(b"x")) });
}

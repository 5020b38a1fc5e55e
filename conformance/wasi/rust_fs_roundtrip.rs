// WASI preview1 conformance (Rust std): write, read, append, set_len, metadata and remove through std::fs.
use std::fs::{self, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};

fn main() {
    fs::write("fs/r.txt", b"first\n").unwrap();
    let mut f = OpenOptions::new().append(true).open("fs/r.txt").unwrap();
    f.write_all(b"second\n").unwrap();
    drop(f);
    print!("{}", fs::read_to_string("fs/r.txt").unwrap());
    let mut f = OpenOptions::new().read(true).write(true).open("fs/r.txt").unwrap();
    f.set_len(3).unwrap();
    println!("len after set_len: {}", f.metadata().unwrap().len());
    f.seek(SeekFrom::Start(0)).unwrap();
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    println!("content: {:?}", s);
    println!("is_file {} is_dir {}", f.metadata().unwrap().is_file(), fs::metadata("fs/sub").unwrap().is_dir());
    fs::remove_file("fs/r.txt").unwrap();
    println!("exists after remove: {}", fs::metadata("fs/r.txt").is_ok());
}

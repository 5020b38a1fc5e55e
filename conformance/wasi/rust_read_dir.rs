// WASI preview1 conformance (Rust std): read_dir (which skips "." and ".."), file types, create_dir_all and remove_dir_all.
use std::fs;

fn main() {
    fs::create_dir_all("fs/deep/er/est").unwrap();
    fs::write("fs/deep/er/f.txt", b"x").unwrap();
    let mut names: Vec<String> = fs::read_dir("fs").unwrap()
        .map(|e| { let e = e.unwrap(); format!("{} dir={}", e.file_name().to_string_lossy(), e.file_type().unwrap().is_dir()) })
        .collect();
    names.sort();
    for n in &names { println!("{}", n); }
    fs::remove_dir_all("fs/deep").unwrap();
    println!("deep exists: {}", fs::metadata("fs/deep").is_ok());
    let count = fs::read_dir("fs/sub").unwrap().count();
    println!("sub entries: {}", count);
}

//! Times series assembly on an existing database (a development aid, not a test).
fn main() {
    let db = std::env::args().nth(1).expect("db path");
    let store = patchq::store::Store::open(std::path::Path::new(&db)).unwrap();
    let t = std::time::Instant::now();
    let msgs = store.thread_msgs(None).unwrap();
    eprintln!("load {:?}", t.elapsed());
    for _ in 0..8 {
        let t = std::time::Instant::now();
        let asm = patchq::thread::assemble(&msgs, &[]);
        eprintln!("assemble {:?} ({} series)", t.elapsed(), asm.series.len());
    }
}

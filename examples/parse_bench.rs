//! Times parsing every message of the given mboxes, single-threaded (a development aid).
fn main() {
    let mut raws = Vec::new();
    for path in std::env::args().skip(1) {
        let mut sink = |item: patchq::source::Item, _r: patchq::source::Resume| {
            if let patchq::source::Item::Message { raw, .. } = item {
                raws.push(raw);
            }
            true
        };
        patchq::source::read_mbox(std::path::Path::new(&path), None, 64 << 20, &mut sink).unwrap();
    }
    let opts = patchq::parse::ParseOptions::default();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let mut n = 0;
        for r in &raws {
            if patchq::parse::parse_mail(r, &opts).is_ok() {
                n += 1;
            }
        }
        eprintln!("parsed {n} in {:?}", t.elapsed());
    }
    let bodies: Vec<String> = raws
        .iter()
        .filter_map(|r| patchq::parse::parse_mail(r, &opts).ok())
        .map(|m| m.body)
        .collect();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let total: usize = bodies
            .iter()
            .map(|b| patchq::parse::trailers::followup_trailers(b).len())
            .sum();
        eprintln!(
            "follow-up trailers of every body {:?} ({total})",
            t.elapsed()
        );
    }
}

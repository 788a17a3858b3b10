//! The HTML report rendered by headless Chromium (installed by `.ci/run`): it loads without a
//! console error or a refused resource, its DOM after rendering holds the three charts, and the
//! screenshot shows them (pixels of the bar and line colours, counted in the decoded PNG), the
//! first one on the first screen.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::corpus::corpus;
use crate::helpers::{Env, fixtures};

/// Decodes a PNG (Chromium's screenshots) into RGB pixels.
fn decode_png(data: &[u8]) -> (usize, usize, Vec<[u8; 3]>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(data))
        .read_info()
        .expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!(info.bit_depth, png::BitDepth::Eight);
    let channels = match info.color_type {
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        other => panic!("unexpected colour type {other:?}"),
    };
    let pixels = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width as usize, info.height as usize, pixels)
}

/// Runs headless Chromium on `page` with `extra` arguments.
fn chromium(env: &Env, page: &Path, extra: &[&str]) -> std::process::Output {
    let url = format!("file://{}", page.display());
    let mut args = vec![
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ];
    args.extend_from_slice(extra);
    args.push(&url);
    Command::new("chromium")
        .args(&args)
        .current_dir(env.dir.path())
        .env("HOME", env.dir.path())
        .output()
        .expect("chromium runs")
}

/// A `w`x`h` screenshot of `page`: its pixels of the bar colour and of the line colours.
fn chart_pixels(env: &Env, page: &Path, w: usize, h: usize) -> (usize, usize) {
    let shot = env.path(&format!("shot-{w}x{h}.png"));
    let r = chromium(
        env,
        page,
        &[
            &format!("--screenshot={}", shot.display()),
            &format!("--window-size={w},{h}"),
        ],
    );
    let log = String::from_utf8_lossy(&r.stderr);
    for bad in ["Uncaught", "Refused to", "Failed to load resource"] {
        assert!(!log.contains(bad), "chromium said {bad}: {log}");
    }
    let (sw, sh, px) = decode_png(&fs::read(&shot).unwrap());
    assert_eq!((sw, sh), (w, h));
    let near = |p: &[u8; 3], c: [u8; 3]| p.iter().zip(c).all(|(a, b)| a.abs_diff(b) <= 12);
    let bars = px.iter().filter(|p| near(p, [0x4a, 0x78, 0xb5])).count();
    let lines = px
        .iter()
        .filter(|p| {
            near(p, [0x1f, 0x77, 0xb4])
                || near(p, [0xd6, 0x27, 0x28])
                || near(p, [0x2c, 0xa0, 0x2c])
        })
        .count();
    (bars, lines)
}

#[test]
#[ignore = "needs chromium: run by .ci/run"]
fn the_html_report_renders_with_its_charts_in_chromium() {
    let env = Env::new();
    assert_eq!(env.import(&[&fixtures().join("sample.mbox")]).code, 0);
    let m = fixtures().join("MAINTAINERS");
    assert_eq!(
        env.run(&["-q", "maintainers", "load", m.to_str().unwrap()])
            .code,
        0
    );
    let out = env
        .cmd(&["--format", "html", "report", "--week", "2026-W45"])
        .env("PATCHQ_NOW", "2026-11-27T12:00:00Z")
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = env.path("report.html");
    fs::write(&page, &out.stdout).unwrap();
    let dom = chromium(&env, &page, &["--dump-dom"]);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    assert_eq!(
        dom_text.matches("<svg").count(),
        3,
        "three charts in the rendered DOM"
    );
    assert!(dom_text.contains("<polyline") && dom_text.contains("<rect"));
    let (bars, lines) = chart_pixels(&env, &page, 1000, 2400);
    println!("report html: chromium rendered it, {bars} bar pixels, {lines} line pixels");
    assert!(bars > 2_000, "bars drawn: {bars}");
    assert!(lines > 300, "lines drawn: {lines}");
    // The first chart is on the first screen.
    let (_, first_screen) = chart_pixels(&env, &page, 1200, 1000);
    assert!(
        first_screen > 300,
        "lines on the first screen: {first_screen}"
    );
}

/// The case a maintainer hit: a list-wide week of linux-modules with Linux's MAINTAINERS (a
/// subsystem table of hundreds of rows) still shows its first chart on the first screen of a
/// 1200x1000 window, 15 subsystems before the fold and the rest in a `<details>` element.
#[test]
#[ignore = "corpus and chromium: run by .ci/run"]
fn a_list_wide_report_shows_its_charts_first() {
    let env = Env::new();
    let archive = corpus().join("real/linux-modules_2026-01_2026-06.mbox.gz");
    let maintainers = corpus().join("maintainers/linux-6.12.MAINTAINERS");
    assert_eq!(env.import(&[&archive]).code, 0);
    let r = env.run(&["-q", "maintainers", "load", maintainers.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = env
        .cmd(&["--format", "html", "report", "--week", "2026-W20"])
        .env("PATCHQ_NOW", "2026-06-30T12:00:00Z")
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let (top, folded) = html.split_once("<details>").expect("a <details> fold");
    let top = &top[top
        .find("<h2>Subsystems</h2>")
        .expect("the subsystem table")..];
    assert_eq!(top.matches("<tr><td>").count(), 15);
    let more = folded.matches("<tr><td>").count();
    assert!(more > 20, "{more} folded subsystems");
    assert!(html.find("<svg").unwrap() < html.find("<h2>Subsystems</h2>").unwrap());
    let page = env.path("report.html");
    fs::write(&page, &html).unwrap();
    let (bars, lines) = chart_pixels(&env, &page, 1200, 1000);
    println!(
        "list-wide report: {more} folded subsystems; first screen: {lines} line pixels, {bars} bar pixels"
    );
    assert!(lines > 300, "lines on the first screen: {lines}");
}

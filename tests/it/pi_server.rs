//! A real public-inbox v2 inbox served by Debian's `public-inbox-httpd` on 127.0.0.1, for the
//! sync and fetch tests. The inbox is built from the test's own mail: `public-inbox-init -V2`, the
//! first mail written into epoch 0 with `git fast-import` the way public-inbox writes it (one blob
//! `m` per commit, the message's date as commit time) and indexed with `public-inbox-index`; later
//! mail is delivered with `public-inbox-mda`, a new epoch forced through `PublicInbox::V2Writable`,
//! mail removed with `public-inbox-purge`. `.ci/run` installs the `public-inbox` package.
//!
//! Also a TCP relay between patchq and the server that passes, stalls or cuts the responses after
//! a number of bytes: a transfer killed or a server lost mid-sync, on demand.

use std::fs;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The list's address; mail is delivered to it.
pub const ADDRESS: &str = "widget-devel@lists.example.org";
/// Unix time of mail 0; mail `i` is `i` minutes later.
const EPOCH0: i64 = 1_789_000_000;

pub struct PiServer {
    pub dir: tempfile::TempDir,
    pub inbox: PathBuf,
    pub name: String,
    pub port: u16,
    child: Option<Child>,
}

impl PiServer {
    /// An inbox `name` holding `first` in epoch 0, served on a free port.
    pub fn new(name: &str, first: &[Vec<u8>]) -> PiServer {
        assert!(
            Command::new("public-inbox-httpd")
                .arg("--help")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok(),
            "public-inbox-httpd is missing: install Debian's public-inbox (.ci/run does)"
        );
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join(name);
        let mut server = PiServer {
            inbox,
            name: name.to_string(),
            port: free_port(),
            dir,
            child: None,
        };
        let url = server.url();
        let inbox = server.inbox.display().to_string();
        server.check(
            server
                .cmd("public-inbox-init")
                .args(["-V2", "-L", "basic", name, &inbox, &url, ADDRESS]),
            None,
        );
        let config = server.dir.path().join("config");
        let mut text = fs::read_to_string(&config).unwrap();
        text.push_str("[publicinboxmda]\n\tspamcheck = none\n");
        fs::write(&config, text).unwrap();
        fast_import(&server.inbox.join("git/0.git"), first);
        server.check(server.cmd("public-inbox-index").arg(&inbox), None);
        server.start();
        server
    }

    /// The inbox's URL, as `patchq remote add` takes it.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/{}", self.port, self.name)
    }

    fn cmd(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("PI_CONFIG", self.dir.path().join("config"))
            .env("HOME", self.dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    fn check(&self, cmd: &mut Command, stdin: Option<&[u8]>) {
        cmd.stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        let mut child = cmd.spawn().unwrap();
        if let Some(data) = stdin {
            child.stdin.take().unwrap().write_all(data).unwrap();
        }
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{cmd:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Starts `public-inbox-httpd` (one process, no workers) and waits until it serves the
    /// manifest.
    pub fn start(&mut self) {
        assert!(self.child.is_none());
        let log = fs::File::create(self.dir.path().join("httpd.log")).unwrap();
        let listen = format!("http://127.0.0.1:{}", self.port);
        let child = self
            .cmd("public-inbox-httpd")
            .args(["-W0", "-l", &listen])
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        self.child = Some(child);
        let path = format!("/{}/manifest.js.gz", self.name);
        let deadline = Instant::now() + Duration::from_secs(30);
        while http_status(self.port, &path) != Some(200) {
            assert!(
                Instant::now() < deadline,
                "public-inbox-httpd did not come up: {}",
                fs::read_to_string(self.dir.path().join("httpd.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Delivers `mail` with `public-inbox-mda`, as the list's MTA would.
    pub fn deliver(&self, mail: &[u8]) {
        self.check(
            self.cmd("public-inbox-mda")
                .arg("--no-precheck")
                .env("ORIGINAL_RECIPIENT", ADDRESS),
            Some(mail),
        );
    }

    /// Delivers `mail` into a new epoch: public-inbox-mda with the epoch size set to nothing, so
    /// the writer rolls over to `git/N+1.git` as a big list's inbox does every few GB.
    pub fn deliver_new_epoch(&self, mail: &[u8]) {
        self.check(
            self.cmd("perl")
                .args([
                    "-MPublicInbox::V2Writable",
                    "-e",
                    "$PublicInbox::V2Writable::PACKING_FACTOR = 1e12; $0 = 'public-inbox-mda'; \
                     @ARGV = ('--no-precheck'); do '/usr/bin/public-inbox-mda'; die $@ if $@",
                ])
                .env("ORIGINAL_RECIPIENT", ADDRESS),
            Some(mail),
        );
    }

    /// Removes `mail` from the inbox and its history with `public-inbox-purge`.
    pub fn purge(&self, mail: &[u8]) {
        let inbox = self.inbox.display().to_string();
        self.check(self.cmd("public-inbox-purge").arg(&inbox), Some(mail));
    }

    /// How many epochs (`git/N.git`) the inbox has.
    pub fn epochs(&self) -> usize {
        fs::read_dir(self.inbox.join("git")).unwrap().count()
    }
}

impl Drop for PiServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A port nothing listens on now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The status of `GET path` on 127.0.0.1:`port`, or None while nothing answers.
fn http_status(port: u16, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut head = [0u8; 12];
    s.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

/// Writes `mails` as commits of `refs/heads/master` in `git`, as public-inbox does: a tree
/// holding the message as `m`, author from From, the message's date as commit time.
fn fast_import(git: &Path, mails: &[Vec<u8>]) {
    let mut stream = Vec::new();
    for m in mails {
        let text = String::from_utf8_lossy(m);
        let header = |name: &str| {
            text.lines()
                .take_while(|l| !l.is_empty())
                .find_map(|l| l.strip_prefix(name))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let date = chrono::DateTime::parse_from_rfc2822(&header("Date:"))
            .unwrap()
            .timestamp();
        let from = header("From:");
        let subject = header("Subject:");
        write!(
            stream,
            "commit refs/heads/master\nauthor {from} {date} +0000\n\
             committer {ADDRESS} <{ADDRESS}> {date} +0000\ndata {}\n{subject}\n\
             M 100644 inline m\ndata {}\n",
            subject.len() + 1,
            m.len()
        )
        .unwrap();
        stream.extend_from_slice(m);
        stream.push(b'\n');
    }
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .env("GIT_DIR", git)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&stream).unwrap();
    assert!(child.wait().unwrap().success());
}

/// Mail `i` of the list: a one-patch series `[PATCH] widget: change i` from one of five
/// authors with a few lines of diff; with `parent`, a reply to mail `parent` giving a
/// Reviewed-by.
pub fn mail(i: usize, parent: Option<usize>) -> Vec<u8> {
    let date = chrono::DateTime::from_timestamp(EPOCH0 + 60 * i as i64, 0)
        .unwrap()
        .to_rfc2822();
    let who = i % 5;
    let head = format!(
        "From: Dev {who} <dev{who}@example.org>\nTo: {ADDRESS}\nDate: {date}\n\
         Message-ID: <pi-{i}@example.org>\n"
    );
    let text = match parent {
        Some(p) => format!(
            "{head}Subject: Re: [PATCH] widget: change {p}\nIn-Reply-To: <pi-{p}@example.org>\n\
             References: <pi-{p}@example.org>\n\nLooks right.\n\n\
             Reviewed-by: Dev {who} <dev{who}@example.org>\n"
        ),
        None => {
            let lines: String = (0..20).map(|l| format!("+int w{i}_{l} = {l};\n")).collect();
            format!(
                "{head}Subject: [PATCH] widget: change {i}\n\nChange {i} of the widget.\n\n\
                 Signed-off-by: Dev {who} <dev{who}@example.org>\n---\n \
                 w{i}.c | 20 ++++++++++++++++++++\n 1 file changed, 20 insertions(+)\n\n\
                 diff --git a/w{i}.c b/w{i}.c\nnew file mode 100644\nindex 0000000..1111111\n\
                 --- /dev/null\n+++ b/w{i}.c\n@@ -0,0 +1,20 @@\n{lines}-- \n2.47.0\n"
            )
        }
    };
    text.into_bytes()
}

/// What the relay does with the server's answers once `limit` bytes of them went through.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Relay {
    Pass,
    /// Hold every answer (the transfer hangs) until the mode changes.
    Stall(u64),
    /// Close every connection (the server is gone).
    Cut(u64),
}

/// A TCP relay from a local port to the server's, counting the bytes it returns.
pub struct Proxy {
    pub port: u16,
    mode: Arc<Mutex<Relay>>,
    sent: Arc<AtomicU64>,
    held: Arc<AtomicBool>,
}

impl Proxy {
    pub fn new(upstream: u16, mode: Relay) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let proxy = Proxy {
            port: listener.local_addr().unwrap().port(),
            mode: Arc::new(Mutex::new(mode)),
            sent: Arc::new(AtomicU64::new(0)),
            held: Arc::new(AtomicBool::new(false)),
        };
        let (mode, sent, held) = (proxy.mode.clone(), proxy.sent.clone(), proxy.held.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    continue;
                };
                let (mode, sent, held) = (mode.clone(), sent.clone(), held.clone());
                std::thread::spawn(move || relay(client, server, &mode, &sent, &held));
            }
        });
        proxy
    }

    pub fn set(&self, mode: Relay) {
        *self.mode.lock().unwrap() = mode;
    }

    /// Waits until an answer is held back (Stall), at most 60 s.
    pub fn wait_until_held(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        while !self.held.load(Ordering::SeqCst) {
            assert!(Instant::now() < deadline, "the relay never stalled");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

fn relay(
    client: TcpStream,
    server: TcpStream,
    mode: &Mutex<Relay>,
    sent: &AtomicU64,
    held: &AtomicBool,
) {
    let (mut c_in, mut s_out) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    std::thread::spawn(move || {
        let _ = std::io::copy(&mut c_in, &mut s_out);
        let _ = s_out.shutdown(Shutdown::Write);
    });
    let (mut from, mut to) = (server, client);
    let mut buf = [0u8; 512];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        loop {
            let m = *mode.lock().unwrap();
            let past = |limit: u64| sent.load(Ordering::SeqCst) + n as u64 > limit;
            match m {
                Relay::Cut(limit) if past(limit) => {
                    let _ = to.shutdown(Shutdown::Both);
                    let _ = from.shutdown(Shutdown::Both);
                    return;
                }
                Relay::Stall(limit) if past(limit) => {
                    held.store(true, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(20));
                }
                _ => break,
            }
        }
        sent.fetch_add(n as u64, Ordering::SeqCst);
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

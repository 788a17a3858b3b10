//! git's smart HTTP protocol for libgit2, over the same HTTP client as everything else: one TLS
//! stack (rustls, no OpenSSL to build or link), the same proxies, timeouts, retries, user agent
//! and byte count. libgit2 speaks the protocol; this only carries its requests (stateless RPC:
//! `GET info/refs?service=git-upload-pack`, then a `POST git-upload-pack` per round). Fetching
//! only: patchq never pushes over HTTP.

use std::io::{self, Read, Write};
use std::sync::Once;

use git2::transport::{Service, SmartSubtransport, SmartSubtransportStream, Transport};

use super::http::{Counted, agent, with_retries};

/// Makes libgit2 use this transport for `http://` and `https://` URLs (once per process).
pub fn register() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for scheme in ["http", "https"] {
            // Safety: libgit2 needs registration not to race with the creation of a transport.
            // `Once` runs this exactly once, from `mirror` before it makes its remote; patchq
            // makes remotes on one thread at a time (sync fetches epochs one after the other),
            // and share moves its history with the git command, not libgit2.
            let registered = unsafe {
                git2::transport::register(scheme, |remote| {
                    Transport::smart(remote, true, HttpSubtransport)
                })
            };
            if let Err(e) = registered {
                eprintln!("patchq: cannot register the {scheme} transport: {e}");
            }
        }
    });
}

struct HttpSubtransport;

impl SmartSubtransport for HttpSubtransport {
    fn action(
        &self,
        url: &str,
        action: Service,
    ) -> Result<Box<dyn SmartSubtransportStream>, git2::Error> {
        let base = url.trim_end_matches('/').to_string();
        match action {
            Service::UploadPackLs | Service::UploadPack => Ok(Box::new(Exchange {
                base,
                ls: action == Service::UploadPackLs,
                request: Vec::new(),
                response: None,
            })),
            Service::ReceivePackLs | Service::ReceivePack => {
                Err(git2::Error::from_str("patchq does not push over HTTP"))
            }
        }
    }

    fn close(&self) -> Result<(), git2::Error> {
        Ok(())
    }
}

/// One request and its response: what libgit2 writes is the request body; the request is sent
/// when it first reads.
struct Exchange {
    base: String,
    ls: bool,
    request: Vec<u8>,
    response: Option<Box<dyn Read + Send>>,
}

impl Exchange {
    fn send(&mut self) -> io::Result<Box<dyn Read + Send>> {
        let (url, response) = if self.ls {
            let url = format!("{}/info/refs?service=git-upload-pack", self.base);
            let r = with_retries(&url, || agent().get(&url).call());
            (url, r)
        } else {
            let url = format!("{}/git-upload-pack", self.base);
            let body = std::mem::take(&mut self.request);
            let r = with_retries(&url, || {
                agent()
                    .post(&url)
                    .header("Content-Type", "application/x-git-upload-pack-request")
                    .header("Accept", "application/x-git-upload-pack-result")
                    .send(&body[..])
            });
            (url, r)
        };
        let response = response.map_err(io::Error::other)?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(io::Error::other(format!(
                "{url}: the server answered {status}"
            )));
        }
        Ok(Box::new(Counted(response.into_body().into_reader())))
    }
}

impl Read for Exchange {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.response.is_none() {
            self.response = Some(self.send()?);
        }
        self.response.as_mut().expect("set above").read(buf)
    }
}

impl Write for Exchange {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.request.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

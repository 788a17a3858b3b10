//! HTTP for public-inbox servers: one agent (rustls with the web's root certificates, proxies
//! from the standard environment variables, timeouts, a user agent naming patchq), GETs and
//! POSTs retried with backoff on network errors and server errors, every error naming the URL,
//! and the bytes received counted.

use std::io::Read;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::RemoteError;

/// Attempts per request before giving up, and the first pause between them (doubled each time).
const ATTEMPTS: u32 = 4;
const FIRST_PAUSE: Duration = Duration::from_millis(250);
/// The largest body read into memory (a thread's mbox, a manifest).
const MAX_BODY: u64 = 1 << 30;

/// Bytes received from servers by this process (bodies, git packs included).
static RECEIVED: AtomicU64 = AtomicU64::new(0);

/// The proxy `--proxy` asked for (else the standard variables: `https_proxy`, `ALL_PROXY`,
/// `NO_PROXY` ...).
static PROXY: OnceLock<ureq::Proxy> = OnceLock::new();

/// Sends every request through `proxy` (`http://host:port`, `socks5://...`); before the first
/// request only.
pub fn set_proxy(proxy: &str) -> Result<(), RemoteError> {
    let parsed = ureq::Proxy::new(proxy).map_err(|e| RemoteError::http(proxy, e))?;
    PROXY.set(parsed).map_err(|_| RemoteError::Http {
        url: proxy.to_string(),
        message: "the proxy is set once, before the first request".into(),
    })
}

/// The process's agent (connections are pooled across requests).
pub(super) fn agent() -> &'static ureq::Agent {
    static AGENT: OnceLock<ureq::Agent> = OnceLock::new();
    AGENT.get_or_init(|| {
        let builder = ureq::Agent::config_builder();
        let builder = match PROXY.get() {
            Some(p) => builder.proxy(Some(p.clone())),
            None => builder,
        };
        builder
            .user_agent(format!(
                "patchq/{} (+https://github.com/patchq)",
                env!("CARGO_PKG_VERSION")
            ))
            .timeout_connect(Some(Duration::from_secs(20)))
            .timeout_per_read(Some(Duration::from_secs(120)))
            .http_status_as_error(false)
            .build()
            .into()
    })
}

/// Bytes received so far by this process.
pub fn received() -> u64 {
    RECEIVED.load(Ordering::Relaxed)
}

/// A response body that counts what is read of it.
pub(super) struct Counted<R>(pub R);

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        RECEIVED.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// GETs `url` into memory; `None` for 404 (and 410).
pub fn get(url: &str) -> Result<Option<Vec<u8>>, RemoteError> {
    let response = with_retries(url, || agent().get(url).call())?;
    match response.status().as_u16() {
        404 | 410 => Ok(None),
        200..=299 => {
            let mut body = Vec::new();
            Counted(response.into_body().into_reader().take(MAX_BODY))
                .read_to_end(&mut body)
                .map_err(|e| RemoteError::http(url, e))?;
            Ok(Some(body))
        }
        status => Err(RemoteError::Http {
            url: url.to_string(),
            message: format!("the server answered {status}"),
        }),
    }
}

/// Runs `request` until it gets an answer that is not a server error, `ATTEMPTS` times at most.
pub(super) fn with_retries(
    url: &str,
    mut request: impl FnMut() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
) -> Result<ureq::http::Response<ureq::Body>, RemoteError> {
    let mut pause = FIRST_PAUSE;
    let mut attempt = 1;
    loop {
        let outcome = request();
        let retry = match &outcome {
            Ok(r) => r.status().is_server_error(),
            Err(e) => transient(e),
        };
        if !retry || attempt >= ATTEMPTS {
            return outcome.map_err(|e| RemoteError::http(url, e));
        }
        std::thread::sleep(pause);
        pause *= 2;
        attempt += 1;
    }
}

/// Errors worth another try (the network), not ones that will repeat (a bad URL).
fn transient(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::Io(_)
            | ureq::Error::Timeout(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::HostNotFound
    )
}

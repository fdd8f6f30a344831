//! A hand-written HTTP/1.1 server on 127.0.0.1 for the load test and the loopback benchmark:
//! wiremock cannot reset a connection in the middle of a body, and under a thousand concurrent
//! calls the counts (token exchanges, nonce rotations) must be exact. It serves the recorded
//! restore job, checks a service account's bearer token or a Digest answer, and plays the
//! fault a request names in its `x-load-fault` header.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use base64::Engine as _;
use md5::{Digest as _, Md5};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};

use super::recorded;
use super::server::digest_params;

/// The header naming the fault a request asks the server to play.
pub const FAULT_HEADER: &str = "x-load-fault";
/// The header identifying a call across its attempts (for faults that end after one attempt).
pub const CALL_HEADER: &str = "x-load-call";
/// The token endpoint's path on the base URL.
pub const TOKEN_PATH: &str = "/api/oauth/token";
pub const CLIENT_ID: &str = "mdb_sa_id_load";
pub const CLIENT_SECRET: &str = "mdb_sa_sk_load_SECRET";
pub const PUBLIC_KEY: &str = "pubkey-load";
pub const PRIVATE_KEY: &str = "private-load-SECRET";
const REALM: &str = "MMS Public API";
/// How long a `slow` request waits before its answer: far past any attempt timeout the tests set.
pub const SLOW_ANSWER: Duration = Duration::from_secs(3);

/// How the API checks its callers.
pub enum Auth {
    None,
    /// A service account: bearer tokens from [`TOKEN_PATH`]; the current token is revoked once,
    /// after `revoke_after` accepted requests.
    Bearer {
        revoke_after: usize,
    },
    /// HTTP Digest (MD5, qop=auth); the nonce is replaced after every `rotate_every` accepted
    /// requests, `rotations` times, and answers to an old nonce get `stale=true`.
    Digest {
        rotate_every: usize,
        rotations: usize,
    },
}

/// What the server counted.
#[derive(Debug, Default)]
pub struct Counts {
    pub token_requests: AtomicUsize,
    pub revocations: AtomicUsize,
    pub nonce_rotations: AtomicUsize,
    pub accepted: AtomicUsize,
    pub unauthorized: AtomicUsize,
    pub stale: AtomicUsize,
    pub throttled: AtomicUsize,
    pub resets: AtomicUsize,
    pub connections: AtomicUsize,
}

struct State {
    auth: Auth,
    ok: Vec<u8>,
    unauthorized: Vec<u8>,
    throttled: Vec<u8>,
    /// The bearer token the API accepts now, if any.
    valid_token: Mutex<Option<String>>,
    /// The current Digest nonce and the nonce counts used with it.
    nonce: Mutex<(String, HashSet<u32>)>,
    /// Calls already answered once with a 429 by the `throttled-once` fault.
    throttled_calls: Mutex<HashSet<String>>,
    counts: Counts,
}

/// A running loopback server; it stops when the runtime that started it ends.
pub struct LoopbackServer {
    pub addr: SocketAddr,
    state: Arc<State>,
}

impl LoopbackServer {
    pub async fn start(auth: Auth) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let addr = listener.local_addr().unwrap();
        let state = Arc::new(State {
            auth,
            ok: recorded("get_restore_job_200.http").body,
            unauthorized: recorded("get_restore_job_401.http").body,
            throttled: recorded("get_restore_job_429.http").body,
            valid_token: Mutex::new(None),
            nonce: Mutex::new(("nonce-0".to_owned(), HashSet::new())),
            throttled_calls: Mutex::new(HashSet::new()),
            counts: Counts::default(),
        });
        let accepting = Arc::clone(&state);
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                accepting.counts.connections.fetch_add(1, Ordering::Relaxed);
                tokio::spawn(serve_connection(stream, Arc::clone(&accepting)));
            }
        });
        LoopbackServer { addr, state }
    }

    pub fn uri(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn counts(&self) -> &Counts {
        &self.state.counts
    }
}

/// One parsed request: what the server decides on.
struct Incoming {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Incoming {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// What to do with one request.
enum Answer {
    Full {
        status: u16,
        extra: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// The head and half the body, then a TCP reset.
    ResetMidBody,
    /// The full 200, after [`SLOW_ANSWER`].
    Slow,
}

async fn serve_connection(mut stream: TcpStream, state: Arc<State>) {
    let mut buffer = Vec::with_capacity(4096);
    loop {
        let Some(request) = read_request(&mut stream, &mut buffer).await else { return };
        let answer = answer(&state, &request);
        let written = match answer {
            Answer::Full { status, extra, body } => write_response(&mut stream, status, &extra, &body).await,
            Answer::Slow => {
                tokio::time::sleep(SLOW_ANSWER).await;
                write_response(&mut stream, 200, &[], &state.ok).await
            }
            Answer::ResetMidBody => {
                state.counts.resets.fetch_add(1, Ordering::Relaxed);
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                    state.ok.len()
                );
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(&state.ok[..state.ok.len() / 2]).await;
                let _ = stream.flush().await;
                // A zero linger makes the close a reset (RST), not an orderly FIN.
                let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
                return;
            }
        };
        if written.is_err() {
            return;
        }
    }
}

/// Reads one request (head and `content-length` body); `None` when the peer closed.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Incoming> {
    loop {
        let mut slots = [httparse::EMPTY_HEADER; 32];
        let mut parsed = httparse::Request::new(&mut slots);
        if let httparse::Status::Complete(head_len) = parsed.parse(buffer).ok()? {
            let headers: Vec<(String, String)> = parsed
                .headers
                .iter()
                .map(|h| (h.name.to_owned(), String::from_utf8_lossy(h.value).into_owned()))
                .collect();
            let body_len = headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.parse::<usize>().ok())
                .unwrap_or(0);
            let method = parsed.method?.to_owned();
            let target = parsed.path?.to_owned();
            while buffer.len() < head_len + body_len {
                let mut chunk = [0u8; 4096];
                let read = stream.read(&mut chunk).await.ok()?;
                if read == 0 {
                    return None;
                }
                buffer.extend_from_slice(&chunk[..read]);
            }
            let body = buffer[head_len..head_len + body_len].to_vec();
            buffer.drain(..head_len + body_len);
            return Some(Incoming { method, target, headers, body });
        }
        let mut chunk = [0u8; 4096];
        let read = stream.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
}

async fn write_response(
    stream: &mut TcpStream,
    status: u16,
    extra: &[(&'static str, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {status} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n",
        reason(status),
        body.len()
    );
    for (name, value) in extra {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut message = head.into_bytes();
    message.extend_from_slice(body);
    stream.write_all(&message).await
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        401 => "Unauthorized",
        429 => "Too Many Requests",
        _ => "Bad Request",
    }
}

fn answer(state: &State, request: &Incoming) -> Answer {
    if request.target == TOKEN_PATH {
        return token_exchange(state, request);
    }
    if let Some(challenge) = authorize(state, request) {
        return challenge;
    }
    match request.header(FAULT_HEADER) {
        Some("reset") => Answer::ResetMidBody,
        Some("slow") => Answer::Slow,
        Some("throttled") => throttled(state),
        Some("throttled-once") => {
            let call = request.header(CALL_HEADER).unwrap_or_default().to_owned();
            if state.throttled_calls.lock().unwrap().insert(call) {
                throttled(state)
            } else {
                Answer::Full { status: 200, extra: Vec::new(), body: state.ok.clone() }
            }
        }
        _ => Answer::Full { status: 200, extra: Vec::new(), body: state.ok.clone() },
    }
}

fn throttled(state: &State) -> Answer {
    state.counts.throttled.fetch_add(1, Ordering::Relaxed);
    Answer::Full { status: 429, extra: vec![("retry-after", "1".to_owned())], body: state.throttled.clone() }
}

fn token_exchange(state: &State, request: &Incoming) -> Answer {
    let index = state.counts.token_requests.fetch_add(1, Ordering::SeqCst) + 1;
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    let well_formed = request.method == "POST"
        && request.header("authorization") == Some(format!("Basic {basic}").as_str())
        && request.body == b"grant_type=client_credentials";
    if !well_formed {
        return Answer::Full { status: 400, extra: Vec::new(), body: br#"{"error":"invalid_client"}"#.to_vec() };
    }
    let token = format!("load-token-{index}");
    *state.valid_token.lock().unwrap() = Some(token.clone());
    let body = serde_json::to_vec(&serde_json::json!({
        "access_token": token, "expires_in": 3600, "token_type": "Bearer"
    }))
    .unwrap();
    Answer::Full { status: 200, extra: Vec::new(), body }
}

/// `None` when the request may proceed, else the 401 to answer.
fn authorize(state: &State, request: &Incoming) -> Option<Answer> {
    let unauthorized = |challenge: Option<String>| {
        state.counts.unauthorized.fetch_add(1, Ordering::Relaxed);
        let extra = challenge.map(|c| vec![("www-authenticate", c)]).unwrap_or_default();
        Some(Answer::Full { status: 401, extra, body: state.unauthorized.clone() })
    };
    match state.auth {
        Auth::None => None,
        Auth::Bearer { revoke_after } => {
            let sent = request.header("authorization").and_then(|a| a.strip_prefix("Bearer "));
            let mut valid = state.valid_token.lock().unwrap();
            if sent.is_none() || sent != valid.as_deref() {
                return unauthorized(None);
            }
            let accepted = state.counts.accepted.fetch_add(1, Ordering::SeqCst) + 1;
            // The token expires in the middle of the load: the first token's requests after
            // this one are refused, as a server refuses an expired token.
            if accepted == revoke_after {
                *valid = None;
                state.counts.revocations.fetch_add(1, Ordering::SeqCst);
            }
            None
        }
        Auth::Digest { rotate_every, rotations } => {
            let mut nonce = state.nonce.lock().unwrap();
            let challenge = |nonce: &str, stale: bool| {
                format!(
                    "Digest realm=\"{REALM}\", domain=\"\", nonce=\"{nonce}\", algorithm=MD5, qop=\"auth\", stale={stale}"
                )
            };
            match check_digest(request, &nonce.0) {
                Ok(count) if nonce.1.insert(count) => {}
                Ok(_) => return unauthorized(Some(challenge(&nonce.0, false))),
                Err(stale) => {
                    if stale {
                        state.counts.stale.fetch_add(1, Ordering::Relaxed);
                    }
                    return unauthorized(Some(challenge(&nonce.0, stale)));
                }
            }
            let accepted = state.counts.accepted.fetch_add(1, Ordering::SeqCst) + 1;
            let done = state.counts.nonce_rotations.load(Ordering::SeqCst);
            if accepted.is_multiple_of(rotate_every) && done < rotations {
                *nonce = (format!("nonce-{}", done + 1), HashSet::new());
                state.counts.nonce_rotations.fetch_add(1, Ordering::SeqCst);
            }
            None
        }
    }
}

/// Checks a Digest answer against the current nonce: its nonce count, or `Err(stale)` when it
/// is refused (`stale` when it answered an older nonce correctly).
fn check_digest(request: &Incoming, nonce: &str) -> Result<u32, bool> {
    let params = request.header("authorization").and_then(digest_params).ok_or(false)?;
    let get = |name: &str| params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).ok_or(false);
    if get("username")? != PUBLIC_KEY || get("realm")? != REALM || get("qop")? != "auth" {
        return Err(false);
    }
    let (uri, nc, cnonce, sent_nonce) = (get("uri")?, get("nc")?, get("cnonce")?, get("nonce")?);
    if uri != request.target {
        return Err(false);
    }
    let ha1 = md5_hex(&format!("{PUBLIC_KEY}:{REALM}:{PRIVATE_KEY}"));
    let ha2 = md5_hex(&format!("{}:{uri}", request.method));
    let expected = md5_hex(&format!("{ha1}:{sent_nonce}:{nc}:{cnonce}:auth:{ha2}"));
    if get("response")? != expected {
        return Err(false);
    }
    if sent_nonce != nonce {
        return Err(true);
    }
    u32::from_str_radix(nc, 16).map_err(|_| false)
}

fn md5_hex(text: &str) -> String {
    format!("{:x}", Md5::digest(text.as_bytes()))
}

//! The preview's web server, with every resource bounded: a fixed pool of workers,
//! requests read without a thread until they have all arrived, a limit on their size
//! and on how long they may take to arrive, and a deadline for writing each answer.
//!
//! It answers GET only, one request a connection. One thread waits on every
//! connection whose request is still arriving (through `mio`, the readiness of many
//! sockets at once), so idle or slow connections cost a socket each and no thread;
//! a request that has arrived whole goes to one of [`WORKERS`] threads.

use std::collections::BTreeMap;
use std::io::{self, ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use mio::unix::SourceFd;
use mio::{Events, Interest, Poll, Token};

use crate::i18n::t;

/// The threads that answer requests.
pub const WORKERS: usize = 8;
/// Requests that have arrived, waiting for a worker; past these the preview is busy.
const QUEUE: usize = 64;
/// The most a request's line and headers may take, in bytes.
pub const MAX_HEAD: usize = 16 * 1024;
/// The most headers a request may have.
const MAX_HEADERS: usize = 64;
/// How long a request may take to arrive whole, from its connection.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// How long an answer may take to be written, from its first byte.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// The connections whose request is still arriving; past these the oldest is closed,
/// so a flood of idle connections cannot keep a new one from a page out.
pub const MAX_WAITING: usize = 256;

/// The media type of every refusal.
pub const TEXT: &str = "text/plain; charset=utf-8";

/// A GET request that arrived whole, with no body.
pub struct Request {
    /// The request's target (path and query), as sent.
    pub target: String,
    /// The `Host` header, if it had one in UTF-8.
    pub host: Option<String>,
}

/// A refusal: its status, and a text shown in the browser ([`Refusal::text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    TooLarge,
    NotHttp,
    OnlyGet,
    HasBody,
    TooSlow,
    Busy,
}

impl Refusal {
    /// The HTTP status.
    fn status(self) -> u16 {
        match self {
            Self::TooLarge => 431,
            Self::NotHttp => 400,
            Self::OnlyGet => 405,
            Self::HasBody => 413,
            Self::TooSlow => 408,
            Self::Busy => 503,
        }
    }

    /// What the browser shows, in the tool's language.
    fn text(self) -> String {
        match self {
            Self::TooLarge => t!("http-too-large"),
            Self::NotHttp => t!("http-not-http"),
            Self::OnlyGet => t!("http-only-get"),
            Self::HasBody => t!("http-has-body"),
            Self::TooSlow => t!("http-too-slow"),
            Self::Busy => t!("http-busy"),
        }
        .text
    }
}

/// A listening socket, not yet serving.
pub struct Server {
    listener: TcpListener,
}

impl Server {
    /// Listens on `address`.
    pub fn bind(address: SocketAddr) -> io::Result<Self> {
        Ok(Self { listener: TcpListener::bind(address)? })
    }

    /// The address it listens on (with the port chosen, for port 0).
    pub fn address(&self) -> io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answers requests with `handle` on [`WORKERS`] threads until the process ends.
    pub fn run(self, handle: impl Fn(Request, Responder) + Send + Sync + 'static) -> io::Result<()> {
        let (queue, jobs) = std::sync::mpsc::sync_channel(QUEUE);
        let jobs = Arc::new(Mutex::new(jobs));
        let handle = Arc::new(handle);
        for _ in 0..WORKERS {
            let (jobs, handle) = (Arc::clone(&jobs), Arc::clone(&handle));
            std::thread::spawn(move || work(&jobs, &*handle));
        }
        Arrivals::new(self.listener, queue)?.run()
    }
}

/// A worker: answers one request after another.
fn work(jobs: &Mutex<Receiver<(Request, Responder)>>, handle: &(impl Fn(Request, Responder) + Sync)) {
    loop {
        let Ok((request, responder)) = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv() else { return };
        // A panic while answering closes that connection; the worker goes on.
        let _ = panic::catch_unwind(AssertUnwindSafe(|| handle(request, responder)));
    }
}

/// A connection whose request is still arriving.
struct Waiting {
    stream: TcpStream,
    head: Vec<u8>,
    since: Instant,
}

/// The thread that accepts connections and reads their requests.
struct Arrivals {
    listener: TcpListener,
    poll: Poll,
    /// By token, which grows with each connection: the first is the oldest.
    waiting: BTreeMap<usize, Waiting>,
    next: usize,
    queue: SyncSender<(Request, Responder)>,
}

/// The listener's token; connections count from 1.
const LISTENER: Token = Token(0);

impl Arrivals {
    fn new(listener: TcpListener, queue: SyncSender<(Request, Responder)>) -> io::Result<Self> {
        listener.set_nonblocking(true)?;
        let poll = Poll::new()?;
        poll.registry().register(&mut SourceFd(&listener.as_raw_fd()), LISTENER, Interest::READABLE)?;
        Ok(Self { listener, poll, waiting: BTreeMap::new(), next: 1, queue })
    }

    fn run(mut self) -> io::Result<()> {
        let mut events = Events::with_capacity(256);
        loop {
            let oldest = self.waiting.first_key_value().map(|(_, waiting)| waiting.since + HEAD_TIMEOUT);
            let timeout = oldest.map(|deadline| deadline.saturating_duration_since(Instant::now()));
            if let Err(err) = self.poll.poll(&mut events, timeout)
                && err.kind() != ErrorKind::Interrupted
            {
                return Err(err);
            }
            for event in &events {
                match event.token() {
                    LISTENER => self.accept(),
                    Token(id) => self.read(id),
                }
            }
            self.expire();
        }
    }

    /// Takes every connection waiting to be accepted.
    fn accept(&mut self) {
        loop {
            let stream = match self.listener.accept() {
                Ok((stream, _)) => stream,
                Err(err) if err.kind() == ErrorKind::WouldBlock => return,
                Err(err) if matches!(err.kind(), ErrorKind::Interrupted | ErrorKind::ConnectionAborted) => continue,
                // Out of sockets, most likely: the oldest waiting one makes room.
                Err(_) => match self.waiting.pop_first() {
                    Some(_) => continue,
                    None => return,
                },
            };
            let id = self.next;
            self.next += 1;
            let registered = stream.set_nonblocking(true).and_then(|()| {
                self.poll.registry().register(&mut SourceFd(&stream.as_raw_fd()), Token(id), Interest::READABLE)
            });
            if registered.is_ok() {
                self.waiting.insert(id, Waiting { stream, head: Vec::new(), since: Instant::now() });
            }
            if self.waiting.len() > MAX_WAITING {
                self.close(self.waiting.keys().next().copied());
            }
        }
    }

    /// Reads what arrived on a connection; answers or hands on its request once whole.
    fn read(&mut self, id: usize) {
        let Some(waiting) = self.waiting.get_mut(&id) else { return };
        let mut chunk = [0; 4096];
        // Readiness is reported once per arrival: read until there is no more.
        while waiting.head.len() < MAX_HEAD {
            match waiting.stream.read(&mut chunk) {
                Ok(0) => return self.close(Some(id)),
                Ok(read) => waiting.head.extend_from_slice(&chunk[..read]),
                Err(err) if err.kind() == ErrorKind::WouldBlock => break,
                Err(err) if err.kind() == ErrorKind::Interrupted => {}
                Err(_) => return self.close(Some(id)),
            }
        }
        match parse(&waiting.head) {
            Ok(None) => {}
            Ok(Some(request)) => self.dispatch(id, request),
            Err(refusal) => self.refuse(id, refusal),
        }
    }

    /// Hands a whole request to a worker, or says the preview is busy.
    fn dispatch(&mut self, id: usize, request: Request) {
        let Some(waiting) = self.waiting.remove(&id) else { return };
        let _ = self.poll.registry().deregister(&mut SourceFd(&waiting.stream.as_raw_fd()));
        match self.queue.try_send((request, Responder { stream: waiting.stream })) {
            Ok(()) => {}
            Err(TrySendError::Full((_, responder)) | TrySendError::Disconnected((_, responder))) => {
                write_refusal(&responder.stream, Refusal::Busy);
            }
        }
    }

    /// Answers a connection with a refusal and closes it.
    fn refuse(&mut self, id: usize, refusal: Refusal) {
        if let Some(waiting) = self.waiting.get(&id) {
            write_refusal(&waiting.stream, refusal);
        }
        self.close(Some(id));
    }

    /// Closes the connections whose request has taken too long to arrive.
    fn expire(&mut self) {
        let now = Instant::now();
        while let Some((&id, waiting)) = self.waiting.first_key_value() {
            if now < waiting.since + HEAD_TIMEOUT {
                return;
            }
            self.refuse(id, Refusal::TooSlow);
        }
    }

    fn close(&mut self, id: Option<usize>) {
        if let Some(waiting) = id.and_then(|id| self.waiting.remove(&id)) {
            let _ = self.poll.registry().deregister(&mut SourceFd(&waiting.stream.as_raw_fd()));
        }
    }
}

/// A whole request from what has arrived, `None` while more is to come, or why it
/// is refused.
fn parse(head: &[u8]) -> Result<Option<Request>, Refusal> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    let length = match parsed.parse(head) {
        Ok(httparse::Status::Partial) if head.len() < MAX_HEAD => return Ok(None),
        Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => return Err(Refusal::TooLarge),
        Err(_) => return Err(Refusal::NotHttp),
        Ok(httparse::Status::Complete(length)) => length,
    };
    if length > MAX_HEAD {
        return Err(Refusal::TooLarge);
    }
    if parsed.method != Some("GET") {
        return Err(Refusal::OnlyGet);
    }
    let header = |name: &str| parsed.headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).map(|h| h.value);
    let empty = |length: &[u8]| std::str::from_utf8(length).ok().and_then(|l| l.trim().parse::<u64>().ok()) == Some(0);
    if header("Transfer-Encoding").is_some() || header("Content-Length").is_some_and(|length| !empty(length)) {
        return Err(Refusal::HasBody);
    }
    let host = header("Host").and_then(|host| std::str::from_utf8(host).ok()).map(str::to_string);
    Ok(Some(Request { target: parsed.path.unwrap_or_default().to_string(), host }))
}

/// Writes a refusal to a connection that has written nothing yet, without waiting:
/// it is short, and the socket's buffer is empty.
fn write_refusal(stream: &TcpStream, refusal: Refusal) {
    let (status, text) = (refusal.status(), refusal.text());
    let _ = stream.set_nonblocking(true);
    let mut writer = stream;
    let _ = writer.write_all(head(status, TEXT, Some(text.len())).as_bytes());
    let _ = writer.write_all(text.as_bytes());
    linger(stream);
}

/// Ends the answer, and reads what the client sent beyond its request: closing a
/// socket with unread bytes resets it, and the client could lose the answer.
fn linger(stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_nonblocking(true);
    let mut reader = stream;
    let mut chunk = [0; 4096];
    for _ in 0..16 {
        if !matches!(reader.read(&mut chunk), Ok(read) if read > 0) {
            return;
        }
    }
}

/// The status line and headers of an answer; with no length, the body lasts until
/// the connection closes.
fn head(status: u16, content_type: &str, length: Option<usize>) -> String {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    };
    let length = length.map(|length| format!("Content-Length: {length}\r\n")).unwrap_or_default();
    format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\n{length}Cache-Control: no-store\r\n\
         X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n"
    )
}

/// The connection of one request, to answer once.
pub struct Responder {
    stream: TcpStream,
}

impl Responder {
    /// Answers with a status and a body, and closes the connection.
    pub fn send(self, status: u16, content_type: &str, body: &[u8]) {
        let deadline = Instant::now() + WRITE_TIMEOUT;
        let head = head(status, content_type, Some(body.len()));
        if self.write(deadline, head.as_bytes()).and_then(|()| self.write(deadline, body)).is_ok() {
            linger(&self.stream);
        }
    }

    /// Answers 200 with a body that lasts as long as the connection, and gives the
    /// connection to be written to later.
    pub fn stream(self, content_type: &str) -> Option<TcpStream> {
        let deadline = Instant::now() + WRITE_TIMEOUT;
        self.write(deadline, head(200, content_type, None).as_bytes()).ok()?;
        Some(self.stream)
    }

    /// Writes all of `bytes` by the deadline, or fails: a client that reads slowly or
    /// not at all holds a worker no longer than that.
    fn write(&self, deadline: Instant, bytes: &[u8]) -> io::Result<()> {
        self.stream.set_nonblocking(false)?;
        let mut writer = &self.stream;
        for chunk in bytes.chunks(16 * 1024) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(ErrorKind::TimedOut.into());
            }
            self.stream.set_write_timeout(Some(left))?;
            writer.write_all(chunk)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_read_whole_and_within_bounds() {
        let request =
            parse(b"GET /view/a%20b?t=1 HTTP/1.1\r\nhost: 127.0.0.1:8\r\n\r\n").expect("parsed").expect("whole");
        assert_eq!((request.target.as_str(), request.host.as_deref()), ("/view/a%20b?t=1", Some("127.0.0.1:8")));
        assert!(matches!(parse(b"GET / HTTP/1.1\r\nHost: a\r\n"), Ok(None)));
        assert_eq!(parse(b"POST / HTTP/1.1\r\n\r\n").err(), Some(Refusal::OnlyGet));
        assert_eq!(parse(b"GET / HTTP/1.1\r\nContent-Length: 0\r\n\r\n").map(|r| r.is_some()), Ok(true));
        assert_eq!(parse(b"GET / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx").err(), Some(Refusal::HasBody));
        assert_eq!(parse(b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n").err(), Some(Refusal::HasBody));
        assert_eq!(parse(b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03").err(), Some(Refusal::NotHttp));
        assert_eq!(parse(&[b'a'; MAX_HEAD]).err(), Some(Refusal::TooLarge));
        let long = format!("GET / HTTP/1.1\r\nX: {}", "a".repeat(MAX_HEAD));
        assert_eq!(parse(long.as_bytes()).err(), Some(Refusal::TooLarge));
    }
}

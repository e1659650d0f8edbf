//! The pages' event streams (server-sent events): each open list or viewer holds one
//! and is told which files were rebuilt. A stream holds a socket and no thread; it is
//! written to without waiting, and a page that does not read its events loses its
//! stream (its browser opens another), so no page can hold up the others.

use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use crate::i18n::t;
use crate::serve::http::{Responder, TEXT};

/// The most pages that can listen at once; past these a page's stream is refused.
pub const MAX_STREAMS: usize = 32;

/// How often an idle stream is written to, to find pages that have gone.
pub const HEARTBEAT: Duration = Duration::from_secs(10);

/// The open event streams.
#[derive(Default)]
pub struct Streams {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    open: Vec<TcpStream>,
    /// Streams being opened, counted against [`MAX_STREAMS`] already.
    opening: usize,
}

impl Streams {
    /// Answers a page's request for events: its stream is kept, or refused (503)
    /// while [`MAX_STREAMS`] are open.
    pub fn open(&self, responder: Responder) {
        {
            let mut state = self.lock();
            state.open.retain(alive);
            if state.open.len() + state.opening >= MAX_STREAMS {
                drop(state);
                return responder.send(503, TEXT, t!("preview-busy-pages").text.as_bytes());
            }
            state.opening += 1;
        }
        let stream = responder.stream("text/event-stream");
        let mut state = self.lock();
        state.opening -= 1;
        if let Some(stream) = stream.filter(|stream| stream.set_nonblocking(true).is_ok())
            && send(&stream, ": connected\n\n")
        {
            state.open.push(stream);
        }
    }

    /// Tells every page that the file at `link` (a percent-encoded id, which holds no
    /// line break) was rebuilt.
    pub fn announce(&self, link: &str) {
        let event = format!("data: {link}\n\n");
        self.lock().open.retain(|stream| send(stream, &event));
    }

    /// Writes a comment to every stream, and drops those of pages that have gone.
    pub fn heartbeat(&self) {
        self.lock().open.retain(|stream| alive(stream) && send(stream, ": still here\n\n"));
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Writes all of `text` without waiting; a stream whose page is not reading (its
/// buffer full) or has gone fails, and is dropped with what it was sent.
fn send(mut stream: &TcpStream, text: &str) -> bool {
    stream.write_all(text.as_bytes()).is_ok()
}

/// Whether a page still holds its stream: a page sends nothing after its request, so
/// the end of what it sends means it has gone.
fn alive(mut stream: &TcpStream) -> bool {
    match stream.read(&mut [0; 512]) {
        Ok(read) => read > 0,
        Err(err) => err.kind() == ErrorKind::WouldBlock,
    }
}

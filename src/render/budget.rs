//! What rendering a series' template may cost: a time budget and an output size
//! limit per render, so that a template with a runaway loop stops with an error
//! naming its figure file, instead of holding the build or the preview forever.
//!
//! Tera has no way to stop a render from outside, so the render stops itself: every
//! write of output, every call of a filter or function of ours and every `range`
//! (ours, which replaces Tera's) checks the budget of the render running on its
//! thread. A loop that does none of those (an empty loop over a list built once) is
//! not stopped that way: the render runs on a thread of its own, and the caller stops
//! waiting for it a moment after the budget, reports it, and goes on; that thread
//! runs on until its loop ends, or the process does.

use std::cell::Cell;
use std::io::Write;
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use tera::{Context, Kwargs, State, Tera, Value};

use crate::diag;
use crate::i18n::t;

/// The limits of one render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long one render may take.
    pub time: Duration,
    /// How many bytes it may write.
    pub output: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self { time: Duration::from_secs(10), output: 16 << 20 }
    }
}

/// The longest list `range` makes: more than any bulletin loops over, few enough that
/// a loop over it inside another ends.
pub const MAX_RANGE: i64 = 10_000;

static LIMITS: OnceLock<Limits> = OnceLock::new();

thread_local! {
    /// When the render running on this thread must stop, if one is running.
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Sets the limits for the rest of the process (the command line's `--time-limit`);
/// the first call wins.
pub fn set(limits: Limits) {
    let _ = LIMITS.set(limits);
}

/// The limits in force.
pub fn limits() -> Limits {
    LIMITS.get().copied().unwrap_or_default()
}

/// Why a render was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exceeded {
    /// It ran longer than the time budget.
    Time(Duration),
    /// It wrote more than the output limit.
    Output(usize),
}

impl Exceeded {
    /// What happened, as a diagnostic's message ends: `took longer than 10 s`.
    pub fn describe(self) -> String {
        match self {
            Self::Time(limit) => t!("budget-time", seconds = limit.as_secs_f64().to_string()).text,
            Self::Output(limit) => t!("budget-output", megabytes = limit >> 20).text,
        }
    }
}

/// How long past its budget a render is waited for before it is left running: time
/// for the render to notice its budget is spent and stop itself.
const GRACE: Duration = Duration::from_secs(1);

/// The stack of a render's thread: the main thread's size, for deeply nested
/// templates.
const STACK: usize = 8 << 20;

/// Why a render failed: Tera's error (which may locate where), and the limit that
/// stopped it, if one did.
pub type Failure = (tera::Error, Option<Exceeded>);

/// Renders a template within the limits: its text, or why it failed. Returns at
/// the latest a moment after the time budget, even if the render does not stop.
pub fn render(tera: &Arc<Tera>, name: &str, context: &Context) -> Result<String, Failure> {
    let limits = limits();
    let (tera, name, context) = (Arc::clone(tera), name.to_string(), context.clone());
    match within(limits.time + GRACE, move || render_here(&tera, &name, &context, limits)) {
        Ok(result) => result,
        Err(message) => Err((tera::Error::message(message), Some(Exceeded::Time(limits.time)))),
    }
}

/// Runs `work` on a thread of its own and waits for it at most `time`: its result,
/// or why there is none. Work still running after that is left to finish on its own;
/// a panic in it is raised again here.
pub fn within<T: Send + 'static>(time: Duration, work: impl FnOnce() -> T + Send + 'static) -> Result<T, String> {
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(move || {
            let _ = sender.send(diag::catch(work));
        })
        .map_err(|err| format!("could not start a thread: {err}"))?;
    match receiver.recv_timeout(time) {
        Ok(Ok(result)) => Ok(result),
        Ok(Err(panic)) => std::panic::resume_unwind(Box::new(panic)),
        Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => Err(OVER_TIME.to_string()),
    }
}

/// Renders a template on this thread, stopping itself past the limits.
fn render_here(tera: &Tera, name: &str, context: &Context, limits: Limits) -> Result<String, Failure> {
    let deadline = Instant::now() + limits.time;
    let mut output = Bounded { bytes: Vec::new(), limits, deadline, exceeded: None };
    let previous = DEADLINE.replace(Some(deadline));
    let result = tera.render_to(name, context, &mut output);
    DEADLINE.set(previous);
    let exceeded = output.exceeded.or_else(|| (Instant::now() > deadline).then_some(Exceeded::Time(limits.time)));
    match result {
        Ok(()) => String::from_utf8(output.bytes).map_err(|err| (tera::Error::message(err.to_string()), None)),
        Err(err) => Err((err, exceeded)),
    }
}

/// Fails once the render running on this thread is past its deadline; for the
/// filters and functions a template calls.
pub fn check() -> tera::TeraResult<()> {
    match DEADLINE.get() {
        Some(deadline) if Instant::now() > deadline => Err(tera::Error::message(OVER_TIME)),
        _ => Ok(()),
    }
}

/// The message of a render stopped by its deadline.
const OVER_TIME: &str = "stopped: the template ran past its time limit";

/// Output that stops the render past the limits.
struct Bounded {
    bytes: Vec<u8>,
    limits: Limits,
    deadline: Instant,
    exceeded: Option<Exceeded>,
}

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limits.output {
            self.exceeded = Some(Exceeded::Output(self.limits.output));
        } else if Instant::now() > self.deadline {
            self.exceeded = Some(Exceeded::Time(self.limits.time));
        } else {
            self.bytes.extend_from_slice(buf);
            return Ok(buf.len());
        }
        Err(std::io::Error::other(OVER_TIME))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Replaces Tera's `range` with one that checks the budget and makes at most
/// [`MAX_RANGE`] numbers: `range(end=5)`, `range(start=1, end=10, step_by=2)`.
pub fn register(tera: &mut Tera) {
    tera.register_function("range", |kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
        check()?;
        let start = kwargs.get::<i64>("start")?.unwrap_or_default();
        let end = kwargs.must_get::<i64>("end")?;
        let step = kwargs.get::<i64>("step_by")?.unwrap_or(1);
        if step == 0 {
            return Err(tera::Error::message(t!("budget-range-step-zero")));
        }
        let span = if step > 0 { i128::from(end) - i128::from(start) } else { i128::from(start) - i128::from(end) };
        let length = (span.max(0) + i128::from(step.unsigned_abs()) - 1) / i128::from(step.unsigned_abs());
        if length > i128::from(MAX_RANGE) {
            return Err(tera::Error::message(t!(
                "budget-range-too-long",
                length = length.to_string(),
                max = MAX_RANGE.to_string()
            )));
        }
        let numbers = (0..length).map(|i| Value::from(i128::from(start) + i * i128::from(step)));
        Ok(Value::from(numbers.collect::<Vec<Value>>()))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(template: &str) -> Arc<Tera> {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.add_raw_template("t", template).unwrap();
        Arc::new(tera)
    }

    #[test]
    fn range_counts_within_its_bound() {
        let render = |t: &str| render(&tera(t), "t", &Context::new()).map_err(|(err, _)| err.to_string());
        assert_eq!(render("{% for i in range(end=3) %}{{ i }}{% endfor %}").unwrap(), "012");
        assert_eq!(render("{% for i in range(start=1, end=10, step_by=4) %}{{ i }},{% endfor %}").unwrap(), "1,5,9,");
        assert_eq!(render("{% for i in range(start=3, end=0, step_by=-1) %}{{ i }}{% endfor %}").unwrap(), "321");
        assert_eq!(render("{% for i in range(start=5, end=1) %}{{ i }}{% endfor %}").unwrap(), "");
        assert_eq!(render("{{ range(end=10000) | length }}").unwrap(), "10000");
        assert!(render("{{ range(end=10001) | length }}").unwrap_err().contains("at most 10000"));
        assert!(render("{{ range(end=3, step_by=0) }}").unwrap_err().contains("step_by=0"));
    }

    #[test]
    fn output_past_the_limit_stops_the_render() {
        let limits = Limits { time: Duration::from_secs(60), output: 1000 };
        let tera = tera("{% for i in range(end=10000) %}xx{% endfor %}");
        let mut output = Bounded { bytes: vec![], limits, deadline: Instant::now() + limits.time, exceeded: None };
        assert!(tera.render_to("t", &Context::new(), &mut output).is_err());
        assert_eq!(output.exceeded, Some(Exceeded::Output(1000)));
        assert_eq!(output.bytes.len(), 1000);
    }
}

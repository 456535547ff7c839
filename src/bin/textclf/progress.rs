//! A progress bar on stderr for phases that last more than a second, when stderr is a terminal.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

/// One phase of work with a known number of units.
pub struct Phase {
    bar: ProgressBar,
    started: Instant,
    shown: bool,
    enabled: bool,
}

impl Phase {
    /// A phase named `name` of `total` units; hidden until it has run for a second.
    pub fn new(name: &str, total: u64, quiet: bool) -> Phase {
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {msg} ({eta} left)")
                .expect("valid template")
                .progress_chars("=> "),
        );
        bar.set_prefix(name.to_string());
        Phase { bar, started: Instant::now(), shown: false, enabled: !quiet && std::io::stderr().is_terminal() }
    }

    /// Reports `done` units and an optional message.
    pub fn update(&mut self, done: u64, msg: Option<String>) {
        if self.enabled && !self.shown && self.started.elapsed() > Duration::from_secs(1) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        self.bar.set_position(done);
        if let Some(m) = msg {
            self.bar.set_message(m);
        }
    }

    /// Ends the phase and clears the bar.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}

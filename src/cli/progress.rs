//! Build progress on stderr: a progress bar (indicatif) when stderr is a terminal and the build
//! takes more than a moment, one plain line per step otherwise (logs, CI, pipes).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use protokoll::{Build, BuildError, BuildReport, Progress};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A build shorter than this shows no bar at all.
const MOMENT: Duration = Duration::from_millis(300);

/// Builds, showing progress the way stderr can take it.
pub fn build(build: &Build) -> Result<BuildReport, BuildError> {
    if std::io::stderr().is_terminal() {
        with_bar(build)
    } else {
        with_lines(build)
    }
}

fn with_lines(build: &Build) -> Result<BuildReport, BuildError> {
    let last = Mutex::new(Instant::now());
    let step = |text: String| {
        let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
        eprintln!("{text} ({} ms)", last.elapsed().as_millis());
        *last = Instant::now();
    };
    protokoll::run(build, &|p| match p {
        Progress::Checked {
            meetings,
            people,
            documents,
        } => step(format!(
            "checked content: {meetings} meetings, {people} people, {documents} documents"
        )),
        Progress::Rendered { done, total } if done == total => {
            step(format!("rendered {total} pages"))
        }
        Progress::Rendered { .. } => {}
        Progress::LinksChecked { files } => step(format!("checked the links of {files} files")),
        Progress::Written { files } => step(format!("wrote {files} files")),
    })
    .map(|built| built.report())
}

fn with_bar(build: &Build) -> Result<BuildReport, BuildError> {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    let spinner = ProgressStyle::with_template("{spinner} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    let counting = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} pages")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(spinner.clone());
    bar.set_message("loading and checking the content");
    bar.enable_steady_tick(Duration::from_millis(100));
    let rendering = AtomicBool::new(false);
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let result = std::thread::scope(|s| {
        // Show the bar only if the build is still running after a moment.
        let bar2 = bar.clone();
        s.spawn(move || {
            if done_rx.recv_timeout(MOMENT) == Err(mpsc::RecvTimeoutError::Timeout) {
                bar2.set_draw_target(ProgressDrawTarget::stderr());
            }
        });
        let result = protokoll::run(build, &|p| match p {
            Progress::Checked { .. } => bar.set_message("rendering"),
            Progress::Rendered { done, total } => {
                if !rendering.swap(true, Ordering::SeqCst) {
                    bar.set_length(total as u64);
                    bar.set_style(counting.clone());
                }
                bar.set_position(done as u64);
                if done == total {
                    bar.set_style(spinner.clone());
                    bar.set_message("checking links");
                }
            }
            Progress::LinksChecked { .. } => bar.set_message("writing"),
            Progress::Written { .. } => {}
        });
        let _ = done_tx.send(());
        result.map(|built| built.report())
    });
    bar.finish_and_clear();
    result
}

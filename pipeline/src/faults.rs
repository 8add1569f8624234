//! Crash points for resume tests.
//!
//! When the environment variable `SDF_KILL_AT` is `NAME:N`, the N-th time the
//! run reaches crash point `NAME` the process kills itself with SIGKILL — a
//! real, uncatchable crash at a known place. Unset (always, outside tests),
//! a crash point costs one relaxed atomic load.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

static TARGET: OnceLock<Option<(String, u64)>> = OnceLock::new();
static HITS: AtomicU64 = AtomicU64::new(0);

fn target() -> &'static Option<(String, u64)> {
    TARGET.get_or_init(|| {
        let spec = std::env::var("SDF_KILL_AT").ok()?;
        let (name, n) = spec.rsplit_once(':')?;
        Some((name.to_owned(), n.parse().ok()?))
    })
}

/// Mark crash point `name`.
pub fn point(name: &str) {
    let Some((target, n)) = target() else { return };
    if target != name {
        return;
    }
    if HITS.fetch_add(1, Ordering::SeqCst) + 1 == *n {
        let pid = std::process::id().to_string();
        let _ = std::process::Command::new("kill").args(["-9", &pid]).status();
        // `kill` delivers the signal before returning; never continue past a crash point.
        loop {
            std::thread::park();
        }
    }
}

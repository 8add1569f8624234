//! Proportions with 95 % Wilson score intervals.

use serde::Serialize;

/// The standard normal quantile of a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// The Wilson score interval of `hits` successes in `n` trials for quantile `z`;
/// `None` when `n` is zero. Bounds are clamped to `[0, 1]`, and are exactly 0
/// (no hits) or 1 (all hits) at the edges.
pub fn wilson(hits: u64, n: u64, z: f64) -> Option<(f64, f64)> {
    if n == 0 || hits > n {
        return None;
    }
    let nf = n as f64;
    let p = hits as f64 / nf;
    let z2 = z * z;
    let denom = 1.0 + z2 / nf;
    let centre = (p + z2 / (2.0 * nf)) / denom;
    let half = z * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt() / denom;
    let low = if hits == 0 {
        0.0
    } else {
        (centre - half).clamp(0.0, 1.0)
    };
    let high = if hits == n {
        1.0
    } else {
        (centre + half).clamp(0.0, 1.0)
    };
    Some((low, high))
}

/// A proportion `hits / n` with its 95 % Wilson interval (all `None` when `n` is 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rate {
    /// Successes.
    pub hits: u64,
    /// Trials.
    pub n: u64,
    /// `hits / n`.
    pub value: Option<f64>,
    /// Lower bound of the 95 % Wilson interval.
    pub low: Option<f64>,
    /// Upper bound of the 95 % Wilson interval.
    pub high: Option<f64>,
}

impl Rate {
    /// `hits` out of `n`.
    pub fn new(hits: u64, n: u64) -> Rate {
        let interval = wilson(hits, n, Z95);
        Rate {
            hits,
            n,
            value: (n > 0).then(|| hits as f64 / n as f64),
            low: interval.map(|i| i.0),
            high: interval.map(|i| i.1),
        }
    }

    /// `value` as a percentage with one decimal and the interval, e.g.
    /// `97.4 % [95.0, 98.7]`, or `n/a` without trials.
    pub fn display(&self) -> String {
        match (self.value, self.low, self.high) {
            (Some(v), Some(l), Some(h)) => format!("{:.1} % [{:.1}, {:.1}]", v * 100.0, l * 100.0, h * 100.0),
            _ => "n/a".into(),
        }
    }
}

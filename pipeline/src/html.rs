//! Self-contained HTML reports: inline CSS and hand-written SVG charts, no
//! scripts and no network. Shared by `sdf audit` and `sdf report`.
//!
//! Every chart is an `<svg class="chart" id="chart-…">`; each bar is a
//! `<rect class="bar">` (histograms: `class="bar series-N"`), so a test can
//! count what was drawn.

use std::fmt::Write as _;

/// Escape text for HTML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One bar of a horizontal bar chart.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Label on the left.
    pub label: String,
    /// Length of the bar.
    pub value: f64,
    /// Optional interval drawn as a whisker.
    pub interval: Option<(f64, f64)>,
    /// Text on the right of the bar.
    pub text: String,
}

/// Colours of histogram series, in order.
const SERIES: [&str; 4] = ["#2563eb", "#dc2626", "#16a34a", "#9333ea"];

fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let mag = 10f64.powf(max.log10().floor());
    // Multiples that split into four round ticks.
    for m in [1.0, 2.0, 4.0, 8.0, 10.0] {
        if m * mag >= max {
            return m * mag;
        }
    }
    10.0 * mag
}

fn tick_label(v: f64, percent: bool, axis_max: f64) -> String {
    if percent {
        let decimals = if axis_max < 0.04 {
            2
        } else if axis_max < 0.4 {
            1
        } else {
            0
        };
        format!("{:.*}%", decimals, v * 100.0)
    } else if v >= 1000.0 || (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// A horizontal bar chart. `max` fixes the axis end (e.g. 1.0 for rates);
/// `percent` labels the axis in percent.
pub fn bar_chart(id: &str, title: &str, axis_label: &str, bars: &[Bar], max: Option<f64>, percent: bool) -> String {
    let mut s = String::new();
    if bars.is_empty() {
        let _ = write!(
            s,
            "<figure><figcaption>{}</figcaption><p class=\"empty\" id=\"{}\">Nothing to chart.</p></figure>",
            esc(title),
            esc(id)
        );
        return s;
    }
    let label_w = 230.0;
    let text_w = 170.0;
    let plot_w = 480.0;
    let row_h = 22.0;
    let top = 10.0;
    let width = label_w + plot_w + text_w;
    let height = top + row_h * bars.len() as f64 + 46.0;
    let data_max = bars
        .iter()
        .map(|b| b.interval.map_or(b.value, |i| i.1.max(b.value)))
        .fold(0.0, f64::max);
    // Counts get whole-number ticks (an axis of at least 4).
    let axis_max = max.unwrap_or_else(|| nice_max(if percent { data_max } else { data_max.max(4.0) }));
    let x = |v: f64| label_w + (v / axis_max).clamp(0.0, 1.0) * plot_w;
    let _ = write!(
        s,
        "<figure><figcaption>{}</figcaption><svg class=\"chart\" id=\"{}\" role=\"img\" aria-label=\"{}\" \
         viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(title),
        esc(id),
        esc(title)
    );
    let plot_bottom = top + row_h * bars.len() as f64;
    for i in 0..=4 {
        let v = axis_max * f64::from(i) / 4.0;
        let gx = x(v);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{gx:.1}\" y1=\"{top}\" x2=\"{gx:.1}\" y2=\"{plot_bottom:.1}\"/>\
             <text class=\"tick\" x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            plot_bottom + 14.0,
            tick_label(v, percent, axis_max)
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let y = top + row_h * i as f64;
        let w = (x(b.value) - label_w).max(0.0);
        let _ = write!(
            s,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <rect class=\"bar\" x=\"{label_w}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" rx=\"2\"><title>{}: {}</title></rect>",
            label_w - 8.0,
            y + row_h * 0.68,
            esc(&b.label),
            y + 3.0,
            row_h - 6.0,
            esc(&b.label),
            esc(&b.text)
        );
        if let Some((lo, hi)) = b.interval {
            let cy = y + row_h / 2.0;
            let _ = write!(
                s,
                "<g class=\"whisker\"><line x1=\"{:.1}\" y1=\"{cy:.1}\" x2=\"{:.1}\" y2=\"{cy:.1}\"/>\
                 <line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/><line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/></g>",
                x(lo),
                x(hi),
                x(lo),
                cy - 5.0,
                x(lo),
                cy + 5.0,
                x(hi),
                cy - 5.0,
                x(hi),
                cy + 5.0
            );
        }
        let _ = write!(
            s,
            "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            label_w + plot_w + 8.0,
            y + row_h * 0.68,
            esc(&b.text)
        );
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{label_w}\" y1=\"{plot_bottom:.1}\" x2=\"{:.1}\" y2=\"{plot_bottom:.1}\"/>\
         <text class=\"axis-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text></svg></figure>",
        label_w + plot_w,
        label_w + plot_w / 2.0,
        plot_bottom + 36.0,
        esc(axis_label)
    );
    s
}

/// A grouped vertical histogram: `bins` labels on the x axis, one bar per
/// series and bin (values as given, e.g. shares in 0..1 with `percent`).
pub fn histogram(
    id: &str,
    title: &str,
    x_label: &str,
    y_label: &str,
    bins: &[String],
    series: &[(String, Vec<f64>)],
    percent: bool,
) -> String {
    let mut s = String::new();
    let total: f64 = series.iter().flat_map(|(_, v)| v.iter()).sum();
    if bins.is_empty() || series.is_empty() || total <= 0.0 {
        let _ = write!(
            s,
            "<figure><figcaption>{}</figcaption><p class=\"empty\" id=\"{}\">Nothing to chart.</p></figure>",
            esc(title),
            esc(id)
        );
        return s;
    }
    let left = 60.0;
    let top = 30.0;
    let plot_h = 220.0;
    let group_w = (780.0 / bins.len() as f64).clamp(40.0, 90.0);
    let plot_w = group_w * bins.len() as f64;
    let width = left + plot_w + 20.0;
    let height = top + plot_h + 60.0;
    let data_max = series.iter().flat_map(|(_, v)| v.iter().copied()).fold(0.0, f64::max);
    let axis_max = nice_max(data_max);
    let y = |v: f64| top + plot_h - (v / axis_max).clamp(0.0, 1.0) * plot_h;
    let _ = write!(
        s,
        "<figure><figcaption>{}</figcaption><svg class=\"chart histogram\" id=\"{}\" role=\"img\" aria-label=\"{}\" \
         viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(title),
        esc(id),
        esc(title)
    );
    for i in 0..=4 {
        let v = axis_max * f64::from(i) / 4.0;
        let gy = y(v);
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{left}\" y1=\"{gy:.1}\" x2=\"{:.1}\" y2=\"{gy:.1}\"/>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left + plot_w,
            left - 6.0,
            gy + 4.0,
            tick_label(v, percent, axis_max)
        );
    }
    let bar_w = (group_w - 8.0) / series.len() as f64;
    for (bi, bin) in bins.iter().enumerate() {
        let gx = left + group_w * bi as f64 + 4.0;
        for (si, (name, values)) in series.iter().enumerate() {
            let v = values.get(bi).copied().unwrap_or(0.0);
            let by = y(v);
            let _ = write!(
                s,
                "<rect class=\"bar series-{si}\" fill=\"{}\" x=\"{:.1}\" y=\"{by:.1}\" width=\"{:.1}\" height=\"{:.1}\">\
                 <title>{} — {}: {}</title></rect>",
                SERIES[si % SERIES.len()],
                gx + bar_w * si as f64,
                bar_w.max(1.0),
                (top + plot_h - by).max(0.0),
                esc(name),
                esc(bin),
                tick_label(v, percent, axis_max)
            );
        }
        let _ = write!(
            s,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            gx + (group_w - 8.0) / 2.0,
            top + plot_h + 14.0,
            esc(bin)
        );
    }
    let _ = write!(
        s,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>\
         <text class=\"axis-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
         <text class=\"axis-label\" transform=\"translate(14 {:.1}) rotate(-90)\" text-anchor=\"middle\">{}</text>",
        top + plot_h,
        left + plot_w,
        top + plot_h,
        left + plot_w / 2.0,
        top + plot_h + 40.0,
        esc(x_label),
        top + plot_h / 2.0,
        esc(y_label)
    );
    for (si, (name, _)) in series.iter().enumerate() {
        let lx = left + 10.0 + 150.0 * si as f64;
        let _ = write!(
            s,
            "<rect class=\"legend\" x=\"{lx:.1}\" y=\"6\" width=\"12\" height=\"12\" fill=\"{}\"/>\
             <text class=\"label\" x=\"{:.1}\" y=\"16\">{}</text>",
            SERIES[si % SERIES.len()],
            lx + 18.0,
            esc(name)
        );
    }
    s.push_str("</svg></figure>");
    s
}

/// A table; `rows` cells are HTML (escape text with [`esc`]).
pub fn table(id: &str, headers: &[&str], rows: &[Vec<String>], empty: &str) -> String {
    if rows.is_empty() {
        return format!("<p class=\"empty\" id=\"{}\">{}</p>", esc(id), esc(empty));
    }
    let mut s = format!("<table id=\"{}\"><thead><tr>", esc(id));
    for h in headers {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr></thead><tbody>");
    for r in rows {
        s.push_str("<tr>");
        for c in r {
            let _ = write!(s, "<td>{c}</td>");
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

/// Key figures shown as tiles: (label, value, note).
pub fn tiles(items: &[(String, String, String)]) -> String {
    let mut s = String::from("<div class=\"tiles\">");
    for (label, value, note) in items {
        let _ = write!(
            s,
            "<div class=\"tile\"><div class=\"tile-label\">{}</div><div class=\"tile-value\">{}</div>\
             <div class=\"tile-note\">{}</div></div>",
            esc(label),
            esc(value),
            esc(note)
        );
    }
    s.push_str("</div>");
    s
}

/// A report section.
#[derive(Debug, Clone)]
pub struct Section {
    /// Anchor id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// HTML body.
    pub body: String,
}

impl Section {
    /// A section.
    pub fn new(id: &str, title: &str, body: String) -> Section {
        Section {
            id: id.into(),
            title: title.into(),
            body,
        }
    }
}

const CSS: &str = "\
*{box-sizing:border-box}body{margin:0;font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2937;background:#f3f4f6}\
header{background:#111827;color:#f9fafb;padding:24px 40px}header h1{margin:0 0 4px;font-size:24px}header p{margin:2px 0;color:#d1d5db}\
nav{background:#1f2937;padding:8px 40px}nav a{color:#93c5fd;margin-right:18px;text-decoration:none;font-size:13px}\
main{max-width:1180px;margin:0 auto;padding:20px 40px 60px}\
section{background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:18px 24px;margin:18px 0}\
h2{margin:0 0 12px;font-size:18px;border-bottom:1px solid #e5e7eb;padding-bottom:6px}h3{font-size:15px;margin:18px 0 8px}\
figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}\
svg.chart{max-width:100%;height:auto;font-size:11px}svg .bar{fill:#2563eb}svg .grid{stroke:#e5e7eb}svg .axis{stroke:#6b7280}\
svg .tick{fill:#6b7280}svg .label{fill:#374151}svg .value{fill:#111827}svg .axis-label{fill:#374151;font-weight:600}\
svg .whisker line{stroke:#111827;stroke-width:1.2}\
table{border-collapse:collapse;width:100%;font-size:13px;margin:8px 0}th,td{border-bottom:1px solid #e5e7eb;padding:5px 8px;text-align:left;vertical-align:top}\
th{background:#f9fafb;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\
code,.snippet{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:12px}.snippet{color:#374151;word-break:break-word}\
.tiles{display:flex;flex-wrap:wrap;gap:12px}.tile{flex:1 1 180px;background:#f9fafb;border:1px solid #e5e7eb;border-radius:6px;padding:10px 14px}\
.tile-label{font-size:12px;color:#6b7280;text-transform:uppercase;letter-spacing:.04em}.tile-value{font-size:22px;font-weight:700}.tile-note{font-size:12px;color:#6b7280}\
.pass{color:#15803d;font-weight:700}.fail{color:#b91c1c;font-weight:700}.empty{color:#6b7280;font-style:italic}\
.notice{background:#fefce8;border:1px solid #fde68a;border-radius:6px;padding:10px 14px}\
footer{color:#6b7280;font-size:12px;text-align:center;padding:20px}";

/// A complete page: header with `title` and `subtitle` lines, a navigation bar
/// and the sections.
pub fn page(title: &str, subtitle: &[String], sections: &[Section]) -> String {
    let mut s = String::with_capacity(64 * 1024);
    let _ = write!(
        s,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{}</title><style>{CSS}</style></head><body><header><h1>{}</h1>",
        esc(title),
        esc(title)
    );
    for line in subtitle {
        let _ = write!(s, "<p>{}</p>", esc(line));
    }
    s.push_str("</header><nav>");
    for sec in sections {
        let _ = write!(s, "<a href=\"#{}\">{}</a>", esc(&sec.id), esc(&sec.title));
    }
    s.push_str("</nav><main>");
    for sec in sections {
        let _ = write!(
            s,
            "<section id=\"{}\"><h2>{}</h2>{}</section>",
            esc(&sec.id),
            esc(&sec.title),
            sec.body
        );
    }
    let _ = writeln!(
        s,
        "</main><footer>sdf {} — self-contained report: no scripts, no network.</footer></body></html>",
        env!("CARGO_PKG_VERSION")
    );
    s
}

/// `n` and `noun`, plural unless `n` is 1 (`1 document`, `3 documents`).
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_emit_one_bar_per_value_and_escape_labels() {
        let bars = vec![
            Bar {
                label: "a<b".into(),
                value: 0.5,
                interval: Some((0.4, 0.6)),
                text: "50 %".into(),
            },
            Bar {
                label: "c".into(),
                value: 1.0,
                interval: None,
                text: "100 %".into(),
            },
        ];
        let svg = bar_chart("chart-x", "T", "axis", &bars, Some(1.0), true);
        assert_eq!(svg.matches("class=\"bar\"").count(), 2);
        assert!(svg.contains("a&lt;b") && !svg.contains("a<b"));
        assert!(svg.contains("id=\"chart-x\""));
        let h = histogram(
            "chart-h",
            "H",
            "x",
            "y",
            &["0-10".into(), "10-20".into()],
            &[("kept".into(), vec![0.5, 0.5]), ("removed".into(), vec![1.0, 0.0])],
            true,
        );
        assert_eq!(h.matches("class=\"bar series-").count(), 4);
        assert!(bar_chart("chart-e", "E", "x", &[], None, false).contains("Nothing to chart"));
        assert_eq!(nice_max(0.73), 0.8);
        assert_eq!(tick_label(0.0025, true, 0.01), "0.25%");
        assert_eq!(tick_label(0.5, true, 1.0), "50%");
        assert_eq!(nice_max(130.0), 200.0);
    }
}

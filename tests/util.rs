//! A small test DSL: a temporary project folder and a command runner.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary folder holding a config and inputs; removed on drop.
pub struct Dir {
    tmp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.tmp.path()
    }

    pub fn join(&self, rel: &str) -> PathBuf {
        self.tmp.path().join(rel)
    }

    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&p, contents).expect("write file");
        p
    }

    /// An `sdf` command run in this folder.
    pub fn sdf(&self, args: &[&str]) -> TestCommand {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sdf"));
        cmd.current_dir(self.path())
            .args(args)
            .env_remove("SDF_KILL_AT")
            .env("NO_COLOR", "1");
        TestCommand { cmd }
    }

    /// sha256 of every file under `rel` (relative names), for byte-identity checks.
    pub fn hashes(&self, rel: &str) -> BTreeMap<String, String> {
        let root = self.join(rel);
        let mut out = BTreeMap::new();
        walk(&root, &root, &mut out);
        out
    }
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).expect("under root").to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).expect("read file");
            out.insert(
                rel,
                sdf_datasets::checksum::to_hex(&sdf_datasets::checksum::sha256_bytes(&bytes)),
            );
        }
    }
}

pub struct TestCommand {
    pub cmd: Command,
}

impl TestCommand {
    pub fn env(mut self, k: &str, v: &str) -> Self {
        self.cmd.env(k, v);
        self
    }

    pub fn output(mut self) -> Output {
        self.cmd.output().expect("run sdf")
    }

    /// Run, assert exit code 0, return stdout.
    pub fn stdout(self) -> String {
        self.expect_code(0).0
    }

    /// Run, assert the exit code, return (stdout, stderr).
    pub fn expect_code(self, code: i32) -> (String, String) {
        let desc = format!("{:?}", self.cmd);
        let out = self.output();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(code),
            "{desc}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
        );
        (stdout, stderr)
    }

    /// Run with `--json` already in args; parse stdout.
    pub fn json(self) -> serde_json::Value {
        let stdout = self.stdout();
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}"))
    }
}

/// Status of each stage in a `sdf run --json` summary.
pub fn statuses(summary: &serde_json::Value) -> Vec<(String, String)> {
    summary["stages"]
        .as_array()
        .expect("stages array")
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap_or("").to_owned(),
                s["status"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

/// A JSONL corpus of `n` generic `{"text": …}` lines with varied text.
pub fn jsonl_corpus(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let text = format!(
            "Document {i}. The regional council met on day {} to discuss water rights; {} residents attended and {} spoke.",
            i % 28 + 1,
            i * 7 % 300,
            i % 17
        );
        s.push_str(&serde_json::json!({ "text": text }).to_string());
        s.push('\n');
    }
    s
}

/// Two-stage config: import `paths`, then shard.
pub fn import_shard_config(extra_import: &str, extra_shard: &str) -> String {
    format!(
        "[run]\nout_dir = \"out\"\nseed = 1\n\n[[stages]]\nname = \"import\"\nkind = \"import\"\npaths = [\"corpus.jsonl\"]\n{extra_import}\n\n[[stages]]\nname = \"shard\"\nkind = \"shard\"\ninput = \"import\"\n{extra_shard}\n"
    )
}

impl TestCommand {
    /// Run, accept exit code 0 or 1, return (stdout, stderr).
    pub fn output_any(self) -> (String, String) {
        let out = self.output();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "exit {:?}\n{stderr}",
            out.status.code()
        );
        (stdout, stderr)
    }
}

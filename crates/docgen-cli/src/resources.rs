//! What this process has used so far: peak resident memory and CPU time, read from `/proc`
//! (Linux; elsewhere both read as 0).
//!
//! `cargo xtask bench` measures the `docgen` binary itself; only the process can read its own
//! peak at its end, so `docgen` writes both figures to the file named by the environment
//! variable [`REPORT_VAR`] when it exits, if that is set.

/// The environment variable naming the file `docgen` reports its resources to on exit.
pub const REPORT_VAR: &str = "DOCGEN_RESOURCE_REPORT";

/// Peak resident memory (`VmHWM`), in KiB.
pub fn peak_kb() -> u64 {
    status_kb("VmHWM:")
}

/// Resident memory now (`VmRSS`), in KiB: what `xtask bench-stage phases` shows between
/// phases, to tell what a phase still holds from what it only touched.
pub fn resident_kb() -> u64 {
    status_kb("VmRSS:")
}

fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// User + system time of all threads so far, in seconds (`/proc/self/stat`, in clock ticks
/// of 1/100 s, the value on Linux).
pub fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // The fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i).and_then(|v| v.parse::<u64>().ok()))
        .sum();
    ticks as f64 / 100.0
}

/// `peak_kb cpu_seconds`, as the report file holds them.
pub fn report() -> String {
    format!("{} {}\n", peak_kb(), cpu_seconds())
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_own_usage() {
        if cfg!(target_os = "linux") {
            assert!(super::peak_kb() > 0);
            let text = super::report();
            assert_eq!(text.split_whitespace().count(), 2, "{text}");
        }
    }
}

//! roleplay: the command-line face of the simulator. `run` executes a scenario exactly as the
//! playground does; `lint` checks one policy document. It never panics on input: a bad file is a
//! one-line error with its location and exit status 2.
#![forbid(unsafe_code)]

mod access;
mod fix;
mod report;

// A run allocates many small strings (explanations, contexts, messages); mimalloc makes it about
// twice as fast as the system allocator (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use roleplay_policy::{parse, ParseOptions, PolicyKind, Severity};
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

// `print!` and `println!` panic when the reader has gone (`roleplay run … | head`); these stop
// writing quietly instead, and the command still ends with its own exit status.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

#[derive(Parser)]
#[command(
    name = "roleplay",
    version,
    about = "AWS IAM role playground: run scenarios and lint policies offline"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario: the timeline with verdicts, errors and failed expectations.
    Run {
        /// Scenario file, `-` for standard input, or a share link (`…#s=1.…`).
        file: String,
        /// Print the result document (JSON) instead of the readable timeline.
        #[arg(long)]
        json: bool,
    },
    /// Turn the JSON output of `aws iam get-role`, `get-role-policy`, `get-policy-version` or
    /// `get-account-authorization-details` into a scenario (printed on stdout; what was left out on stderr).
    Import {
        /// The AWS CLI output, or `-` for standard input.
        file: String,
    },
    /// Print a share link that carries the whole scenario.
    Share {
        /// Scenario file, or `-` for standard input.
        file: String,
        /// The playground's address.
        #[arg(long, default_value = "http://127.0.0.1:8080/")]
        base: String,
    },
    /// Effective permissions: every catalog action a session, role or user may perform, by service
    /// and access level (needs the service catalog, `make catalog`).
    Access {
        /// Scenario file, `-` for standard input, or a share link.
        file: String,
        /// The session created by this step (its id, or its 0-based index).
        #[arg(long)]
        session: Option<String>,
        /// A fresh session of this role (no session policy), at the scenario's start.
        #[arg(long)]
        role: Option<String>,
        /// This IAM user, at the scenario's start.
        #[arg(long)]
        user: Option<String>,
        /// One resource ARN instead of `*` (its resource policy then takes part).
        #[arg(long, default_value = "*")]
        resource: String,
        /// Service catalog; by default `target/catalog/catalog.json`.
        #[arg(long)]
        catalog: Option<String>,
    },
    /// Fix it: the smallest verified changes that turn a step's verdict, ranked best first (exit 0:
    /// at least one fix; 1: none; 2: the scenario or the step cannot be read).
    Fix {
        /// Scenario file, `-` for standard input, or a share link.
        file: String,
        /// The step to fix: its id, or its 0-based index.
        #[arg(long)]
        step: String,
        /// The outcome to reach: allowed, implicitDeny, explicitDeny or an error code (default: the
        /// step's expect when its outcome differs, else allowed).
        #[arg(long)]
        to: Option<String>,
        /// At most this many fixes.
        #[arg(long, default_value_t = 5)]
        max: usize,
        /// Print the report document (JSON).
        #[arg(long)]
        json: bool,
        /// Service catalog for "also grants" by access level; by default
        /// `target/catalog/catalog.json` when it exists.
        #[arg(long)]
        catalog: Option<String>,
    },
    /// Check one policy document: AWS validation errors and lint findings with locations.
    Lint {
        /// Policy file, or `-` for standard input.
        file: String,
        #[arg(long, value_enum)]
        kind: Kind,
        /// The account that owns the policy (for cross-account checks).
        #[arg(long)]
        account: Option<String>,
        #[arg(long)]
        json: bool,
        /// Service catalog for catalog lint (unknown actions, condition keys…); by default
        /// `target/catalog/catalog.json` when it exists (`make catalog`).
        #[arg(long)]
        catalog: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Kind {
    Trust,
    Identity,
    Resource,
    Boundary,
    Session,
    Scp,
    Rcp,
}

impl Kind {
    fn policy_kind(self) -> PolicyKind {
        match self {
            Kind::Trust => PolicyKind::Trust,
            Kind::Identity => PolicyKind::Identity,
            Kind::Resource => PolicyKind::Resource,
            Kind::Boundary => PolicyKind::PermissionsBoundary,
            Kind::Session => PolicyKind::Session,
            Kind::Scp => PolicyKind::ServiceControl,
            Kind::Rcp => PolicyKind::ResourceControl,
        }
    }
}

fn read_input(file: &str) -> Result<String, String> {
    if file.contains("#s=") || file.starts_with("s=") {
        return roleplay_sim::share::decode(file).map_err(|e| e.to_string());
    }
    if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("standard input: {e}"))?;
        Ok(s)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))
    }
}

/// Where `make catalog` writes the service catalog.
const DEFAULT_CATALOG: &str = "target/catalog/catalog.json";

/// The catalog named by `--catalog` (an error when it cannot be read), else the default one when it
/// exists (a warning when it does not load), else none.
fn load_catalog(path: Option<&str>) -> Result<Option<roleplay_catalog::Catalog>, String> {
    let (path, explicit) = match path {
        Some(p) => (p, true),
        None if std::path::Path::new(DEFAULT_CATALOG).is_file() => (DEFAULT_CATALOG, false),
        None => return Ok(None),
    };
    let loaded = std::fs::read_to_string(path)
        .map_err(|e| format!("{path}: {e}"))
        .and_then(|text| {
            roleplay_catalog::Catalog::from_json(&text).map_err(|e| format!("{path}: {e}"))
        });
    match loaded {
        Ok(c) => Ok(Some(c)),
        Err(e) if explicit => Err(e),
        Err(e) => {
            eprintln!("roleplay: warning: {e}; going on without the catalog");
            Ok(None)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    match cli.command {
        Command::Run { file, json } => {
            let text = match read_input(&file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("roleplay: {e}");
                    return ExitCode::from(2);
                }
            };
            let result = match roleplay_sim::run_text(&text) {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("roleplay: {file}: {e}");
                    return ExitCode::from(2);
                }
            };
            if json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&result).unwrap_or_default()
                );
            } else {
                out!("{}", report::timeline(&result, color));
            }
            if result.failed_expectations().next().is_some() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Access {
            file,
            session,
            role,
            user,
            resource,
            catalog,
        } => {
            let catalog = match load_catalog(catalog.as_deref()) {
                Ok(Some(c)) => c,
                Ok(None) => {
                    eprintln!("roleplay: no service catalog at {DEFAULT_CATALOG}: run `make catalog` or pass --catalog");
                    return ExitCode::from(2);
                }
                Err(e) => {
                    eprintln!("roleplay: {e}");
                    return ExitCode::from(2);
                }
            };
            let scenario = match read_input(&file)
                .and_then(|t| roleplay_sim::read(&t).map_err(|e| format!("{file}: {e}")))
            {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("roleplay: {e}");
                    return ExitCode::from(2);
                }
            };
            let names: Vec<&str> = catalog.actions().iter().map(|a| a.full_name()).collect();
            let computed = access::subject(
                &scenario,
                session.as_deref(),
                role.as_deref(),
                user.as_deref(),
            )
            .and_then(|subject| {
                roleplay_sim::effective_access(
                    &scenario,
                    &mut roleplay_sim::PolicyCache::default(),
                    &subject,
                    &resource,
                    &names,
                )
                .map_err(|e| e.message)
            });
            match computed {
                Ok(a) => {
                    let summary = catalog.summarize(|i| a.is_allowed(i), resource == "*");
                    out!(
                        "{}",
                        access::report(&a.principal, &resource, &catalog, &summary)
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("roleplay: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Fix {
            file,
            step,
            to,
            max,
            json,
            catalog,
        } => {
            let catalog = match load_catalog(catalog.as_deref()) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("roleplay: {e}");
                    return ExitCode::from(2);
                }
            };
            let text = match read_input(&file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("roleplay: {e}");
                    return ExitCode::from(2);
                }
            };
            let options = roleplay_fix::Options {
                target: to.as_deref(),
                max,
                catalog: catalog.as_ref(),
            };
            let report = match fix::compute(&text, &step, &options) {
                Ok(r) => r,
                Err((e, status)) => {
                    eprintln!("roleplay: {file}: {e}");
                    return ExitCode::from(status);
                }
            };
            if json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                );
            } else {
                let document = serde_json::from_str(&text).unwrap_or_default();
                out!("{}", fix::text(&report, &document));
            }
            if report.fixes.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Import { file } => {
            let imported = read_input(&file).and_then(|t| roleplay_sim::import::from_aws(&t));
            match imported {
                Ok(i) => {
                    outln!(
                        "{}",
                        serde_json::to_string_pretty(&i.scenario).unwrap_or_default()
                    );
                    for s in &i.skipped {
                        eprintln!("roleplay: left out: {s}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("roleplay: {file}: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Share { file, base } => match read_input(&file) {
            Ok(text) => {
                if let Err(e) = roleplay_sim::read(&text) {
                    eprintln!("roleplay: {file}: {e}");
                    return ExitCode::from(2);
                }
                outln!("{}", roleplay_sim::share::link(&base, &text));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("roleplay: {e}");
                ExitCode::from(2)
            }
        },
        Command::Lint {
            file,
            kind,
            account,
            json,
            catalog,
        } => {
            let catalog = match load_catalog(catalog.as_deref()) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("roleplay: {e}");
                    return ExitCode::from(2);
                }
            };
            let text = match read_input(&file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("roleplay: {e}");
                    return ExitCode::from(2);
                }
            };
            let mut parsed = parse(
                &text,
                &ParseOptions {
                    kind: Some(kind.policy_kind()),
                    account,
                },
            );
            if let (Some(catalog), Some(document)) = (&catalog, &parsed.document) {
                parsed
                    .findings
                    .extend(roleplay_catalog::lint(document, catalog));
                parsed.findings.sort_by_key(|f| f.location.start);
            }
            if json {
                outln!(
                    "{}",
                    serde_json::to_string_pretty(&parsed.findings).unwrap_or_default()
                );
            } else {
                for f in &parsed.findings {
                    outln!(
                        "{file}:{}:{}: {:?} {}: {}",
                        f.location.start_line,
                        f.location.start_column,
                        f.severity,
                        f.code,
                        f.message
                    );
                }
                outln!(
                    "{} characters of {} counted toward the quota (white space excluded)",
                    parsed.size,
                    kind.policy_kind().aws_name()
                );
            }
            if parsed
                .findings
                .iter()
                .any(|f| f.severity == Severity::Error)
            {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    }
}

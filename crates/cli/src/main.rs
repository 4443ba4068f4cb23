//! roleplay: the command-line face of the simulator. `run` executes a scenario exactly as the
//! playground does; `lint` checks one policy document. It never panics on input: a bad file is a
//! one-line error with its location and exit status 2.
#![forbid(unsafe_code)]

mod access;
mod fix;
mod graph;
mod input;
mod output;
mod report;
mod stream;
mod test;

// A run allocates many small strings (explanations, contexts, messages); mimalloc makes it about
// twice as fast as the system allocator (docs/benchmarks.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use input::Bom;
use output::{eprint, print};
use roleplay_policy::Code;
use roleplay_policy::{parse, ParseOptions, PolicyKind, Severity};
use std::io::IsTerminal;
use std::process::ExitCode;

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
        /// Scenario file, `-` for standard input, or a share link (`…#s=2.…`).
        file: String,
        /// Print the result document (JSON) instead of the readable timeline, each step as it is
        /// computed: compact unless written to a terminal or with --pretty.
        #[arg(long)]
        json: bool,
        /// Indent the JSON.
        #[arg(long, requires = "json")]
        pretty: bool,
        /// How much of each explanation the JSON carries: `deciding` (the decision, the flow, the
        /// deciding statements with their conditions, the missing keys) or `full` (every statement
        /// of every policy consulted).
        #[arg(long, value_enum, default_value = "deciding", requires = "json")]
        explain: Explain,
    },
    /// Run every scenario in these files and folders (`*.json`, recursively, in parallel): a line per
    /// failed expectation and `N passed, N failed`; exit 0 only when every expectation holds.
    Test {
        /// Scenario files and folders.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Also write JUnit XML here (a test suite per scenario, a test case per step with `expect`).
        #[arg(long)]
        junit: Option<String>,
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
    /// The trust graph: who can reach what (users, roles, services, identity providers, accounts),
    /// each edge with the conditions it needs and the step that proves it; paths on request.
    Graph {
        /// Scenario file, `-` for standard input, or a share link.
        file: String,
        /// Print the graph document (JSON: nodes, edges, paths).
        #[arg(long, conflicts_with = "dot")]
        json: bool,
        /// Print the graph in Graphviz's DOT language (`| dot -Tsvg > graph.svg`).
        #[arg(long)]
        dot: bool,
        /// Every path into this node (a role ARN, …), shortest first.
        #[arg(long, value_name = "ARN")]
        who_can_reach: Option<String>,
        /// The shortest path from this node to every node it reaches.
        #[arg(long, value_name = "ARN")]
        reachable_from: Option<String>,
        /// The paths by which a principal becomes admin-equivalent.
        #[arg(long)]
        escalation: bool,
        /// Service catalog: class privilege over every AWS action by access level (default: a
        /// built-in sample of common actions).
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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Explain {
    Deciding,
    Full,
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
    Vpce,
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
            Kind::Vpce => PolicyKind::VpcEndpoint,
        }
    }
}

/// How messages name the input: a link by what it is, not by its hundreds of characters.
fn name(source: &str) -> &str {
    if source.contains("#s=") || source.starts_with("s=") {
        "the link"
    } else if source == "-" {
        "standard input"
    } else {
        source
    }
}

/// Prints `roleplay: message` on standard error and gives exit status 2.
fn fail(message: &str) -> ExitCode {
    eprint(&format!("roleplay: {message}\n"));
    ExitCode::from(2)
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
            eprint(&format!(
                "roleplay: warning: {e}; going on without the catalog\n"
            ));
            Ok(None)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Run {
            file,
            json: true,
            pretty,
            explain,
        } => {
            let pretty = pretty || std::io::stdout().is_terminal();
            stream::run(&file, pretty, explain == Explain::Full)
        }
        Command::Run { file, .. } => run(&file),
        Command::Access {
            file,
            session,
            role,
            user,
            resource,
            catalog,
        } => effective_access(
            &file,
            (session.as_deref(), role.as_deref(), user.as_deref()),
            &resource,
            catalog.as_deref(),
        ),
        Command::Fix {
            file,
            step,
            to,
            max,
            json,
            catalog,
        } => fix_step(&file, &step, (to.as_deref(), max), json, catalog.as_deref()),
        Command::Graph {
            file,
            json,
            dot,
            who_can_reach,
            reachable_from,
            escalation,
            catalog,
        } => trust_graph(
            &file,
            (json, dot),
            &graph::Questions {
                who_can_reach: who_can_reach.as_deref(),
                reachable_from: reachable_from.as_deref(),
                escalation,
            },
            catalog.as_deref(),
        ),
        Command::Import { file } => import(&file),
        Command::Test { paths, junit } => test::run(&paths, junit.as_deref()),
        Command::Share { file, base } => share(&file, &base),
        Command::Lint {
            file,
            kind,
            account,
            json,
            catalog,
        } => lint(&file, kind, account, json, catalog.as_deref()),
    };
    output::finish(code)
}

fn run(file: &str) -> ExitCode {
    let text = match input::read(file, Bom::Drop) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let result = match roleplay_sim::run_text(&text) {
        Ok(r) => r,
        Err(e) => return fail(&format!("{}: {e}", name(file))),
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    output::print_escaped(&report::timeline(&result, color));
    if result.failed_expectations().next().is_some() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn trust_graph(
    file: &str,
    (json, dot): (bool, bool),
    questions: &graph::Questions,
    catalog: Option<&str>,
) -> ExitCode {
    let catalog = match catalog.map(|c| load_catalog(Some(c))).transpose() {
        Ok(c) => c.flatten(),
        Err(e) => return fail(&e),
    };
    let scenario = match input::read(file, Bom::Drop)
        .and_then(|t| roleplay_sim::read(&t).map_err(|e| format!("{}: {e}", name(file))))
    {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let actions = graph::actions(catalog.as_ref());
    let built = roleplay_graph::build(&scenario, &actions)
        .map_err(|e| e.to_string())
        .and_then(|g| graph::answer(g, questions));
    let g = match built {
        Ok(g) => g,
        Err(e) => return fail(&format!("{}: {e}", name(file))),
    };
    if json {
        match serde_json::to_string_pretty(&g) {
            Ok(text) => output::print_json(&format!("{text}\n")),
            Err(e) => return fail(&e.to_string()),
        }
    } else if dot {
        print(&roleplay_graph::dot(&g));
    } else {
        print(&graph::text(&g));
    }
    output::finish(ExitCode::SUCCESS)
}

fn effective_access(
    file: &str,
    (session, role, user): (Option<&str>, Option<&str>, Option<&str>),
    resource: &str,
    catalog: Option<&str>,
) -> ExitCode {
    let catalog = match load_catalog(catalog) {
        Ok(Some(c)) => c,
        Ok(None) => {
            return fail(&format!(
                "no service catalog at {DEFAULT_CATALOG}: run `make catalog` or pass --catalog"
            ))
        }
        Err(e) => return fail(&e),
    };
    let scenario = match input::read(file, Bom::Drop)
        .and_then(|t| roleplay_sim::read(&t).map_err(|e| format!("{}: {e}", name(file))))
    {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let names: Vec<&str> = catalog.actions().iter().map(|a| a.full_name()).collect();
    let computed = access::subject(&scenario, session, role, user).and_then(|subject| {
        roleplay_sim::effective_access(
            &scenario,
            &mut roleplay_sim::PolicyCache::default(),
            &subject,
            resource,
            &names,
        )
        .map(|a| (subject, a))
        .map_err(|e| e.message)
    });
    let computed = computed.and_then(|(subject, a)| {
        let named = match resource {
            "*" => access::by_resource(&scenario, &subject, &catalog)?,
            _ => String::new(),
        };
        Ok((named, a))
    });
    match computed {
        Ok((named, a)) => {
            // Only actions that act on the resource's type can be allowed on it.
            let acting = catalog.acting_on(resource);
            let summary = catalog.summarize(
                |i| a.is_allowed(i) && acting.get(i).copied().unwrap_or(false),
                resource == "*",
            );
            print(&format!(
                "{named}{}",
                access::report(&a.principal, resource, &catalog, &summary)
            ));
            ExitCode::SUCCESS
        }
        Err(e) => fail(&e),
    }
}

/// The optional catalog, then the input's text: what `fix` and `lint` start from.
fn catalog_and_input(
    catalog: Option<&str>,
    file: &str,
    bom: Bom,
) -> Result<(Option<roleplay_catalog::Catalog>, String), String> {
    let catalog = load_catalog(catalog)?;
    Ok((catalog, input::read(file, bom)?))
}

/// `roleplay fix`: exit 0 with at least one verified fix, 1 with none, 2 when unreadable.
fn fix_step(
    file: &str,
    step: &str,
    (to, max): (Option<&str>, usize),
    json: bool,
    catalog: Option<&str>,
) -> ExitCode {
    let (catalog, text) = match catalog_and_input(catalog, file, Bom::Drop) {
        Ok(both) => both,
        Err(e) => return fail(&e),
    };
    let options = roleplay_fix::Options {
        target: to,
        max,
        catalog: catalog.as_ref(),
    };
    let report = match fix::compute(&text, step, &options) {
        Ok(r) => r,
        Err((e, status)) => {
            eprint(&format!("roleplay: {}: {e}\n", name(file)));
            return ExitCode::from(status);
        }
    };
    if json {
        output::print_json(&serde_json::to_string_pretty(&report).unwrap_or_default());
        output::print_json("\n");
    } else {
        let document = serde_json::from_str(&text).unwrap_or_default();
        print(&fix::text(&report, &document));
    }
    if report.fixes.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn import(file: &str) -> ExitCode {
    let text = match input::read(file, Bom::Drop) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    match roleplay_sim::import::from_aws(&text) {
        Ok(i) => {
            output::print_json(&serde_json::to_string_pretty(&i.scenario).unwrap_or_default());
            output::print_json("\n");
            for s in &i.skipped {
                eprint(&format!("roleplay: left out: {s}\n"));
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("{}: {e}", name(file))),
    }
}

/// A link only for what `run` would open: a scenario that reads, within the link's limits.
fn share(file: &str, base: &str) -> ExitCode {
    let text = match input::read(file, Bom::Drop) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    if let Err(e) = roleplay_sim::read(&text) {
        return fail(&format!("{}: {e}", name(file)));
    }
    match roleplay_sim::share::checked_link(base, &text) {
        Ok(link) => {
            print(&format!("{link}\n"));
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("{}: cannot be shared as a link: {e}", name(file))),
    }
}

fn lint(
    file: &str,
    kind: Kind,
    account: Option<String>,
    json: bool,
    catalog: Option<&str>,
) -> ExitCode {
    let (catalog, text) = match catalog_and_input(catalog, file, Bom::Keep) {
        Ok(both) => both,
        Err(e) => return fail(&e),
    };
    let mut parsed = parse(
        &text,
        &ParseOptions {
            kind: Some(kind.policy_kind()),
            account,
        },
    );
    // A document over its kind's size quota is refused by AWS (§7): an error, located at the document.
    if let Some(q) = kind.policy_kind().quota().filter(|q| parsed.size > q.limit) {
        let end = text.len();
        parsed.findings.push(roleplay_policy::Finding {
            severity: Severity::Error,
            code: Code::QuotaExceeded,
            message: format!(
                "{} characters (white space not counted); the quota \"{}\" is {}.",
                parsed.size, q.name, q.limit
            ),
            location: roleplay_policy::LineIndex::new(&text)
                .locate(roleplay_policy::Span::new(0, end)),
            aws_message: Some(roleplay_policy::aws_messages::TOO_LARGE.into()),
            fix: None,
            replacement: None,
        });
    }
    if let (Some(catalog), Some(document)) = (&catalog, &parsed.document) {
        parsed
            .findings
            .extend(roleplay_catalog::lint(document, catalog));
        parsed.findings.sort_by_key(|f| f.location.start);
    }
    if json {
        output::print_json(&serde_json::to_string_pretty(&parsed.findings).unwrap_or_default());
        output::print_json("\n");
    } else {
        let mut out = String::new();
        for f in &parsed.findings {
            out.push_str(&format!(
                "{}:{}:{}: {:?} {}: {}\n",
                name(file),
                f.location.start_line,
                f.location.start_column,
                f.severity,
                f.code,
                output::escape(&f.message, false)
            ));
        }
        out.push_str(&format!(
            "{} characters of {} counted toward the quota (white space excluded)\n",
            parsed.size,
            kind.policy_kind().aws_name()
        ));
        print(&out);
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

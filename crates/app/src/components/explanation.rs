use crate::scenario::{arn_name, clock, missing_session, step_caller, verdict};
use crate::state::StoreHandle;
use roleplay_eval::{ConditionTrace, Explanation, FlowStatus, FlowStep, Miss, PolicyTrace};
use roleplay_policy::{Effect, PolicyKind};
use roleplay_sim::StepResult;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// Why the selected step came out as it did: the exam trap, the evaluation flow, every policy
/// consulted with each statement's verdict, the request context, the response and the AWS CLI
/// equivalent. Text nodes only: nothing from the scenario is rendered as HTML.
#[component]
pub fn ExplanationPanel() -> Html {
    let Some(store) = use_context::<StoreHandle>() else {
        return html! {};
    };
    let step = store
        .run
        .selected
        .and_then(|i| store.run.result.steps.get(i));
    let Some(step) = step else {
        return html! {
            <section class="card explanation" id="explanation" tabindex="-1" aria-labelledby="explanation-heading">
                <header class="card-header">
                    <h2 class="card-title" id="explanation-heading">{ "Explanation" }</h2>
                </header>
                <div class="explanation-body empty-explanation">
                    <p>{ "Select a step to see why AWS answered as it did: the evaluation flow, the statements that matched or missed, the request context and the AWS CLI equivalent." }</p>
                    <p class="hint">{ "Tip: focus the timeline and use ↑ ↓ to move between steps." }</p>
                </div>
            </section>
        };
    };
    let code = step.error.as_ref().map(|e| e.code.as_str());
    let (word, class) = verdict(step.decision, code);
    let heading = match step.decision {
        "allowed" => format!("Why step {} was allowed", step.index + 1),
        "error" => format!("Why step {} failed", step.index + 1),
        _ => format!("Why step {} was denied", step.index + 1),
    };
    // Each part in its own keyed wrapper: Yew then inserts and removes parts in place. Unkeyed,
    // a step without a flow followed by one with a flow and a response put the context and the
    // response above the flow (issue 20, item 3).
    let parts = body_parts(&store, step)
        .into_iter()
        .map(|(key, part)| html! { <div class="explain-part" key={key}>{ part }</div> })
        .collect::<Html>();
    html! {
        <section class="card explanation" id="explanation" tabindex="-1" aria-labelledby="explanation-heading">
            <header class="card-header">
                <h2 class="card-title" id="explanation-heading">{ heading }</h2>
                <span class={classes!("badge", format!("badge-{class}"))}>{ word }</span>
            </header>
            <div class="explanation-body">{ parts }</div>
        </section>
    }
}

/// The explanation's parts in their order, each with a key naming it; absent parts are left out.
fn body_parts(store: &StoreHandle, step: &StepResult) -> Vec<(&'static str, Html)> {
    let steps = &store.run.result.steps;
    let who = step_caller(steps, step);
    let mut parts = vec![(
        "lede",
        html! {
            <p class="explain-lede">
                <span class="mono">{ clock(&step.at) }</span>{ " · " }
                <strong>{ who.name }</strong>{ format!(" ({}) ", who.kind) }
                { "called " }<span class="mono">{ &step.action }</span>
                if let Some(r) = &step.resource {
                    { " on " }<span class="mono break">{ r }</span>
                }
            </p>
        },
    )];
    if let Some(session) = &step.session {
        parts.push(("session", html! {
            <p class="explain-session">
                <span>{ "Created the session " }<strong class="mono">{ arn_name(&session.arn) }</strong>{ "." }</span>
                <button type="button" class="button button-small" id="explain-access"
                    title="Every catalog action this session may perform"
                    onclick={crate::components::access::open_session(store, step.index)}>
                    { "Effective permissions →" }
                </button>
            </p>
        }));
    }
    if let Some(trap) = &step.trap {
        parts.push(("trap", html! {
            <aside class="trap" id="exam-trap"><strong>{ "Exam trap: " }</strong>{ trap }</aside>
        }));
    }
    if let Some(e) = &step.error {
        parts.push((
            "message",
            html! {
                <pre class="aws-message">{ format!("{}: {}", e.code, e.message) }</pre>
            },
        ));
    }
    if let Some(from) = missing_session(steps, step) {
        let note = format!(
            "Step {} ({}) returned no credentials, so the session this call uses was never created: it has no valid security token.",
            from.index + 1,
            from.action
        );
        parts.push((
            "never-created",
            html! {
                <p class="explain-note" id="never-created">{ note }</p>
            },
        ));
    }
    let mismatch = step
        .explanation
        .as_ref()
        .and_then(|ex| principal_mismatch(ex, &step.caller));
    if let Some((expected, caller)) = mismatch {
        parts.push((
            "mismatch",
            html! {
                <p class="explain-note" id="principal-mismatch">
                    { "The trust policy lets in " }<span class="mono break">{ expected }</span>
                    { "; the caller is " }<span class="mono break">{ caller }</span>{ "." }
                </p>
            },
        ));
    }
    parts.push((
        "fix",
        html! { <crate::components::FixIt index={step.index} /> },
    ));
    match &step.explanation {
        Some(ex) => {
            parts.push(("rule", html! { <p class="rule-text">{ ex.rule_text }</p> }));
            parts.push(("flow", html! { <FlowChart flow={ex.flow.clone()} /> }));
            if !ex.service_rules.is_empty() {
                parts.push(("service-rules", service_rules(ex)));
            }
            parts.push(("policies", html! { <Policies explanation={ex.clone()} /> }));
        }
        None if step.decision == "error" => parts.push(("rule", html! {
            <p class="rule-text">{ "The call failed before authorization: no policy was evaluated." }</p>
        })),
        None => {}
    }
    if !step.context.is_empty() {
        parts.push((
            "context",
            html! {
                <Context context={std::rc::Rc::from(step.context.as_slice())} />
            },
        ));
    }
    if let Some(resp) = &step.response {
        parts.push(("response", html! {
            <details class="section" open={true}>
                <summary>{ "Response" }</summary>
                <pre class="code-block" id="response-json">{ serde_json::to_string_pretty(resp).unwrap_or_default() }</pre>
            </details>
        }));
    }
    parts.push(("cli", html! { <Cli cli={step.cli.clone()} /> }));
    parts
}

/// The "Service rules" stage in words: what each rule of the service said about this request, and
/// where AWS says so (the fact numbers of aws-service-rules.md).
fn service_rules(ex: &Explanation) -> Html {
    let items = ex
        .service_rules
        .iter()
        .map(|r| {
            let (class, word) = if r.refused {
                ("rule-refused", "Refused by")
            } else {
                ("rule-note", "Noted by")
            };
            html! {
                <li class={class} data-rule={r.id.to_string()}>
                    <strong>{ format!("{word} {}: ", r.service.to_ascii_uppercase()) }</strong>{ &r.text }
                    <span class="hint">{ format!(" (AWS facts {})", r.source) }</span>
                </li>
            }
        })
        .collect::<Html>();
    html! {
        <section class="section" id="service-rules">
            <h4 class="section-title">{ "Service rules" }</h4>
            <p class="hint">{ "What the service itself decides, beyond any policy." }</p>
            <ul class="service-rule-list">{ items }</ul>
        </section>
    }
}

/// For a request a trust policy refused because no statement named the caller: whom its
/// statements name, and the caller.
fn principal_mismatch(ex: &Explanation, caller: &str) -> Option<(String, String)> {
    if ex.decision == roleplay_eval::Decision::Allowed {
        return None;
    }
    let trust = ex.policies.iter().find(|p| p.kind == PolicyKind::Trust)?;
    if trust
        .statements
        .iter()
        .any(|s| s.applies && s.effect == Effect::Allow)
    {
        return None;
    }
    let mut named: Vec<&str> = Vec::new();
    for p in trust
        .statements
        .iter()
        .filter(|s| s.effect == Effect::Allow)
        .flat_map(|s| &s.principals)
    {
        if !named.contains(&p.as_str()) {
            named.push(p);
        }
    }
    (!named.is_empty()).then(|| (named.join(", "), caller.to_owned()))
}

#[derive(Properties, PartialEq)]
struct FlowProps {
    flow: Vec<FlowStep>,
}

/// AWS's evaluation chart as an SVG column of boxes: the path taken is lit, the failing box red.
#[component]
fn FlowChart(props: &FlowProps) -> Html {
    const ROW: f64 = 34.0;
    const BOX_H: f64 = 26.0;
    let n = props.flow.len();
    let height = ROW * n as f64;
    let failed_at = props.flow.iter().position(|f| f.status == FlowStatus::Fail);
    let boxes = props
        .flow
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let y = ROW * i as f64 + 2.0;
            let (class, status) = match f.status {
                FlowStatus::Pass => ("flow-pass", "passed"),
                FlowStatus::Fail if f.stage == "service" => ("flow-fail", "refused here"),
                FlowStatus::Fail => ("flow-fail", "denied here"),
                FlowStatus::NotApplicable => ("flow-na", "not applicable"),
                FlowStatus::Skipped => ("flow-skipped", "not needed"),
            };
            let on_path = failed_at.is_none_or(|k| i <= k)
                && matches!(f.status, FlowStatus::Pass | FlowStatus::Fail);
            let connector = (i + 1 < n).then(|| {
                let lit = failed_at.is_none_or(|k| i < k);
                html! {
                    <line x1="14" y1={format!("{}", y + BOX_H)} x2="14" y2={format!("{}", y + ROW)}
                        class={classes!("flow-edge", lit.then_some("lit"))} />
                }
            });
            html! {
                <g class={classes!("flow-step", class, on_path.then_some("on-path"))} data-stage={f.stage}>
                    { connector }
                    <rect x="1" y={format!("{y}")} width="318" height={format!("{BOX_H}")} rx="6" />
                    <circle cx="14" cy={format!("{}", y + BOX_H / 2.0)} r="5" class="flow-dot" />
                    <text x="28" y={format!("{}", y + BOX_H / 2.0 + 4.0)} class="flow-label">{ f.label }</text>
                    <text x="310" y={format!("{}", y + BOX_H / 2.0 + 4.0)} text-anchor="end" class="flow-status">{ status }</text>
                </g>
            }
        })
        .collect::<Html>();
    html! {
        <figure class="flow" id="flow-chart">
            <svg viewBox={format!("0 0 320 {height}")} role="img" aria-label="Evaluation flow: the path this request took">
                { boxes }
            </svg>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
struct PoliciesProps {
    explanation: Explanation,
}

fn kind_label(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Identity => "Identity policy",
        PolicyKind::Resource => "Resource policy",
        PolicyKind::Trust => "Trust policy",
        PolicyKind::PermissionsBoundary => "Permissions boundary",
        PolicyKind::Session => "Session policy",
        PolicyKind::ServiceControl => "SCP",
        PolicyKind::ResourceControl => "RCP",
        PolicyKind::VpcEndpoint => "VPC endpoint policy",
    }
}

fn miss_label(m: Miss) -> &'static str {
    match m {
        Miss::Principal => "principal did not match",
        Miss::Action => "action did not match",
        Miss::Resource => "resource did not match",
        Miss::Condition => "a condition failed",
    }
}

#[component]
fn Policies(props: &PoliciesProps) -> Html {
    let ex = &props.explanation;
    if ex.policies.is_empty() {
        return html! { <p class="muted">{ "No policy applied to this request." }</p> };
    }
    let policies = ex
        .policies
        .iter()
        .enumerate()
        .map(|(pi, p)| policy_html(ex, pi, p))
        .collect::<Html>();
    html! {
        <div class="section">
            <h3 class="section-title">{ "Policies consulted" }</h3>
            <ul class="policies" id="policies-consulted">{ policies }</ul>
        </div>
    }
}

fn policy_html(ex: &Explanation, pi: usize, p: &PolicyTrace) -> Html {
    let statements = p
        .statements
        .iter()
        .enumerate()
        .map(|(si, s)| {
            let decided = ex
                .deciding
                .iter()
                .any(|r| r.policy == pi && r.statement == si);
            let effect = if s.effect == Effect::Deny { "Deny" } else { "Allow" };
            let verdict = match (s.applies, s.miss) {
                (true, _) if decided => "applies — decided".to_owned(),
                (true, _) => "applies".to_owned(),
                (false, Some(m)) => miss_label(m).to_owned(),
                (false, None) => "did not apply".to_owned(),
            };
            let name = match &s.sid {
                Some(sid) => format!("Statement {} ({sid})", s.index + 1),
                None => format!("Statement {}", s.index + 1),
            };
            let conditions = s.conditions.iter().map(condition_html).collect::<Html>();
            html! {
                <li class={classes!("statement", s.applies.then_some("applies"), decided.then_some("decided"), format!("effect-{}", effect.to_ascii_lowercase()))}>
                    <div class="statement-head">
                        <span class="statement-mark" aria-hidden="true">{ if s.applies { "✓" } else { "✗" } }</span>
                        <span class="statement-name">{ name }</span>
                        <span class={classes!("effect", format!("effect-tag-{}", effect.to_ascii_lowercase()))}>{ effect }</span>
                        <span class="statement-verdict">{ verdict }</span>
                        <span class="statement-lines">{ format!("lines {}–{}", s.location.start_line, s.location.end_line) }</span>
                    </div>
                    if !s.conditions.is_empty() {
                        <ul class="conditions">{ conditions }</ul>
                    }
                </li>
            }
        })
        .collect::<Html>();
    let owner = crate::scenario::arn_name(&p.owner);
    // A trust policy has no name of its own ("trust policy"): its kind says it.
    let name: &str = if p.kind == PolicyKind::Trust {
        ""
    } else {
        &p.name
    };
    html! {
        <li class="policy">
            <div class="policy-head">
                <span class="policy-kind">{ kind_label(p.kind) }</span>
                <span class="policy-name">{ name }</span>
                <span class="policy-owner" title={p.owner.to_string()}>{ format!("on {owner}") }</span>
                if let Some(level) = &p.level {
                    <span class="policy-owner">{ format!("at {level}") }</span>
                }
            </div>
            if p.statements.is_empty() {
                <p class="muted small">{ "No statement of this policy was reached." }</p>
            } else {
                <ul class="statements">{ statements }</ul>
            }
        </li>
    }
}

fn condition_html(c: &ConditionTrace) -> Html {
    let operator = serde_json::to_value(c)
        .ok()
        .and_then(|v| v.get("operator")?.as_str().map(str::to_owned))
        .unwrap_or_default();
    let request = match &c.request_values {
        None => "(absent)".to_owned(),
        Some(v) => quoted(v),
    };
    html! {
        <li class={classes!("condition", if c.result { "cond-ok" } else { "cond-fail" })}>
            <span class="cond-mark">{ if c.result { "✓" } else { "✗" } }</span>
            <span class="mono">{ format!("{operator} {}", c.key) }</span>
            <span class="cond-values">
                <span class="muted">{ "request " }</span><span class="mono">{ request }</span>
                <span class="muted">{ " vs policy " }</span><span class="mono">{ quoted(&c.policy_values) }</span>
            </span>
            if !c.unreadable.is_empty() {
                // docs/fidelity.md #48, #49: such values match nothing, and the verdict rests on that.
                <span class="cond-unreadable" role="note">
                    { format!("could not read {} as its type: it matched nothing", quoted(&c.unreadable)) }
                </span>
            }
        </li>
    }
}

fn quoted(values: &[String]) -> String {
    let q: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
    if q.len() == 1 {
        q.concat()
    } else {
        format!("[{}]", q.join(", "))
    }
}

#[derive(Properties, PartialEq)]
struct ContextProps {
    context: std::rc::Rc<[roleplay_eval::Entry]>,
}

#[component]
fn Context(props: &ContextProps) -> Html {
    let rows = props
        .context
        .iter()
        .map(|e| {
            html! {
                <tr>
                    <td class="mono">{ &*e.key }</td>
                    <td class="mono break">{ e.values.join(", ") }</td>
                    <td>
                        if e.overridden {
                            <span class="tag tag-warn">{ "overridden" }</span>
                        } else if e.derived {
                            <span class="tag">{ "derived" }</span>
                        } else {
                            <span class="tag tag-step">{ "from step" }</span>
                        }
                    </td>
                </tr>
            }
        })
        .collect::<Html>();
    html! {
        <details class="section">
            <summary>{ format!("Request context ({} keys)", props.context.len()) }</summary>
            <table class="context-table" id="context-table">
                <thead><tr><th>{ "Key" }</th><th>{ "Value" }</th><th>{ "Source" }</th></tr></thead>
                <tbody>{ rows }</tbody>
            </table>
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct CliProps {
    cli: String,
}

#[component]
fn Cli(props: &CliProps) -> Html {
    let copied = use_state_eq(|| false);
    let onclick = {
        let cli = props.cli.clone();
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let cli = cli.clone();
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if copy_text(&cli).await {
                    copied.set(true);
                }
            });
        })
    };
    html! {
        <div class="section">
            <div class="section-row">
                <h3 class="section-title">{ "AWS CLI equivalent" }</h3>
                <button type="button" class="button button-small" id="copy-cli" {onclick}>
                    { if *copied { "Copied" } else { "Copy" } }
                </button>
            </div>
            <pre class="cli" id="cli-command">{ format!("$ {}", props.cli) }</pre>
        </div>
    }
}

/// Writes to the clipboard; false when the browser refuses (no permission, not focused).
pub async fn copy_text(text: &str) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    JsFuture::from(w.navigator().clipboard().write_text(text))
        .await
        .is_ok()
}

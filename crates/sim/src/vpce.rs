//! Requests through a VPC endpoint (§6 of aws-service-rules): the endpoint's policy is one more policy
//! that must allow (F6.8), and the request context changes — `aws:SourceVpce`, `aws:SourceVpc` and
//! `aws:VpcSourceIp` are present, `aws:SourceIp` is not (F6.11–F6.14).

use crate::finding::ScenarioFinding;
use crate::format::Via;
use crate::world::{PolicyEntry, World};
use roleplay_eval::Context;
use roleplay_policy::Code;

/// The private address a request through an endpoint comes from when the step does not say
/// (`context` may set `aws:VpcSourceIp`).
const DEFAULT_VPC_SOURCE_IP: &str = "10.0.0.10";

/// Sets the context of a request through `via` and returns the endpoint's policy; an unknown endpoint
/// is an error finding and no endpoint.
pub fn through<'w>(
    world: &'w World,
    via: &Via,
    action: &str,
    ctx: &mut Context,
    step: usize,
    findings: &mut Vec<ScenarioFinding>,
) -> Option<&'w PolicyEntry> {
    let Some(e) = world.vpc_endpoint(&via.vpc_endpoint) else {
        findings.push(ScenarioFinding::error(
            Code::UnknownVpcEndpoint,
            format!("steps[{step}].via.vpcEndpoint"),
            format!("{} is not an endpoint of vpcEndpoints.", via.vpc_endpoint),
        ));
        return None;
    };
    let service = action.split(':').next().unwrap_or("");
    if !service.eq_ignore_ascii_case(&e.service) {
        findings.push(ScenarioFinding::warning(
            Code::VpcEndpointService,
            format!("steps[{step}].via.vpcEndpoint"),
            format!(
                "{} reaches {}, not {service}: a request to {service} does not go through it.",
                e.id, e.service
            ),
        ));
    }
    ctx.set_one("aws:SourceVpce", e.id.clone(), true);
    ctx.set_one("aws:SourceVpc", e.vpc.clone(), true);
    if ctx.get("aws:VpcSourceIp").is_none() {
        ctx.set_one("aws:VpcSourceIp", DEFAULT_VPC_SOURCE_IP, false);
    }
    if ctx.get("aws:SourceIp").is_some() {
        findings.push(ScenarioFinding::warning(
            Code::SourceIpThroughVpcEndpoint,
            format!("steps[{step}].context.aws:SourceIp"),
            "A request through a VPC endpoint carries no aws:SourceIp (its address is aws:VpcSourceIp): the key is left out.".into(),
        ));
        ctx.retain(|entry| !entry.key.eq_ignore_ascii_case("aws:SourceIp"));
    }
    Some(&e.policy)
}

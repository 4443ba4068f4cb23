//! What GetSessionToken and GetFederationToken credentials may call (§7 of aws-service-rules:
//! F7.5, F7.6, F7.14), checked before any policy.

use super::{classic_denial, trace, Call, Refusal};
use crate::context::Identity;
use roleplay_eval::Decision;

/// The limits of the caller's temporary credentials, if they refuse this request.
pub fn credential_limits(call: &Call) -> Option<Refusal> {
    let Identity::Token(t, _) = call.who else {
        return None;
    };
    let (service, op) = call.parts();
    let federated = t.federation.is_some();
    let refused = match service.as_str() {
        // GetSessionToken credentials call STS only for AssumeRole and GetCallerIdentity (F7.5);
        // GetFederationToken credentials only for GetCallerIdentity (F7.14).
        "sts" => op != "getcalleridentity" && (federated || op != "assumerole"),
        // IAM: GetSessionToken credentials only when MFA was given (F7.5); federated users never (F7.14).
        "iam" => federated || !t.mfa,
        _ => false,
    };
    if !refused {
        return None;
    }
    let (id, source, text) = match (service.as_str(), federated) {
        ("sts", false) => ("SESSION_TOKEN_STS", "F7.5", "GetSessionToken credentials call STS only for AssumeRole and GetCallerIdentity."),
        ("sts", true) => ("FEDERATION_TOKEN_STS", "F7.14", "GetFederationToken credentials call no STS operation but GetCallerIdentity."),
        (_, false) => ("SESSION_TOKEN_IAM_WITHOUT_MFA", "F7.5, F7.6", "GetSessionToken credentials call IAM only when the call that got them passed MFA (SerialNumber and TokenCode)."),
        (_, true) => ("FEDERATION_TOKEN_IAM", "F7.14", "GetFederationToken credentials cannot call IAM through the API."),
    };
    // The one observed answer is to an IAM call with GetSessionToken credentials without MFA (F7.6);
    // the others are not documented: AccessDenied (docs/fidelity.md).
    let invalid_token = service == "iam" && !federated;
    Some(Refusal {
        trace: trace("sts", id, source, text, true),
        decision: Decision::ImplicitDeny,
        responsible: None,
        code: if invalid_token {
            "InvalidClientTokenId"
        } else {
            "AccessDenied"
        },
        message: if invalid_token {
            "The security token included in the request is invalid".into()
        } else {
            classic_denial(call)
        },
        error: invalid_token,
    })
}

//! Who makes a request, and how a policy's `Principal` element names them (§1.7, §4.3).

use roleplay_policy::PrincipalType;
use serde::Serialize;

/// The authenticated caller of one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Caller {
    /// An account's root user.
    Root {
        account: String,
    },
    User {
        arn: String,
        account: String,
        id: String,
    },
    /// A role session: `arn:aws:sts::A:assumed-role/R/S` of role `arn:aws:iam::A:role/path/R`.
    RoleSession {
        session_arn: String,
        role_arn: String,
        role_id: String,
        account: String,
    },
    FederatedUser {
        arn: String,
        account: String,
    },
    /// An AWS service principal such as `cloudtrail.amazonaws.com`.
    Service {
        name: String,
    },
    /// An identity-provider user presenting a token: OIDC provider ARN or a well-known IdP name.
    WebIdentity {
        provider: String,
    },
    /// A SAML assertion from this provider ARN.
    Saml {
        provider: String,
    },
    Anonymous,
}

/// How a matching `Principal` entry named the caller: the same-account table of §4.3 depends on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PrincipalMatch {
    /// `"*"`: everyone.
    Everyone,
    /// An account id or `arn:aws:iam::A:root`: delegation to the account's own policies.
    Account,
    UserArn,
    /// The role whose session calls: limited by the session's boundary and session policies.
    RoleArn,
    SessionArn,
    FederatedUserArn,
    Service,
    Federated,
}

impl Caller {
    pub fn account(&self) -> Option<&str> {
        match self {
            Caller::Root { account }
            | Caller::User { account, .. }
            | Caller::RoleSession { account, .. }
            | Caller::FederatedUser { account, .. } => Some(account),
            _ => None,
        }
    }

    /// The ARN AWS prints in an AccessDenied message.
    pub fn display_arn(&self) -> String {
        match self {
            Caller::Root { account } => format!("arn:aws:iam::{account}:root"),
            Caller::User { arn, .. } | Caller::FederatedUser { arn, .. } => arn.clone(),
            Caller::RoleSession { session_arn, .. } => session_arn.clone(),
            Caller::Service { name } => name.clone(),
            Caller::WebIdentity { provider } | Caller::Saml { provider } => provider.clone(),
            Caller::Anonymous => "anonymous".into(),
        }
    }

    /// Whether the caller signs with AWS credentials (root, users, sessions).
    pub fn is_aws_principal(&self) -> bool {
        self.account().is_some()
    }

    /// Does one `Principal` entry name this caller, and how?
    pub fn matched_by(&self, kind: PrincipalType, value: &str) -> Option<PrincipalMatch> {
        match kind {
            PrincipalType::Aws => self.matched_by_aws(value),
            PrincipalType::Service => match self {
                Caller::Service { name } if name.eq_ignore_ascii_case(value) => {
                    Some(PrincipalMatch::Service)
                }
                _ => None,
            },
            PrincipalType::Federated => match self {
                Caller::WebIdentity { provider } | Caller::Saml { provider }
                    if provider == value =>
                {
                    Some(PrincipalMatch::Federated)
                }
                _ => None,
            },
            PrincipalType::CanonicalUser => None,
        }
    }

    fn matched_by_aws(&self, value: &str) -> Option<PrincipalMatch> {
        if value == "*" {
            return Some(PrincipalMatch::Everyone);
        }
        let account = self.account()?;
        let named_account = if value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit()) {
            Some(value)
        } else {
            value
                .strip_prefix("arn:")
                .and_then(|r| r.split_once(":iam::"))
                .and_then(|(_, r)| r.strip_suffix(":root"))
        };
        if let Some(a) = named_account {
            return (a == account).then_some(PrincipalMatch::Account);
        }
        match self {
            Caller::User { arn, id, .. } if arn == value || id == value => {
                Some(PrincipalMatch::UserArn)
            }
            Caller::RoleSession {
                session_arn,
                role_arn,
                role_id,
                ..
            } => {
                if role_arn == value || role_id == value {
                    Some(PrincipalMatch::RoleArn)
                } else if session_arn == value {
                    Some(PrincipalMatch::SessionArn)
                } else {
                    None
                }
            }
            Caller::FederatedUser { arn, .. } if arn == value => {
                Some(PrincipalMatch::FederatedUserArn)
            }
            _ => None,
        }
    }

    /// The chain AWS checks for `NotPrincipal` (account → role → session, §1.7): the caller is
    /// excluded only when every link is listed.
    pub fn not_principal_chain(&self) -> Vec<String> {
        match self {
            Caller::Root { account } => vec![format!("arn:aws:iam::{account}:root")],
            Caller::User { arn, account, .. } | Caller::FederatedUser { arn, account } => {
                vec![format!("arn:aws:iam::{account}:root"), arn.clone()]
            }
            Caller::RoleSession {
                session_arn,
                role_arn,
                account,
                ..
            } => vec![
                format!("arn:aws:iam::{account}:root"),
                role_arn.clone(),
                session_arn.clone(),
            ],
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_forms_are_equivalent() {
        let alice = Caller::User {
            arn: "arn:aws:iam::111122223333:user/alice".into(),
            account: "111122223333".into(),
            id: "AIDAALICE".into(),
        };
        assert_eq!(
            alice.matched_by(PrincipalType::Aws, "111122223333"),
            Some(PrincipalMatch::Account)
        );
        assert_eq!(
            alice.matched_by(PrincipalType::Aws, "arn:aws:iam::111122223333:root"),
            Some(PrincipalMatch::Account)
        );
        assert_eq!(alice.matched_by(PrincipalType::Aws, "444455556666"), None);
        assert_eq!(
            alice.matched_by(PrincipalType::Aws, "arn:aws:iam::111122223333:user/Alice"),
            None
        );
        assert_eq!(
            Caller::Anonymous.matched_by(PrincipalType::Aws, "*"),
            Some(PrincipalMatch::Everyone)
        );
    }
}

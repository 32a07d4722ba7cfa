//! A time limit on one document's parse: the backstop behind rules that are
//! each linear, so that a file no rule foresaw costs its reader seconds, not
//! hours, and is skipped with a reason.

use std::fmt;
use std::time::{Duration, Instant};

/// When a parse must give up. Checked between stages and once per
/// paragraph, so a check costs one clock read per paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// `None`: no limit.
    deadline: Option<Instant>,
    limit: Duration,
}

/// A parse that ran past its budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OverBudget {
    pub limit: Duration,
}

impl Budget {
    pub fn unlimited() -> Self {
        Budget {
            deadline: None,
            limit: Duration::MAX,
        }
    }

    /// `limit` from now.
    pub fn starting_now(limit: Duration) -> Self {
        Budget {
            deadline: Instant::now().checked_add(limit),
            limit,
        }
    }

    pub fn check(&self) -> Result<(), OverBudget> {
        match self.deadline {
            Some(deadline) if Instant::now() >= deadline => Err(OverBudget { limit: self.limit }),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for OverBudget {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "parsing took longer than {} s, the limit for one file",
            self.limit.as_secs_f64()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spent_budget_fails_its_check_and_no_limit_never_does() {
        let spent = Budget::starting_now(Duration::ZERO);
        assert_eq!(
            spent.check(),
            Err(OverBudget {
                limit: Duration::ZERO
            })
        );
        assert_eq!(
            Budget::starting_now(Duration::from_secs(3600)).check(),
            Ok(())
        );
        assert_eq!(Budget::unlimited().check(), Ok(()));
        // A limit too far off to be an instant is no limit.
        assert_eq!(Budget::starting_now(Duration::MAX).check(), Ok(()));
    }
}

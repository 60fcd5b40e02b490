"""The audit log: logins, approvals, pipeline changes, PII views and exports."""

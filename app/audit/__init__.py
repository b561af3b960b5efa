"""The tamper-evident audit trail: record, read, verify."""

from app.audit.trail import AuditRecord, AuditTrail, VerifyResult

__all__ = ["AuditRecord", "AuditTrail", "VerifyResult"]

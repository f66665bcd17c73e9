"""Reports over a ledger: aged balance now, collection KPIs later."""

from .aging import BUCKETS, AgingLine, AgingReport, aged_balance

__all__ = ["BUCKETS", "AgingLine", "AgingReport", "aged_balance"]

"""Dunning plans: which step of the reminder ladder each debtor has reached."""

"""The pages, one blueprint each: import, today, debtor, KPIs."""

"""EU instruments: the Late Payment Directive's floor, the European order for payment and
the European Small Claims Procedure.

Worked examples: shared/research/uk_de_eu_rules.md section 6 (Ex 8, Ex 12).
"""

from datetime import date
from decimal import Decimal

from relance_docs.law.interest import compute_interest


class TestDirective:
    def test_ex12_spain_or_netherlands(self):
        # Ex 12: EUR 10,000 overdue 1 Jul - 31 Dec 2025 (184 days); ECB 2.15 on 1 Jul 2025
        # + 8 = 10.15 %; 10000 x 10.15 % x 184/365 = 511.6712... -> 511.67, plus EUR 40.
        r = compute_interest(
            jurisdiction="EU",
            creditor_kind="company",
            debtor_kind="company",
            principal=Decimal("10000.00"),
            due=date(2025, 6, 30),
            until=date(2025, 12, 31),
        )
        assert [(ln.days, str(ln.rate), str(ln.amount)) for ln in r.lines] == [
            (184, "10.15", "511.67")
        ]
        assert r.fixed_compensation == Decimal("40.00")
        assert any(n.unconfirmed and "Belgium" in n.text for n in r.notes)

"""Law only in rules/: every number a reason, a warning or a rate reference quotes is in
a pack (a value, a period, a source, an article cited there) or comes from the claim
itself (its amounts, its dates, the period asked for). A figure written into the code
("30 days", "10 points", "5,000") fails here, for a set of claims that walks every
jurisdiction, party type, place, currency and limitation case."""

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from relance_docs.law.deadlines import check_due_date, deadline
from relance_docs.law.interest import compute_interest
from relance_docs.law.procedures import Claim, ClaimParty, assess
from relance_docs.resources import rules_dir

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
DATES = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{4}-S[12]|\b\d{1,2} (?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December)(?: \d{4})?"
)
LAW = {"FR": "EUR", "GB": "GBP", "DE": "EUR", "EU": "EUR"}
# Conventions of the project, not law (DESIGN.md): the act/365 divisor.
CONVENTIONS = {"365"}

KINDS = ["company", "consumer", "trader", "professional", "public", None]
PLACES = [
    ("FR", None, "Lyon", None),
    ("FR", "6AE", "Strasbourg", "67000"),
    ("FR", None, "Vénissieux", None),
    ("FR", None, "Saint-Louis", None),
    ("FR", "971", "Pointe-à-Pitre", "97110"),
    ("GB", "ENG", "Leeds", None),
    ("GB", "SCT", "Edinburgh", None),
    ("DE", None, "München", None),
    ("IT", None, "Milano", None),
    ("DK", None, "København", None),
    ("US", None, "Boston", None),
]
CASES = [  # principal, due, as of: recent; time-barred everywhere; at the 2-year edge
    ("4800.00", date(2025, 9, 30), date(2025, 12, 15)),
    ("9950.00", date(2019, 3, 15), date(2026, 6, 1)),
    ("120000.00", date(2024, 3, 15), date(2026, 3, 16)),
]


def number(token: str) -> str:
    return format(Decimal(token.replace(",", "")).normalize(), "f")


def pack_numbers() -> set[str]:
    out = set()
    for path in rules_dir().glob("[A-Z][A-Z]/*.yaml"):
        out |= {number(t) for t in NUMBER.findall(path.read_text(encoding="utf-8"))}
    # The department codes of rules/FR/communes.tsv (a town's place, for the court).
    for path in rules_dir().glob("[A-Z][A-Z]/*.tsv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        out |= {line.split("\t")[0] for line in lines if line and not line.startswith("#")}
    return out


def claim_numbers(claim: Claim, *extra) -> set[str]:
    p, i, f = claim.principal, claim.interest, claim.fixed_compensation
    values = (p, i, f, p + i, p + f, p + i + f, *extra)
    return {number(str(v)) for v in values}


def reason_texts():
    """(text, numbers it may quote from its inputs) for every reason of the grid."""
    for j, creditor_country in (("FR", "FR"), ("GB", "GB"), ("DE", "DE"), ("EU", "IT")):
        for ck in ("company", "consumer", None):
            for dk in KINDS:
                for country, sub, city, postcode in PLACES:
                    for principal, due, as_of in CASES:
                        both = ck == dk == "company"
                        for currency in ("EUR", "GBP", "USD") if both else (LAW[j],):
                            r = compute_interest(
                                jurisdiction=j, creditor_kind=ck, debtor_kind=dk,
                                principal=Decimal(principal), due=due, until=as_of,
                                currency=currency,
                            )  # fmt: skip
                            claim = Claim(
                                ClaimParty(ck, creditor_country),
                                ClaimParty(dk, country, sub, city, postcode=postcode),
                                currency, Decimal(principal), r.interest,
                                r.fixed_compensation, as_of, due,
                            )  # fmt: skip
                            a = assess(claim)
                            fees = [p.fee for p in a.procedures if p.fee is not None]
                            mine = claim_numbers(claim, *fees) | {postcode or "0"}
                            for p in a.procedures:
                                for x in (*p.reasons, *p.deadlines):
                                    yield x.text, mine
                                yield p.court or "", mine
                            for pre in a.prerequisites:
                                for x in pre.reasons:
                                    yield x.text, mine
                            for x in a.limitation.reasons:
                                yield x.text, mine
                            for w in (*a.warnings, *r.warnings):
                                yield str(w), mine
                            for n in r.notes:
                                yield n.text, mine
                            for line in r.lines:
                                yield line.reference, mine | {number(str(line.rate))}


def deadline_texts():
    places = (
        ("FR", [None, "57", "6AE", "971", "974"]),
        ("GB", ["ENG", "SCT"]),
        ("DE", [None, "BY"]),
    )
    starts = (date(2026, 3, 6), date(2026, 1, 31), date(2025, 3, 19), date(2026, 12, 11))
    for j, subs in places:
        for sub in subs:
            for period in ("1 mois", "15 jours", "5 jours ouvrés", "2 ans", "30 days"):
                for start in starts:
                    for distance in (None, "overseas", "abroad") if j == "FR" else (None,):
                        d = deadline(j, start, period, subdivision=sub, distance=distance)
                        # The period asked for, and its months once extended (CPC 641).
                        mine = {number(t) for t in NUMBER.findall(period)}
                        mine |= {str(d.period.count * 12 + k) for k in (0, 1, 2)}
                        mine |= {str(d.period.count + k) for k in (1, 2)}
                        for x in d.reasons:
                            yield x.text, mine
                        for w in d.warnings:
                            yield str(w), mine
    for due in (date(2025, 3, 11), date(2025, 3, 17), date(2025, 3, 18)):
        for w in check_due_date(date(2025, 1, 10), due):
            yield str(w), set()


@pytest.mark.parametrize("source", [reason_texts, deadline_texts], ids=["assess", "deadline"])
def test_no_figure_in_a_reason_is_absent_from_the_packs(source):
    known = pack_numbers() | CONVENTIONS
    absent: dict[str, str] = {}
    seen = 0
    for text, mine in source():
        seen += 1
        for token in NUMBER.findall(DATES.sub(" ", text)):
            n = number(token)
            if n not in known and n not in mine:
                absent.setdefault(n, text)
    assert seen > 1000
    assert absent == {}, "\n".join(f"{n}: {t}" for n, t in absent.items())


def test_the_packs_hold_the_figures_the_audit_named():
    # The list: the 30-day reply period, the 10,000 EUR lawyer threshold, the
    # ECB + 10 points, the CPC 643 extensions, the L441-10 term caps, the Scottish limit,
    # the 12 points of ZPO 688.
    from relance_docs.law.packs import load_pack

    fr, gb, de = (load_pack(c) for c in ("FR", "GB", "DE"))
    assert gb.period("letter_of_claim_reply")[0] == "30 days"
    assert fr.value("lawyer_threshold").decimal("amount") == Decimal("10000.00")
    assert fr.value("b2b_margin").values["points"] == "10"
    assert (fr.period("distance_overseas")[0], fr.period("distance_abroad")[0]) == (
        "1 mois",
        "2 mois",
    )
    terms = fr.value("payment_terms").values
    assert (terms["default"], terms["cap"], terms["end_of_month"]) == ("30", "60", "45")
    assert gb.value("scotland_simple_procedure").decimal("amount") == Decimal("5000.00")
    assert de.value("mahnverfahren_consumer_credit").values["points"] == "12"


def test_the_packs_are_where_the_test_reads_them():
    assert {p.parent.name for p in Path(rules_dir()).glob("*/pack.yaml")} >= {"FR", "GB", "DE"}

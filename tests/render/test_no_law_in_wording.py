"""No legal figure typed into wording: every period, amount, rate and article number a
template prints comes from the context, which reads it from rules/ (render/legal.py);
the templates' own text holds no digit."""

import re

from relance_docs.resources import templates_dir

# Digits that are not law: the name of a hash.
ALLOWED = {"sha256"}


def _own_text(source: str) -> str:
    """What a template writes itself: no Jinja comment, tag or expression, no HTML tag, no
    stylesheet (CSS sizes are not wording)."""
    source = re.sub(r"<style.*?</style>", " ", source, flags=re.S)
    source = re.sub(r"\{#.*?#\}", " ", source, flags=re.S)
    source = re.sub(r"\{%.*?%\}", " ", source, flags=re.S)
    source = re.sub(r"\{\{.*?\}\}", " ", source, flags=re.S)
    return re.sub(r"<[^>]*>", " ", source)


def test_no_template_types_a_figure_of_its_own():
    found = []
    for path in sorted(templates_dir().rglob("*.html")):
        text = _own_text(path.read_text(encoding="utf-8"))
        for word in re.findall(r"\S*\d\S*", text):
            if word.strip(".,;:()") not in ALLOWED:
                found.append(f"{path.relative_to(templates_dir())}: {word}")
    assert found == []


def test_the_formal_notice_period_is_the_packs():
    from relance_docs.law.packs import load_pack

    entry = load_pack("FR").data["letters"]["periods"]["formal_notice_payment"]
    assert entry["period"] == "8 jours" and entry["from_receipt"] is True
    assert entry["basis"]  # a source, as every figure in rules/

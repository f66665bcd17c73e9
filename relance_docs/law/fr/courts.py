"""France: where a debtor is, and which court hears a claim against it.

The place decides the court: Alsace-Moselle (Moselle 57, Bas-Rhin 67, Haut-Rhin 68) has
no tribunal de commerce (the chambre commerciale of the tribunal judiciaire hears
commercial claims), and twelve tribunaux des activités économiques (TAE) replace the
tribunal de commerce in their areas from 2025 to 2028. The department comes from the
postcode when there is one, else from the town's name (INSEE list in
``rules/FR/communes.tsv``); when neither settles it, :class:`Place` says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from ...resources import rules_dir
from ...text import fold
from ..packs import Pack

__all__ = ["Place", "place_of", "tae_for"]

_OVERSEAS_POSTCODES = {"97133": "BL", "97150": "MF"}
_OVERSEAS_DEPARTMENTS = {
    "971": "971", "972": "972", "973": "973", "974": "974", "976": "976",
    "975": "PM", "986": "WF", "987": "PF", "988": "NC",
}  # fmt: skip
_SUBDIVISION_DEPARTMENTS = {"57": ("57",), "6AE": ("67", "68")}
_WORD = re.compile(r"[^a-z0-9]+")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


@dataclass(frozen=True)
class Place:
    """A French debtor's department (``None``: not settled) and calendar subdivision;
    ``how`` says what settled it, ``doubt`` why it is not."""

    department: str | None
    subdivision: str | None
    alsace_moselle: bool | None
    how: str
    doubt: str | None = None


def town_key(name: str) -> str:
    """``"Saint-Étienne"`` and ``"St Etienne"`` -> ``"saint etienne"``."""
    words = _WORD.sub(" ", fold(name)).split()
    return " ".join(_ABBREVIATIONS.get(w, w) if i == 0 else w for i, w in enumerate(words))


@cache
def _communes() -> dict[str, tuple[str, ...]]:
    """Town name -> the departments that have a commune of that name."""
    out: dict[str, list[str]] = {}
    path = rules_dir() / "FR" / "communes.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        department, names = line.split("\t", 1)
        for name in names.split("|"):
            out.setdefault(name, []).append(department)
    return {name: tuple(deps) for name, deps in out.items()}


def department_of_postcode(postcode: str | None) -> str | None:
    code = (postcode or "").replace(" ", "")
    if len(code) != 5 or not (code.isascii() and code.isdigit()):
        return None
    if code[:2] in ("97", "98"):
        return code[:3]
    if code[:2] == "20":  # Corsica: 2A or 2B, both outside the special rules here
        return "2A" if code < "20200" else "2B"
    return code[:2]


def subdivision_of_department(department: str, postcode: str | None = None) -> str | None:
    if postcode and postcode.replace(" ", "") in _OVERSEAS_POSTCODES:
        return _OVERSEAS_POSTCODES[postcode.replace(" ", "")]
    if department == "57":
        return "57"
    if department in ("67", "68"):
        return "6AE"
    return _OVERSEAS_DEPARTMENTS.get(department)


def place_of(city: str | None, postcode: str | None, subdivision: str | None, am: list) -> Place:
    """Where the debtor is, from its postcode, else its subdivision, else its town.

    ``am`` lists the Alsace-Moselle subdivisions (from the pack).
    """
    department = department_of_postcode(postcode)
    if department is not None:
        sub = subdivision_of_department(department, postcode)
        return Place(department, sub, sub in am, f"postcode {postcode}")
    if subdivision in am:
        deps = _SUBDIVISION_DEPARTMENTS.get(subdivision, ())
        only = deps[0] if len(deps) == 1 else None
        return Place(only, subdivision, alsace_moselle=True, how="subdivision")
    if not city:
        return Place(None, subdivision, None, "nothing", doubt="the debtor's town is not known")
    departments = _communes().get(town_key(city))
    if not departments:
        return Place(
            None,
            subdivision,
            None,
            "town",
            doubt=f"'{city}' is not a French commune relance knows (INSEE 2022 list)",
        )
    in_am = {d in ("57", "67", "68") for d in departments}
    if len(in_am) > 1:
        listed = ", ".join(departments)
        return Place(
            None,
            subdivision,
            None,
            "town",
            doubt=f"communes named '{city}' exist in departments {listed}, in Alsace-Moselle "
            "and outside it",
        )
    department = departments[0] if len(departments) == 1 else None
    sub = subdivision_of_department(department) if department else subdivision
    if in_am == {True} and sub is None:
        sub = "57" if departments == ("57",) else "6AE"
    return Place(department, sub, in_am == {True}, "town")


def tae_for(place: Place, city: str | None, fr: Pack, day: date) -> tuple[str | None, bool]:
    """The TAE city that may replace the tribunal de commerce, and whether it is certain.

    Certain for the TAE's own city; possible ("may be") for another commune of the same
    department, whose court's area the rules data does not hold.
    """
    tae = fr.data["tae"]
    if not (date.fromisoformat(str(tae["from"])) <= day <= date.fromisoformat(str(tae["to"]))):
        return None, True
    cities = tae["cities"]
    if city:
        for name, department in cities.items():
            if town_key(name) == town_key(city) and place.department in (None, department):
                return name, True
    for name, department in cities.items():
        if place.department == department:
            return name, False
    return None, True


def ip_court(claim, fr: Pack):
    """The court (as "du tribunal ..." to follow "Président" or "Juge des référés") and
    the CERFA form for an injonction de payer (CPC 1406), with the reasons, each paired
    with the outcome it supports."""
    from ...model import PartyKind
    from ..assessment import OK, REVIEW, both_commercial
    from ..reasons import Reason

    forms = fr.data["forms"]
    debtor = claim.debtor
    city = debtor.city or "la commune du débiteur"
    commercial = both_commercial(claim)
    notes: list = []
    if commercial is None:
        who = "debtor" if debtor.kind is None else "creditor"
        notes.append(
            (
                REVIEW,
                Reason(
                    f"The {who}'s type is not known: the court (tribunal de commerce or "
                    "tribunal judiciaire) depends on whether both parties are commercial",
                    "CPC 1406",
                ),
            )
        )
        return None, None, notes
    if not commercial:
        if debtor.kind is PartyKind.CONSUMER:
            jcp = forms["juge_des_contentieux_de_la_protection"]["version"]
            notes.append(
                (
                    OK,
                    Reason(
                        "For consumer credit or a residential lease the juge des contentieux "
                        f"de la protection is competent (CERFA {jcp})",
                        "CPC 1406",
                    ),
                )
            )
        tj = forms["tribunal_judiciaire"]["version"]
        return f"du tribunal judiciaire dont relève {city}", f"CERFA {tj}", notes
    form = f"CERFA {forms['tribunal_de_commerce']['version']}"
    am = fr.data["alsace_moselle"]
    place = place_of(debtor.city, debtor.postcode, debtor.subdivision, am["subdivisions"])
    if place.alsace_moselle is None:
        notes.append(
            (
                REVIEW,
                Reason(
                    f"Whether the debtor is in Alsace-Moselle (no tribunal de commerce there) "
                    f"is not settled: {place.doubt}. Give the debtor's postcode",
                    am["basis"],
                    unconfirmed=True,
                ),
            )
        )
        return f"du tribunal compétent pour {city}", form, notes
    if place.alsace_moselle:
        notes.append(
            (
                OK,
                Reason(
                    f"{city} is in Alsace-Moselle ({place.how}), which has no tribunal de "
                    "commerce: the chambre commerciale of the tribunal judiciaire hears "
                    "commercial claims",
                    am["basis"],
                ),
            )
        )
        notes.append(
            (
                OK,
                Reason(
                    "Whether the chambre commerciale uses the same form as the tribunal de "
                    f"commerce ({form}) or that of the tribunal judiciaire is not confirmed",
                    "fr_rules.md 4b",
                    unconfirmed=True,
                ),
            )
        )
        return f"de la chambre commerciale du tribunal judiciaire dont relève {city}", form, notes
    tae = fr.data["tae"]
    tae_city, certain = tae_for(place, debtor.city, fr, claim.as_of)
    period = f"{str(tae['from'])[:4]}-{str(tae['to'])[:4]}"
    basis = tae["basis"]
    if tae_city and certain:
        notes.append(
            (
                OK,
                Reason(
                    f"{tae_city} is one of the {len(tae['cities'])} tribunaux des activités "
                    f"économiques ({period}), which keep the commercial courts' powers",
                    basis,
                ),
            )
        )
        return f"du tribunal des activités économiques de {tae_city}", form, notes
    if tae_city:
        notes.append(
            (
                OK,
                Reason(
                    f"{city} is in the same department as {tae_city}: if it is in the area of "
                    f"the tribunal des activités économiques de {tae_city} ({period}), that "
                    "court replaces the tribunal de commerce; the rules data does not hold the "
                    "courts' areas",
                    basis,
                    unconfirmed=True,
                ),
            )
        )
        court = (
            f"du tribunal de commerce dont relève {city} (ou du tribunal des activités "
            f"économiques de {tae_city})"
        )
        return court, form, notes
    if place.department is None:
        notes.append(
            (
                OK,
                Reason(
                    "If the commune is in the area of one of the "
                    f"{len(tae['cities'])} tribunaux des activités économiques "
                    f"({', '.join(tae['cities'])}), that court replaces the tribunal de commerce",
                    basis,
                    unconfirmed=True,
                ),
            )
        )
    return f"du tribunal de commerce dont relève {city}", form, notes

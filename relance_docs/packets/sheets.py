"""Form data sheets: section by section of an official form, the value to enter.

The sections follow the forms as shared/research/forms.md describes them: CERFA 12946
(tribunal de commerce, from a transcription of its *01 layout), 12948 and 16040 (their
exact section titles were not seen: the sheet follows CPC 1407's content and says so),
the European order for payment's Form A (sections 1-3 seen, 4-11 from memory: flagged),
the European Small Claims Form A (2007 rubrics) and Money Claim Online.

A sheet is in the packet's language. What the project is not sure of ("from memory", "the
version *02 was not seen") is never printed on it: it goes to the packet's review list
(``sheet["review"]``), for the person who files.
"""

from __future__ import annotations

__all__ = ["form_sheet"]


def _row(label: str, value) -> dict:
    return {"label": label, "value": value if value not in (None, "") else "—"}


def form_sheet(data: dict) -> dict:
    """The sheet for the procedure's form: a title, a usage note (printed), the points to
    review (not printed) and sections of rows."""
    pid = data["procedure"]["id"]
    if pid == "fr.injonction_de_payer":
        return _cerfa(data)
    if pid == "eu.order_for_payment":
        return _eop(data)
    if pid == "eu.small_claims":
        return _escp(data)
    if pid == "gb.money_claim_online":
        return _mcol(data)
    return _petites_creances(data)


def _amount_rows(data: dict, *, fr: bool) -> list[dict]:
    t, b = data["totals"], data["claim_basis"]
    pieces = ", ".join(str(e["number"]) for e in data["exhibits"] if e["kind"] == "invoice")
    rows = [
        _row(
            "Principal",
            f"{t['principal']} — {b['principal']}"
            + (f" — pièces n° {pieces}" if fr and pieces else ""),
        ),
    ]
    if data["penalties"]["lines"]:
        rate = ", ".join(data["penalties"]["rates"])
        since = data["interest_from"]
        rows.append(
            _row(
                "Intérêts / pénalités" if fr else "Interest",
                f"{t['interest']} au {data['signature']['date_short']} ({rate}, à compter du "
                f"{since}) — {b['interest']}"
                if fr
                else f"{t['interest']} to {data['signature']['date_short']} ({rate} from "
                f"{since}) — {b['interest']}",
            )
        )
    if data["penalties"]["fixed_count"]:
        rows.append(
            _row(
                "Frais accessoires / indemnité" if fr else "Fixed sums",
                f"{t['fixed']} — {b['fixed']}",
            )
        )
    rows.append(_row("Total", t["total"]))
    return rows


def _parties(data: dict, *, fr: bool) -> tuple[list[dict], list[dict]]:
    c, d = data["identity"]["creditor"], data["identity"]["debtor"]
    creditor = [
        _row("Forme" if fr else "Legal form", c["legal_form"]),
        _row("Dénomination" if fr else "Name", c["name"]),
        _row("Siège social" if fr else "Registered office", c["seat"]),
        _row(
            "SIREN / RCS" if fr else "Registration",
            " ".join(x for x in (c["registration"], c["registry"]) if x),
        ),
        _row(
            "Représentant légal" if fr else "Represented by",
            " — ".join(x for x in (c["representative"], c["representative_title"]) if x)
            or ("non indiqué dans le profil du créancier" if fr else "not in the profile"),
        ),
    ]
    debtor = [
        _row("Dénomination ou nom" if fr else "Name", d["name"]),
        _row("Qualité" if fr else "Type", d["kind"]),
        _row("Siège ou domicile" if fr else "Address", d["seat"]),
        _row("Pays" if fr else "Country", d["country"]),
        _row("SIREN" if fr else "Registration", d["registration"]),
    ]
    return creditor, debtor


def _cerfa(data: dict) -> dict:
    form = data["procedure"]["form"] or "CERFA (à déterminer)"
    creditor, debtor = _parties(data, fr=True)
    is_12946 = "12946" in form
    review = (
        f"Fiche de saisie {form} : rubriques d'après une transcription du CERFA 12946*01, la "
        "version *02 n'a pas été vérifiée : contrôler chaque rubrique sur le formulaire"
        if is_12946
        else f"Fiche de saisie {form} : les intitulés exacts de ce CERFA n'ont pas été vus, "
        "la fiche suit le contenu exigé par les articles 54, 57 et 1407 du CPC : contrôler "
        "chaque rubrique sur le formulaire"
    )
    exhibits = [_row(f"Pièce n° {e['number']}", e["title"]) for e in data["exhibits"]]
    return {
        "title": f"Fiche de saisie — {form}",
        "note": None,
        "review": [review],
        "sections": [
            {
                "title": "Juridiction",
                "rows": [_row("Juridiction saisie", data["procedure"]["court"])],
            },
            {"title": "Demandeur (personne morale)", "rows": creditor},
            {
                "title": "Mandataire",
                "rows": [_row("Mandataire", "aucun (requête présentée par le créancier)")],
            },
            {"title": "Débiteur", "rows": debtor},
            {
                "title": f"Renvoi en cas d'opposition ({data['law']['fr']['ip_opposition']})",
                "rows": [
                    _row(
                        "Juridiction compétente pour connaître du litige",
                        data["procedure"]["court"],
                    )
                ],
            },
            {
                "title": "Sommes demandées (montant, fondement, justificatifs)",
                "rows": _amount_rows(data, fr=True),
            },
            {"title": "Documents justificatifs (bordereau)", "rows": exhibits},
            {
                "title": "Date et signature",
                "rows": [
                    _row("Fait à", data["signature"]["place"]),
                    _row("Le", data["signature"]["date"]),
                    _row("Signataire", _signer(data)),
                ],
            },
        ],
    }


_EOP = {
    "fr": {
        "title": "Formulaire A — injonction de payer européenne ({law}, annexe I)",
        "court": ("1. Juridiction", "Juridiction"),
        "claimant": "2. Parties — code 01 : demandeur",
        "defendant": "2. Parties — code 02 : défendeur",
        "grounds": ("3. Fondement de la compétence", "Code", "01 — domicile du défendeur"),
        "cross": ("4. Caractère transfrontalier", "Pays du demandeur", "Pays du défendeur",
                  "Pays de la juridiction"),
        "amounts": "6 à 9. Principal, intérêts, pénalités, frais",
        "evidence": "10. Preuves",
        "sign": ("Déclaration, lieu, date, signature", "Lieu", "Date", "Signataire"),
    },
    "en": {
        "title": "Form A — European order for payment ({law}, Annex I)",
        "court": ("1. Court", "Court"),
        "claimant": "2. Parties — code 01 claimant",
        "defendant": "2. Parties — code 02 defendant",
        "grounds": ("3. Grounds for jurisdiction", "Code", "01 — domicile of the defendant"),
        "cross": ("4. Cross-border nature", "Claimant's country", "Defendant's country",
                  "Country of the court"),
        "amounts": "6-9. Principal, interest, penalty, costs",
        "evidence": "10. Evidence",
        "sign": ("Declaration, place, date, signature", "Place", "Date", "Signed by"),
    },
}  # fmt: skip


def _eop(data: dict) -> dict:
    fr = data["lang"] == "fr"
    t = _EOP["fr" if fr else "en"]
    creditor, debtor = _parties(data, fr=fr)
    c, d = data["identity"]["creditor"], data["identity"]["debtor"]
    grounds, cross, sign = t["grounds"], t["cross"], t["sign"]
    return {
        "title": t["title"].format(law=data["law"]["eu"]["order_for_payment"]),
        "note": None,
        "review": [
            "Form A: sections 1-3 follow the text of Delegated Reg. (EU) 2017/1260; sections "
            "4-11 are from memory: check each against the official form"
        ],
        "sections": [
            {"title": t["court"][0], "rows": [_row(t["court"][1], data["procedure"]["court"])]},
            {"title": t["claimant"], "rows": creditor},
            {"title": t["defendant"], "rows": debtor},
            {"title": grounds[0], "rows": [_row(grounds[1], grounds[2])]},
            {
                "title": cross[0],
                "rows": [
                    _row(cross[1], c["country"]),
                    _row(cross[2], d["country"]),
                    _row(cross[3], d["country"]),
                ],
            },
            {"title": t["amounts"], "rows": _amount_rows(data, fr=fr)},
            {
                "title": t["evidence"],
                "rows": [_row(f"{e['number']}", e["title"]) for e in data["exhibits"]],
            },
            {
                "title": sign[0],
                "rows": [
                    _row(sign[1], data["signature"]["place"]),
                    _row(sign[2], data["signature"]["date"]),
                    _row(sign[3], _signer(data)),
                ],
            },
        ],
    }


def _escp(data: dict) -> dict:
    sheet = _eop(data)
    fr = data["lang"] == "fr"
    sheet["title"] = (
        "Formulaire A — procédure européenne de règlement des petits litiges (annexe I)"
        if fr
        else "Form A — European Small Claims Procedure (Annex I)"
    )
    sheet["review"] = [
        "Form A (small claims): rubrics of the 2007 form (UIHJ toolkit); the 2017 numbering "
        "(Delegated Reg. (EU) 2017/1259) must be checked against the official form"
    ]
    return sheet


def _signer(data: dict) -> str | None:
    c = data["identity"]["creditor"]
    if not c["representative"]:
        return None
    return ", ".join(x for x in (c["representative"], c["representative_title"]) if x)


def _mcol(data: dict) -> dict:
    creditor, debtor = _parties(data, fr=False)
    mcol = data.get("mcol", {})
    return {
        "title": "Money Claim Online — what to enter",
        "note": "Enter these on the Money Claim Online service; the particulars of claim are "
        "the text below, within the service's length limit.",
        "review": [],
        "sections": [
            {"title": "Claimant", "rows": creditor},
            {"title": "Defendant", "rows": debtor},
            {"title": "Amount claimed", "rows": _amount_rows(data, fr=False)},
            {
                "title": "Interest",
                "rows": [
                    _row("Basis", data["claim_basis"]["interest"]),
                    _row("Daily rate", data["penalties"]["daily"]),
                ],
            },
            {"title": "Court fee", "rows": [_row("Issue fee", data["procedure"]["fee"])]},
            {"title": "Particulars of claim", "rows": [_row("Text", mcol.get("particulars"))]},
        ],
    }


def _petites_creances(data: dict) -> dict:
    creditor, debtor = _parties(data, fr=True)
    return {
        "title": "Procédure simplifiée de recouvrement des petites créances — éléments à "
        "transmettre au commissaire de justice",
        "note": "Pas de formulaire CERFA pour le créancier : le commissaire de justice adresse "
        "au débiteur la lettre-type réglementaire.",
        "review": [],
        "sections": [
            {"title": "Créancier", "rows": creditor},
            {"title": "Débiteur", "rows": debtor},
            {"title": "Créance", "rows": _amount_rows(data, fr=True)},
            {
                "title": "Commissaire de justice",
                "rows": [_row("Compétence", data["procedure"]["court"])],
            },
        ],
    }

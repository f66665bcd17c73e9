"""Form data sheets: section by section of an official form, the value to enter.

The sections follow the forms as shared/research/forms.md describes them: CERFA 12946
(tribunal de commerce, from a transcription of its *01 layout), 12948 and 16040 (their
exact section titles were not seen: the sheet follows CPC 1407's content and says so),
the European order for payment's Form A (sections 1-3 seen, 4-11 from memory: flagged),
the European Small Claims Form A (2007 rubrics) and Money Claim Online.
"""

from __future__ import annotations

__all__ = ["form_sheet"]


def _row(label: str, value) -> dict:
    return {"label": label, "value": value if value not in (None, "") else "—"}


def form_sheet(data: dict) -> dict:
    """The sheet for the procedure's form: a title, a note, and sections of rows."""
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
            " — ".join(x for x in (c["representative"], c["representative_title"]) if x),
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
    note = (
        "Rubriques d'après une transcription du CERFA 12946*01 ; la version *02 n'a pas été "
        "vérifiée."
        if is_12946
        else "Les intitulés exacts de ce CERFA n'ont pas été vus : la fiche suit le contenu "
        "exigé par les articles 54, 57 et 1407 du CPC."
    )
    exhibits = [_row(f"Pièce n° {e['number']}", e["title"]) for e in data["exhibits"]]
    return {
        "title": f"Fiche de saisie — {form}",
        "note": note,
        "unconfirmed": True,
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
                "title": "Renvoi en cas d'opposition (CPC art. 1408)",
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
                    _row("Signataire", data["identity"]["creditor"]["representative"]),
                ],
            },
        ],
    }


def _eop(data: dict) -> dict:
    fr = data["lang"] == "fr"
    creditor, debtor = _parties(data, fr=fr)
    c, d = data["identity"]["creditor"], data["identity"]["debtor"]
    return {
        "title": "Form A — European order for payment (Reg. (EC) 1896/2006, Annex I)",
        "note": "Sections 1-3 follow the text of Delegated Reg. (EU) 2017/1260; sections 4-11 "
        "are from memory and must be checked against the official form.",
        "unconfirmed": True,
        "sections": [
            {"title": "1. Court", "rows": [_row("Court", data["procedure"]["court"])]},
            {"title": "2. Parties — code 01 claimant", "rows": creditor},
            {"title": "2. Parties — code 02 defendant", "rows": debtor},
            {
                "title": "3. Grounds for jurisdiction",
                "rows": [_row("Code", "01 — domicile of the defendant")],
            },
            {
                "title": "4. Cross-border nature",
                "rows": [
                    _row("Claimant's country", c["country"]),
                    _row("Defendant's country", d["country"]),
                    _row("Country of the court", d["country"]),
                ],
            },
            {
                "title": "6-9. Principal, interest, penalty, costs",
                "rows": _amount_rows(data, fr=fr),
            },
            {
                "title": "10. Evidence",
                "rows": [_row(f"{e['number']}", e["title"]) for e in data["exhibits"]],
            },
            {
                "title": "Declaration, place, date, signature",
                "rows": [
                    _row("Place", data["signature"]["place"]),
                    _row("Date", data["signature"]["date"]),
                ],
            },
        ],
    }


def _escp(data: dict) -> dict:
    sheet = _eop(data)
    sheet["title"] = "Form A — European Small Claims Procedure (Reg. (EC) 861/2007, Annex I)"
    sheet["note"] = (
        "Rubrics of the 2007 form (UIHJ toolkit); the 2017 numbering (Delegated Reg. (EU) "
        "2017/1259) must be checked against the official form."
    )
    return sheet


def _mcol(data: dict) -> dict:
    creditor, debtor = _parties(data, fr=False)
    mcol = data.get("mcol", {})
    return {
        "title": "Money Claim Online — what to enter",
        "note": "Enter these on the Money Claim Online service; the particulars of claim are "
        "the text below, within the service's length limit.",
        "unconfirmed": False,
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
        "au débiteur la lettre-type réglementaire (CPCE R125-1 s.).",
        "unconfirmed": False,
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

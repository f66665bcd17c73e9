"""What people call the tool's documents and call outcomes, in French and English: one
table for the chronologies (``relance history``, the dossier) and the web page.

Labels are written as they stand inside a sentence (``première relance``); ``capital=True``
gives them at the start of a line (``Première relance``).

>>> document_label("reminder-1", "fr"), document_label("reminder-1", "en", capital=True)
('première relance', 'First reminder')
>>> outcome_label("voicemail", "fr")
'message laissé'
"""

from __future__ import annotations

__all__ = ["DOCUMENTS", "OUTCOMES", "document_label", "outcome_label"]

DOCUMENTS = {
    "fr": {
        "reminder-0": "rappel avant échéance",
        "reminder-1": "première relance",
        "reminder-2": "deuxième relance",
        "reminder-3": "dernière relance avant mise en demeure",
        "formal-notice": "mise en demeure",
        "statement": "relevé de compte",
        "call-sheet": "fiche d'appel",
        "call-recap": "courrier récapitulatif d'appel",
        "letter-of-claim": "letter of claim (protocole préalable anglais)",
    },
    "en": {
        "reminder-0": "courtesy reminder before the due date",
        "reminder-1": "first reminder",
        "reminder-2": "second reminder",
        "reminder-3": "final reminder",
        "formal-notice": "formal notice",
        "statement": "statement of account",
        "call-sheet": "call sheet",
        "call-recap": "call-recap letter",
        "letter-of-claim": "letter of claim",
    },
}

OUTCOMES = {
    "fr": {"reached": "interlocuteur joint", "voicemail": "message laissé",
           "wrong-number": "mauvais numéro", "promise": "promesse de règlement",
           "dispute": "contestation signalée"},
    "en": {"reached": "reached", "voicemail": "voicemail", "wrong-number": "wrong number",
           "promise": "promise to pay", "dispute": "dispute raised"},
}  # fmt: skip


def _language(lang: str) -> str:
    return "fr" if lang == "fr" else "en"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def document_label(template: str, lang: str, *, capital: bool = False) -> str:
    """``reminder-1`` -> ``première relance`` / ``first reminder`` (the id when unknown)."""
    text = DOCUMENTS[_language(lang)].get(template, template)
    return _capital(text) if capital else text


def outcome_label(outcome: str, lang: str) -> str:
    """A call's outcome as people say it (the stored word when unknown)."""
    return OUTCOMES[_language(lang)].get(outcome, outcome)

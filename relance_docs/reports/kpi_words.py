"""The words of the KPI report, in French and English: one language per page.

``words(locale)`` gives the table for ``fr_FR`` / ``en_GB`` (any other locale: English).
Figures are formatted by Babel for the same locale.
"""

from __future__ import annotations

__all__ = ["WORDS", "words"]

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "not_due": "Not due",
        "days_1_30": "1-30 days",
        "days_31_60": "31-60 days",
        "days_61_90": "61-90 days",
        "days_over_90": "Over 90 days",
        "outstanding_bucket": "Outstanding, {bucket}",
        "credits_applied": "Included above: unallocated credit notes set off",
        "credit_balances": "Credit balances (debtors in credit)",
        "receivables": "Receivables",
        "overdue": "Overdue",
        "overdue_rate": "Overdue rate",
        "no_receivables": "none: no receivables",
        "dso": "DSO (countback)",
        "days": "{n} days",
        "days_late": "Average days late at payment",
        "no_dated_payment": "none: no dated payment",
        "days_payments": "{n} days ({count} payments)",
        "recovery_rate": "Recovery rate of reminded amounts",
        "recovered_of": "{rate} ({recovered} of {reminded})",
        "steps_before": "Steps per debtor before payment",
        "steps_average": "{n} on average ({count} debtors)",
        "not_available": "not available: {why}",
        "title": "{creditor}: collection KPIs on {day}",
        "intro": "Amounts in {currency}, as they stood on {day}. Unallocated credit notes are "
        "set against each debtor's oldest amounts; a debtor in credit is a credit balance. "
        "The buckets and the credit balances add up to the receivables.",
        "by_age": "Outstanding by age",
        "by_age_on": "Outstanding by age on {day}",
        "days_past_due": "Days past due",
        "outstanding_axis": "Outstanding ({currency})",
        "trend": "Monthly sales and receivables",
        "no_sales": "No sales on record.",
        "month": "Month",
        "amount_axis": "Amount ({currency})",
        "sales_tip": "{month} sales: {amount}",
        "receivables_tip": "{month} receivables: {amount}",
        "sales_legend": "Sales (invoices issued)",
        "trend_note": "Receivables at each month end (the last month: on the report's date): "
        "invoices issued by then, less credit notes and payments; an amount paid whose date "
        "is unknown counts as paid at every month end.",
        "reminded_debtors": "Reminded debtors",
        "reminded_note": "Reminded: the amount asked by the debtor's first step document sent "
        "while something was overdue; recovered: what the debtor paid after that day, at most "
        "that amount.",
        "col_code": "Code",
        "col_debtor": "Debtor",
        "col_first_step": "First step",
        "col_reminded_on": "Reminded on",
        "col_reminded": "Reminded",
        "col_paid_after": "Paid after",
        "col_recovered": "Recovered",
        "col_steps": "Steps",
        "col_steps_before": "Steps before payment",
    },
    "fr": {
        "not_due": "Non échu",
        "days_1_30": "1 à 30 jours",
        "days_31_60": "31 à 60 jours",
        "days_61_90": "61 à 90 jours",
        "days_over_90": "Plus de 90 jours",
        "outstanding_bucket": "Encours, {bucket}",
        "credits_applied": "Dont avoirs non affectés imputés",
        "credit_balances": "Soldes créditeurs (clients en crédit)",
        "receivables": "Encours clients",
        "overdue": "Échu",
        "overdue_rate": "Taux d'échu",
        "no_receivables": "néant : aucun encours",
        "dso": "DSO (méthode par épuisement)",
        "days": "{n} jours",
        "days_late": "Retard moyen au règlement",
        "no_dated_payment": "néant : aucun règlement daté",
        "days_payments": "{n} jours ({count} règlements)",
        "recovery_rate": "Taux de recouvrement des montants relancés",
        "recovered_of": "{rate} ({recovered} sur {reminded})",
        "steps_before": "Étapes par client avant règlement",
        "steps_average": "{n} en moyenne ({count} clients)",
        "not_available": "non disponible : {why}",
        "title": "{creditor} : indicateurs de recouvrement au {day}",
        "intro": "Montants en {currency}, au {day}. Les avoirs non affectés sont imputés sur "
        "les montants les plus anciens de chaque client ; un client en crédit forme un solde "
        "créditeur. Les tranches et les soldes créditeurs font l'encours clients.",
        "by_age": "Encours par ancienneté",
        "by_age_on": "Encours par ancienneté au {day}",
        "days_past_due": "Jours de retard",
        "outstanding_axis": "Encours ({currency})",
        "trend": "Ventes mensuelles et encours clients",
        "no_sales": "Aucune vente enregistrée.",
        "month": "Mois",
        "amount_axis": "Montant ({currency})",
        "sales_tip": "Ventes de {month} : {amount}",
        "receivables_tip": "Encours fin {month} : {amount}",
        "sales_legend": "Ventes (factures émises)",
        "trend_note": "Encours à chaque fin de mois (le dernier mois : à la date du rapport) : "
        "factures émises à cette date, moins avoirs et règlements ; un montant réglé à une "
        "date inconnue compte comme réglé à chaque fin de mois.",
        "reminded_debtors": "Clients relancés",
        "reminded_note": "Relancé : le montant demandé par la première étape envoyée alors "
        "qu'une somme était échue ; recouvré : ce que le client a réglé après ce jour, dans "
        "la limite de ce montant.",
        "col_code": "Code",
        "col_debtor": "Client",
        "col_first_step": "Première étape",
        "col_reminded_on": "Relancé le",
        "col_reminded": "Relancé",
        "col_paid_after": "Réglé ensuite",
        "col_recovered": "Recouvré",
        "col_steps": "Étapes",
        "col_steps_before": "Étapes avant règlement",
    },
}


def words(locale: str) -> dict[str, str]:
    return WORDS["fr" if locale.startswith("fr") else "en"]

"""The English DOCX twins: the same wording as templates/en/*.html (see make_docx.py).

The HTML layout (_layout.html) sets a few names for every letter (next_step_name,
next_step_court, charges_basis): here they are Python strings of inline Jinja, pasted
into the paragraphs that use them, so that each twin stands alone. ``same_fixed`` is the
context's ``penalties.fixed_uniform``.
"""

from make_docx import Box, Columns, Grid, Heading, Letter, P, PageBreak, Table, Tag

# --------------------------------------------------------------------------- shared text

LATE_ACT = "penalties.regime == 'gb.late_payment_act'"
L441 = "penalties.regime == 'fr.l441_10'"

# _layout.html: next_step_names, as a paragraph tag (no braces allowed there).
_NEXT_STEP_NAMES = {
    "gb.money_claim_online": "a claim in the County Court (Money Claim Online)",
    "gb.small_claims_track": "a claim in the County Court",
    "fr.injonction_de_payer": "an application for an order for payment (injonction de "
    "payer) to the French court",
    "fr.petites_creances": "the simplified procedure for the recovery of small debts "
    "(procédure simplifiée de recouvrement des petites créances) in France",
    "fr.refere_provision": "an application to the French court for an interim payment "
    "(référé-provision)",
    "eu.order_for_payment": "a European order for payment",
    "de.mahnverfahren": "a German order for payment (Mahnverfahren)",
}
NEXT_STEP_NAMES = Tag(
    "set next_step_names = dict(["
    + ", ".join(f'("{k}", "{v}")' for k, v in _NEXT_STEP_NAMES.items())
    + "])"
)
NEXT_STEP_NAME = (
    "{{ next_step_names.get(next_step.id, 'legal proceedings') if next_step "
    "else 'legal proceedings' }}"
)
NEXT_STEP_COURT = (
    "{% if next_step and next_step.court %}The competent court would be: "
    "{{ next_step.court }}.{% endif %}"
)

# _layout.html: charges_basis, what the creditor is entitled to on top of the principal.
CHARGES_BASIS = (
    "{% if penalties.applies %}"
    f"{{% if {LATE_ACT} %}}"
    "statutory interest under the Late Payment of Commercial Debts (Interest) Act 1998 at "
    "{{ penalties.rate }} a year ({{ penalties.daily }} a day at present) and "
    "{% if penalties.fixed_uniform %}the fixed sum of {{ penalties.fixed_each }} per invoice"
    "{% else %}the fixed sum due on each invoice, as shown above,{% endif %} under section 5A "
    "of the Act"
    f"{{% elif {L441} %}}"
    "late-payment penalties, which accrue automatically under Article L441-10 of the French "
    "Commercial Code at {{ penalties.rate }} a year, and a fixed recovery indemnity of "
    "{{ penalties.fixed_each }} per invoice (Article D441-5 of the same Code)"
    "{% elif penalties.regime == 'de.bgb_288' %}"
    "default interest under section 288 of the German Civil Code (BGB) at "
    "{{ penalties.rate }} a year{% if penalties.fixed_each %} and a flat-rate payment of "
    "{{ penalties.fixed_each }} per invoice (section 288(5) BGB){% endif %}"
    "{% elif penalties.regime == 'eu.directive_2011_7' %}"
    "interest for late payment at {{ penalties.rate }} a year{% if penalties.fixed_each %} "
    "and fixed compensation for recovery costs of {{ penalties.fixed_each }} per invoice"
    "{% endif %}, under the rules implementing Directive 2011/7/EU on combating late payment "
    "in commercial transactions"
    "{% elif penalties.regime == 'fr.taux_legal' %}"
    "interest at the French statutory rate (taux d'intérêt légal) of {{ penalties.rate }} "
    "a year"
    "{% else %}"
    "late-payment interest{% if penalties.rate %} at {{ penalties.rate }} a year{% endif %}"
    "{% endif %}{% endif %}"
)

# " on 0117 ... or by email at ..." (reminders, letter of claim).
CONTACT = (
    "{% if creditor.phone %} on {{ creditor.phone }}{% endif %}{% if creditor.email %}"
    "{{ ' or' if creditor.phone else '' }} by email at {{ creditor.email }}{% endif %}"
)

TICK = "\u2610\u00a0 "
BLANK = "______________"
WIDE = "____________________________________"

# --------------------------------------------------------------------------- shared blocks

NUMBER_AND_TEXT = (
    "{{ inv.number }}{% if inv.description %}{{ '\\n' }}{{ inv.description }}{% endif %}"
)


def plain_invoices(*, days: bool = False, describe: bool = False) -> Table:
    """_invoices.html without charges: amount, paid or credited, outstanding."""
    header = ["Invoice", "Date", "Due date"]
    row = [NUMBER_AND_TEXT if describe else "{{ inv.number }}", "{{ inv.issue_date }}"]
    row.append("{{ inv.due_date }}")
    if days:
        header.append("Days overdue")
        row.append("{{ inv.days_late }}")
    header += ["Amount", "Paid or credited", "Outstanding"]
    row += ["{{ inv.amount }}", "{{ inv.paid }}", "{{ inv.outstanding }}"]
    cols = len(header)
    return Table(
        header=header,
        row=row,
        loop="inv in invoices",
        widths=[27, 22, 22, 19, 26, 28, 26] if days else [34, 24, 24, 28, 32, 28],
        numeric=set(range(3, cols)),
        totals=[["Total outstanding"] + [""] * (cols - 2) + ["{{ totals.principal }}"]],
    )


CHARGED_INVOICES = Table(
    header=[
        "Invoice",
        "Due date",
        "Days overdue",
        "Outstanding",
        f"{{{{ 'Penalties' if {L441} else 'Interest' }}}}",
        f"{{{{ 'Indemnity' if {L441} else 'Fixed sum' }}}}",
    ],
    row=[
        "{{ inv.number }}",
        "{{ inv.due_date }}",
        "{{ inv.days_late }}",
        "{{ inv.outstanding }}",
        "{{ inv.interest }}",
        "{{ inv.fixed }}",
    ],
    loop="inv in invoices",
    widths=[34, 24, 24, 30, 29, 29],
    numeric={2, 3, 4, 5},
    totals=[
        [
            "Totals to {{ letter.date }}",
            "",
            "",
            "{{ totals.principal }}",
            "{{ totals.interest }}",
            "{{ totals.fixed }}",
        ],
        ["Total now due", "", "", "", "", "{{ totals.total }}"],
    ],
)


def invoices(charges: str) -> list:
    """_invoices.html with ``charges`` set: the charged table when ``charges`` holds and
    penalties apply, else the plain one."""
    return [
        Tag(f"if {charges} and penalties.applies"),
        CHARGED_INVOICES,
        Tag("else"),
        plain_invoices(),
        Tag("endif"),
    ]


def payment(reference: str = "payment.reference") -> list:
    """_payment.html: the bank details (nothing without an IBAN or a bank) and the
    reference to quote (``reference`` is the template's pay_reference)."""
    return [
        Tag("if payment.iban or payment.bank"),
        Box(
            [
                "Account name: {{ creditor.name }}",
                f"Reference: {{{{ {reference} }}}}",
                "{% if payment.bank %}Bank: {{ payment.bank }}{% endif %}"
                "{% if payment.iban %}{{ '\\n' if payment.bank else '' }}IBAN: "
                "{{ payment.iban }}{% endif %}"
                "{% if payment.bic %}{{ '\\n' if payment.bank or payment.iban else '' }}BIC: "
                "{{ payment.bic }}{% endif %}",
            ]
        ),
        Tag("endif"),
    ]


STATEMENT = Table(
    header=["Date", "Description", "Debit", "Credit", "Balance"],
    row=[
        "{{ row.date }}",
        "{{ row.label }}",
        "{{ row.debit }}",
        "{{ row.credit }}",
        "{{ row.balance }}",
    ],
    loop="row in statement.rows",
    widths=[22, 72, 25, 25, 26],
    numeric={2, 3, 4},
    totals=[
        [
            "Totals and balance due",
            "",
            "{{ statement.debit }}",
            "{{ statement.credit }}",
            "{{ statement.balance }}",
        ]
    ],
)


def statement(*, head: bool = True) -> list:
    """_statement.html; statement.html sets no_head."""
    blocks = []
    if head:
        blocks.append(
            Grid(
                rows=[
                    ["Customer:", "{{ debtor.name }}"],
                    ["Account:", "{{ debtor.id }}"],
                    ["Statement date:", "{{ letter.date }}"],
                    ["Currency:", "{{ currency }}"],
                ],
                widths=[30, 140],
                borders=False,
            )
        )
    blocks += [
        STATEMENT,
        Tag("if penalties.applies"),
        P(
            f"{{% if {LATE_ACT} %}}Statutory interest under the Late Payment of Commercial "
            "Debts (Interest) Act 1998 is shown to {{ letter.date }}{% if penalties.rate %} at "
            "{{ penalties.rate }} a year{% endif %}; it continues to accrue until payment"
            "{% if penalties.daily %} ({{ penalties.daily }} a day at present){% endif %}."
            f"{{% elif {L441} %}}Late-payment penalties under Article L441-10 of the French "
            "Commercial Code are shown to {{ letter.date }}{% if penalties.rate %} at "
            "{{ penalties.rate }} a year{% endif %}; they continue to accrue until payment."
            "{% else %}Interest is shown to {{ letter.date }}; it continues to accrue until "
            "payment.{% endif %}",
            size=8,
        ),
        Tag("endif"),
        Tag("if disputed_count"),
        P(
            "{{ disputed_count }} disputed invoice{{ '' if disputed_count == 1 else 's' }} "
            "{{ 'is' if disputed_count == 1 else 'are' }} not included in this statement.",
            size=8,
        ),
        Tag("endif"),
    ]
    return blocks


def annex_title(title: str, ref: str) -> list:
    """An annex heading and its reference line (.en-annex-ref)."""
    return [Heading(title), P(ref, align="left", size=8, space_after=6)]


def enclosures(text: str) -> P:
    """The enclosures line: after the signature in the HTML; the builder has no place
    there, so it closes the body."""
    return P(f"Enc. {text}", align="left", size=8.5)


def bullet(text: str, size: float | None = None) -> P:
    return P(text, align="left", size=size, space_after=1, style="List Bullet")


def choice(text: str) -> P:
    """A tick-box line of a form."""
    return P(TICK + text, align="left", space_after=3)


def signature_lines() -> Grid:
    return Grid(rows=[["Signature", "\n\n", "Date", ""]], widths=[24, 86, 16, 44])


ONE = Tag("set n = invoices|length")
RECEIVED_ON = "{{ 'invoice' if n == 1 else 'invoices' }}"

# --------------------------------------------------------------------------- the letters

LETTERS: dict[str, Letter] = {
    "reminder-0": Letter(
        subject="{% if not_due %}Courtesy reminder: {{ 'invoice' if not_due|length == 1 else "
        "'invoices' }} falling due shortly{% else %}Your account {{ debtor.id }}{% endif %}",
        body=[
            Tag("set n = not_due|length"),
            Tag("if not_due"),
            P(
                "As a courtesy, we are writing to remind you that the following "
                "{{ 'invoice falls' if n == 1 else 'invoices fall' }} due for payment shortly:"
            ),
            Table(
                header=["Invoice", "Date", "Due date", "Amount", "To pay"],
                row=[
                    NUMBER_AND_TEXT,
                    "{{ inv.issue_date }}",
                    "{{ inv.due_date_long }}",
                    "{{ inv.amount }}",
                    "{{ inv.outstanding }}",
                ],
                loop="inv in not_due",
                widths=[40, 26, 36, 34, 34],
                numeric={3, 4},
                totals=[["Total falling due", "", "", "", "{{ totals.not_due }}"]],
            ),
            P(
                "We should be grateful if you would arrange for payment to reach us by the due "
                "{{ 'date' if n == 1 else 'dates' }} shown, by bank transfer to the account "
                "below, quoting {{ 'the invoice number' if n == 1 else 'the invoice numbers' }} "
                "as your reference."
            ),
            Tag("else"),
            P(
                "As a courtesy, we are writing about your account with us. Our records show no "
                "invoice falling due in the coming days."
            ),
            Tag("endif"),
            *payment(
                "debtor.id ~ ' and ' ~ ('the invoice number' if n == 1 else 'the invoice numbers')"
            ),
            Tag("if invoices"),
            P(
                "Our records also show {{ 'an invoice for' if invoices|length == 1 else "
                "'invoices totalling' }} **{{ totals.principal }}** that "
                "{{ 'is' if invoices|length == 1 else 'are' }} already past "
                "{{ 'its' if invoices|length == 1 else 'their' }} due date "
                "({% for inv in invoices %}{{ inv.number }}, due {{ inv.due_date_long }}"
                "{{ '; ' if not loop.last else '' }}{% endfor %}). We should be grateful if you "
                "would include {{ 'it' if invoices|length == 1 else 'them' }} in your next "
                "payment."
            ),
            Tag("endif"),
            P(
                "If payment is already scheduled, thank you, and please disregard this reminder. "
                "If you have any question about {{ 'this invoice' if n == 1 else 'these "
                "invoices' }}, please contact our credit control team" + CONTACT + ".",
                align="left",
            ),
        ],
    ),
    "reminder-1": Letter(
        subject="Overdue {{ 'invoice' if invoices|length == 1 else 'invoices' }}: reminder",
        body=[
            ONE,
            P(
                "According to our records, we have not yet received payment of the following "
                "{{ 'invoice, which is' if n == 1 else 'invoices, which are' }} now past "
                "{{ 'its' if n == 1 else 'their' }} due date:"
            ),
            plain_invoices(),
            P(
                "We appreciate that {{ 'this' if n == 1 else 'these' }} may simply have been "
                "overlooked, and we should be grateful if you would arrange payment of "
                "**{{ totals.principal }}** as soon as possible, by bank transfer to the account "
                "below, quoting {{ 'the invoice number' if n == 1 else 'the invoice numbers' }} "
                "as your reference."
            ),
            *payment(),
            P(
                "If you have paid in the last few days, thank you, and please disregard this "
                "letter. If there is any query about {{ 'this invoice' if n == 1 else 'these "
                "invoices' }}, or anything that is holding up payment, please let us know"
                + CONTACT
                + ", so that we can resolve it promptly.",
                align="left",
            ),
        ],
    ),
    "reminder-2": Letter(
        subject="Second reminder: overdue {{ 'invoice' if invoices|length == 1 else 'invoices' }}",
        body=[
            ONE,
            P(
                "We wrote to you recently about the following {{ 'invoice' if n == 1 else "
                "'invoices' }}, but our records show that {{ 'it is' if n == 1 else 'they are' }} "
                "still unpaid:"
            ),
            *invoices("b2b"),
            Tag("if b2b and penalties.applies"),
            P(
                "As {{ 'this invoice is' if n == 1 else 'these invoices are' }} overdue, we are "
                "entitled to " + CHARGES_BASIS + ". To {{ letter.date }}, these amount to "
                "{{ penalties.interest }} and {{ penalties.fixed }} respectively, and "
                f"{{{{ 'interest continues' if {LATE_ACT} else 'the penalties continue' }}}} to "
                f"accrue until payment{{% if {LATE_ACT} %}}. We also reserve the right to claim "
                "our reasonable costs of recovery in excess of the fixed sums{% endif %}."
            ),
            Tag("endif"),
            P(
                "Please arrange payment of **{{ totals.total if b2b else totals.principal }}** "
                "by **{{ deadline.date }}** to the account below, quoting the reference shown. "
                "If you cannot pay in full by that date, please tell us by return on which date "
                "payment will be made{% if not b2b %}; if you are having difficulty paying, we "
                "will consider a reasonable arrangement to pay by instalments{% endif %}."
            ),
            *payment(),
            P(
                "If there is a problem with {{ 'the invoice' if n == 1 else 'any of the "
                "invoices' }}, please tell us now so that we can look into it"
                "{% if creditor.phone %}: you can reach us on {{ creditor.phone }}"
                "{% if creditor.email %} or by email at {{ creditor.email }}{% endif %}"
                "{% elif creditor.email %}: you can reach us by email at {{ creditor.email }}"
                "{% endif %}.",
                align="left",
            ),
        ],
    ),
    "reminder-3": Letter(
        subject="Final reminder: overdue account {{ debtor.id }}",
        body=[
            ONE,
            NEXT_STEP_NAMES,
            P(
                "Despite our previous reminders, the following {{ 'invoice remains' if n == 1 "
                "else 'invoices remain' }} unpaid:"
            ),
            *invoices("b2b"),
            Tag("if b2b and penalties.applies"),
            P(
                "The amount now due is **{{ totals.total }}**, including "
                f"{{% if {LATE_ACT} %}}statutory interest of {{{{ totals.interest }}}} and fixed "
                "sums of {{ totals.fixed }} under the Late Payment of Commercial Debts (Interest) "
                "Act 1998; interest continues to accrue at {{ penalties.daily }} a day, and we "
                "reserve the right to claim our reasonable costs of recovery"
                f"{{% elif {L441} %}}late-payment penalties of {{{{ totals.interest }}}} "
                "(Article L441-10 of the French Commercial Code), which continue to accrue, and "
                "fixed recovery indemnities of {{ totals.fixed }} (Article D441-5){% else %}"
                + CHARGES_BASIS
                + "{% endif %}."
            ),
            Tag("else"),
            P("The amount now due is **{{ totals.principal }}**."),
            Tag("endif"),
            P(
                "**This is our final reminder. Unless we receive payment in full by "
                "{{ deadline.date }}, we shall take formal steps to recover the debt without "
                "further reminder, which may lead to " + NEXT_STEP_NAME + ".**"
                "{% if next_step and next_step.court %} " + NEXT_STEP_COURT + "{% endif %}"
            ),
            *payment(),
            P(
                "If there is a reason why the account has not been paid, or if you wish to "
                "propose a payment plan, please contact {{ creditor.signatory }} immediately"
                + CONTACT
                + ". If you have paid in the last few days, please disregard this letter.",
                align="left",
            ),
        ],
    ),
    "formal-notice": Letter(
        subject="{% if creditor.country == 'GB' %}Letter before action: {{ totals.total }} due "
        "to {{ creditor.name }}{% else %}Formal notice to pay{% if creditor.country == 'FR' %} "
        "(mise en demeure){% endif %}: {{ totals.total }}{% endif %}",
        mode="{{ 'By recorded delivery' if creditor.country == 'GB' else "
        "'Registered – advice of receipt' }}",
        body=[
            Tag("set gb = creditor.country == 'GB'"),
            Tag("set fr = creditor.country == 'FR'"),
            ONE,
            NEXT_STEP_NAMES,
            P(
                "{% if gb %}We refer to our previous reminders about the following "
                "{{ 'invoice, which remains' if n == 1 else 'invoices, which remain' }} unpaid. "
                "We are writing to you in accordance with the Practice Direction – Pre-Action "
                "Conduct and Protocols before starting court proceedings.{% else %}Despite our "
                "previous reminders, the following {{ 'invoice remains' if n == 1 else "
                "'invoices remain' }} unpaid.{% endif %}"
            ),
            *invoices("true"),
            P(
                "The total now due is **{{ totals.total }}** ({{ totals.total_words }})"
                "{% if penalties.applies %}, made up of {{ totals.principal }} of unpaid "
                "{{ 'invoice' if n == 1 else 'invoices' }}, {{ totals.interest }} of "
                f"{{{{ 'statutory interest' if {LATE_ACT} else ('late-payment penalties' if "
                f"{L441} else 'interest') }}}} to {{{{ letter.date }}}} and "
                f"{{{{ totals.fixed }}}} "
                f"of {{{{ 'fixed sums' if {LATE_ACT} else ('fixed recovery indemnities' if "
                f"{L441} else 'fixed compensation') }}}}{{% endif %}}. A statement of account is "
                "enclosed."
            ),
            Tag("if penalties.applies"),
            P(
                "We claim " + CHARGES_BASIS + "."
                f"{{% if {LATE_ACT} %}} Interest continues to accrue until payment. We also "
                "reserve the right to claim our reasonable costs of recovery in excess of the "
                f"fixed sums.{{% else %}} {{{{ 'The penalties continue' if {L441} else "
                "'Interest continues' }} to accrue until payment.{% endif %}"
            ),
            Tag("elif fr and penalties.regime == 'fr.taux_legal'"),
            P(
                "Interest at the French statutory rate (taux d'intérêt légal) will run on the sum "
                "due from the date of this formal notice (Article 1344-1 of the French Civil "
                "Code)."
            ),
            Tag("endif"),
            Tag("if gb"),
            P(
                "**Please pay the full amount of {{ totals.total }} by {{ deadline.date }}.** "
                "If you dispute the debt or any part of it, please write to us by that date, "
                "explaining why and enclosing copies of any documents on which you rely. If you "
                "wish to propose a settlement or a payment plan, or to try mediation or another "
                "form of alternative dispute resolution, please contact us within the same "
                "period."
            ),
            P(
                "**If we do not receive payment, or a satisfactory response, by "
                "{{ deadline.date }}, proceedings may be issued against you{% if next_step %} "
                "in the County Court{% endif %} without further notice.** We would then also "
                "claim the court fees and any further interest and costs to which we are "
                "entitled.{% if next_step %} The court expects the parties to follow the "
                "Practice Direction – Pre-Action Conduct and Protocols and may take into account "
                "a failure to respond to this letter when it deals with costs.{% endif %}"
            ),
            Tag("else"),
            P(
                "**We hereby give you formal notice to pay the sum of {{ totals.total }} by "
                "{{ deadline.date }} at the latest.{% if fr %} This letter constitutes formal "
                "notice (“mise en demeure”) within the meaning of Article 1344 of the French "
                "Civil Code.{% endif %}**"
            ),
            P(
                "Failing payment in full by that date, we shall take legal action to recover "
                "the debt without further notice, by way of "
                + NEXT_STEP_NAME
                + ". "
                + NEXT_STEP_COURT
            ),
            Tag("endif"),
            *payment(),
            P(
                "If you have paid in the last few days, please tell us the date and amount"
                "{% if creditor.email %} at {{ creditor.email }}{% endif %}{% if creditor.phone %}"
                "{{ ' or' if creditor.email else '' }} on {{ creditor.phone }}{% endif %}.",
                align="left",
            ),
            enclosures("Statement of account"),
        ],
        annexes=[
            *annex_title(
                "Statement of account",
                "Enclosure to our letter of {{ letter.date }}, ref. {{ letter.reference }}",
            ),
            *statement(),
        ],
    ),
    "statement": Letter(
        subject="Statement of account at {{ letter.date }}",
        body=[
            P(
                "Please find below your statement of account. It shows the {{ 'invoice' if "
                "invoices|length == 1 else 'invoices' }} now overdue{% if penalties.applies %}, "
                f"the {{{{ 'statutory interest and fixed sums' if {LATE_ACT} else ('late-payment "
                f"penalties and fixed recovery indemnities' if {L441} else 'interest and fixed "
                "sums') }} to date{% endif %} and any payments or credits received. The balance "
                "due is **{{ statement.balance }}**."
            ),
            *statement(head=False),
            Tag("if not_due"),
            Heading(
                "For information: {{ 'invoice' if not_due|length == 1 else 'invoices' }} not "
                "yet due",
                size=10,
            ),
            Table(
                header=["Invoice", "Date", "Due date", "Amount", "Outstanding"],
                row=[
                    "{{ inv.number }}",
                    "{{ inv.issue_date }}",
                    "{{ inv.due_date }}",
                    "{{ inv.amount }}",
                    "{{ inv.outstanding }}",
                ],
                loop="inv in not_due",
                widths=[38, 30, 30, 36, 36],
                numeric={3, 4},
                totals=[["Total not yet due", "", "", "", "{{ totals.not_due }}"]],
            ),
            Tag("endif"),
            P(
                "Please check this statement against your own records. If you find any "
                "difference, or if you need a copy of an invoice, please let us know so that we "
                "can reconcile the account. Otherwise, we should be grateful if you would arrange "
                "payment of the balance due by bank transfer to the account below."
            ),
            *payment(),
        ],
    ),
    "call-sheet": Letter(
        subject="Call sheet: {{ debtor.name }}",
        sheet=True,
        body=[
            ONE,
            NEXT_STEP_NAMES,
            P(
                "Internal document, not to be sent to the customer. Prepared {{ letter.date }} "
                "· ref. {{ letter.reference }}",
                align="left",
                size=8,
                space_after=6,
            ),
            Columns(
                [
                    [
                        Heading("Customer", size=10),
                        P(
                            "Account **{{ debtor.id }}**{% if debtor.kind %} · {{ debtor.kind }}"
                            "{% endif %}",
                            align="left",
                            space_after=0,
                        ),
                        P(
                            "Contact: {% if debtor.contact %}{{ debtor.contact }}"
                            "{% elif consumer %}{{ debtor.name }}{% else %}no named contact "
                            "(ask for accounts payable){% endif %}",
                            align="left",
                            space_after=0,
                        ),
                        P(
                            "Telephone: {{ debtor.phone or 'not recorded' }}",
                            align="left",
                            space_after=0,
                        ),
                        P(
                            "Email: {{ debtor.email or 'not recorded' }}",
                            align="left",
                            space_after=0,
                        ),
                        P("{{ debtor.address_lines|join(', ') }}", align="left", size=8),
                        Heading("History", size=10),
                        Tag("if history.reminders"),
                        Tag("for r in history.reminders"),
                        bullet(
                            "{% if r is mapping %}{{ r.values()|join(' · ') }}{% else %}{{ r }}"
                            "{% endif %}",
                            size=8,
                        ),
                        Tag("endfor"),
                        Tag("else"),
                        P("No reminders recorded", align="left", size=8, space_after=0),
                        Tag("endif"),
                        Tag("if history.calls"),
                        Tag("for c in history.calls"),
                        bullet(
                            "{% if c is mapping %}{{ c.values()|join(' · ') }}{% else %}{{ c }}"
                            "{% endif %}",
                            size=8,
                        ),
                        Tag("endfor"),
                        Tag("else"),
                        P("No calls recorded", align="left", size=8, space_after=0),
                        Tag("endif"),
                    ],
                    [
                        Heading("Balance at {{ letter.date }}", size=10),
                        Grid(
                            rows=[
                                ["Overdue invoices", "{{ totals.principal }}"],
                                Tag("if penalties.applies"),
                                [
                                    f"{{{{ 'Statutory interest' if {LATE_ACT} else "
                                    f"('Late-payment penalties' if {L441} else 'Interest') }}}}"
                                    "{% if penalties.rate %} ({{ penalties.rate }}){% endif %}",
                                    "{{ totals.interest }}",
                                ],
                                [
                                    f"{{{{ 'Fixed sums (s.5A)' if {LATE_ACT} else "
                                    f"('Recovery indemnities' if {L441} else 'Fixed sums') }}}}",
                                    "{{ totals.fixed }}",
                                ],
                                ["**Total claimable**", "**{{ totals.total }}**"],
                                Tag("endif"),
                                Tag("if not_due"),
                                ["Not yet due", "{{ totals.not_due }}"],
                                Tag("endif"),
                            ],
                            widths=[58, 26],
                            numeric={1},
                        ),
                        Tag("if disputed_count"),
                        P(
                            "**{{ disputed_count }} disputed invoice{{ '' if disputed_count == 1 "
                            "else 's' }} left out of the claim: do not chase {{ 'it' if "
                            "disputed_count == 1 else 'them' }} on this call.**",
                            align="left",
                            size=8,
                        ),
                        Tag("endif"),
                        P(
                            "Next formal step: "
                            + NEXT_STEP_NAME
                            + "{% if next_step and next_step.needs_review %} (to be reviewed)"
                            "{% endif %}",
                            align="left",
                            size=8,
                        ),
                    ],
                ],
                widths=[82, 88],
            ),
            Heading("Overdue " + RECEIVED_ON, size=10),
            plain_invoices(days=True),
            Heading("Objective of the call", size=10),
            P(
                "Obtain a firm commitment to pay {{ totals.principal }}: an amount, a date and a "
                "method of payment. Failing that, agree a short instalment plan with a first "
                "payment date, or identify precisely what is preventing payment and who can "
                "resolve it.{% if not b2b %} Be patient and courteous; if the customer is in "
                "financial difficulty, suggest free independent debt advice (Citizens Advice, "
                "StepChange Debt Charity, National Debtline).{% endif %}",
                size=8,
            ),
            Heading("Questions to ask", size=10),
            bullet(
                "Am I speaking to the person who deals with payments? If not, who is, and when "
                "can I reach them?",
                size=8,
            ),
            bullet(
                "Have you received {{ 'invoice ' ~ invoices[0].number if n == 1 else 'our "
                "invoices' }} and our reminders?",
                size=8,
            ),
            bullet(
                "Is there anything about the {{ 'invoice' if n == 1 else 'invoices' }} or the "
                "work that prevents payment?",
                size=8,
            ),
            bullet("When will payment be made, for what amount, and by what method?", size=8),
            bullet("Which email address should I use to confirm what we agree today?", size=8),
            Heading("Common objections and answers", size=10),
            Grid(
                rows=[
                    [
                        "“We never received the invoice.”",
                        "Check the addresses; send a copy today; ask for a payment date on "
                        "receipt.",
                    ],
                    [
                        "“It is in the system / awaiting approval.”",
                        "Ask who approves it and when the next payment run is; ask for it to be "
                        "included.",
                    ],
                    [
                        "“We are waiting to be paid ourselves.”",
                        "Our terms are not conditional on that; offer a short instalment plan "
                        "with a firm first date.",
                    ],
                    [
                        "“There is a problem with the goods or work.”",
                        "Take full details without arguing; log and refer the dispute today; ask "
                        "for any undisputed part.",
                    ],
                    [
                        "“We have already paid.”",
                        "Ask for the date, amount, reference and account paid into; check before "
                        "any further step.",
                    ],
                    [
                        "“We cannot pay in full.”",
                        "Ask what can be paid now and when; agree instalments and confirm them in "
                        "writing.{% if not b2b %} Mention free debt advice.{% endif %}",
                    ],
                ],
                widths=[51, 119],
            ),
            Box(
                [
                    "**Outcome**",
                    TICK + f"Promise to pay {BLANK} by {BLANK}",
                    TICK + f"Instalments of {BLANK} each {BLANK} from {BLANK}",
                    TICK + "Dispute (details below)    " + TICK + "Says already paid (to check)"
                    "    " + TICK + "Message left    " + TICK + "No answer",
                    TICK + f"Call back on {BLANK}    Spoke to {WIDE}  Date {BLANK}",
                    "",
                    TICK + f"Confirmed in writing (call recap)    Next action: {WIDE}",
                ]
            ),
        ],
    ),
    "call-recap": Letter(
        subject="Our telephone conversation about your account",
        body=[
            ONE,
            P(
                "Thank you for speaking with me on {{ call.date if call and call.date else '"
                + BLANK
                + f"' }}}} about the overdue {RECEIVED_ON} below. I am writing to confirm what "
                "we agreed."
            ),
            plain_invoices(),
            Tag("if call and call.amount and call.by"),
            Box(
                [
                    "You will pay {{ call.amount }} by {{ call.by }}.",
                    "{% if call.note %}Other points agreed: {{ call.note }}{% endif %}",
                ]
            ),
            Tag("else"),
            Box(
                [
                    TICK + f"You will pay the full balance of {{{{ totals.principal }}}} by "
                    f"{BLANK}.",
                    TICK + f"You will pay {BLANK} by {BLANK} and the balance by {BLANK}.",
                    TICK + f"You will pay {BLANK} each {BLANK}, starting on {BLANK}, until the "
                    "balance is cleared.",
                    "Other points agreed: {{ call.note if call and call.note else '"
                    + WIDE
                    + "' }}",
                ]
            ),
            Tag("endif"),
            *payment(),
            P(
                "Provided that payment is received as agreed, we will take no further action on "
                "{{ 'this invoice' if n == 1 else 'these invoices' }}"
                f"{{% if penalties.applies and {LATE_ACT} %}}, although we reserve our right to "
                "statutory interest and the fixed sums"
                f"{{% elif penalties.applies and {L441} %}}, although we reserve our right to "
                "the late-payment penalties and recovery indemnities{% elif penalties.applies %}, "
                "although we reserve our right to interest{% endif %}. If a payment is missed, "
                "we may resume recovery action without further notice. If this letter does not "
                "reflect our conversation, please let me know straight away"
                "{% if creditor.phone %} on {{ creditor.phone }}{% endif %}{% if creditor.email %}"
                "{{ ' or' if creditor.phone else '' }} at {{ creditor.email }}{% endif %}.",
                align="left",
            ),
        ],
    ),
}

# --------------------------------------------------------------------------- letter of claim

RETURN_ADDRESS = (
    "{{ creditor.name }}, {{ creditor.address_lines|join(', ') }}, {{ creditor.town_line }}"
    "{% if creditor.postcode_line %} {{ creditor.postcode_line }}{% endif %}"
)
CLAIM_REF = (
    "Enclosed with our letter of claim dated {{ letter.date }}, ref. {{ letter.reference }}"
)


def _h3(text: str) -> Heading:
    return Heading(text, size=10)


def _money(title: str, rows: list[str], total: str) -> Grid:
    """A column of the Financial Statement: a label and a blank monthly amount."""
    return Grid(
        header=[title, "Per month"],
        rows=[[label, ""] for label in rows] + [[f"**{total}**", ""]],
        widths=[58, 25],
        numeric={1},
    )


LETTERS["letter-of-claim"] = Letter(
    subject="Letter of claim: {{ totals.total }} owed to {{ creditor.name }}",
    mode="Private and confidential",
    body=[
        ONE,
        Tag("set late_act = penalties.applies and " + LATE_ACT),
        P(
            "We are writing to you about money that you owe us. This is a letter of claim under "
            "the Pre-Action Protocol for Debt Claims, which the court expects a business to "
            "follow before it starts court proceedings against an individual. Please read this "
            "letter and the enclosed documents carefully."
        ),
        _h3("The amount you owe"),
        P(
            "At the date of this letter, {{ letter.date }}, you owe us **{{ totals.total }}** "
            "({{ totals.total_words }}){% if penalties.applies %}. This is made up of "
            "{{ totals.principal }} for the unpaid {{ 'invoice' if n == 1 else 'invoices' }} "
            "shown below, {{ totals.interest }} of {{ 'statutory interest' if late_act else "
            "'interest' }} to date and {{ totals.fixed }} of fixed sums{% endif %}. An "
            "up-to-date statement of account is enclosed."
        ),
        _h3("Interest and charges"),
        Tag("if late_act"),
        P(
            "Because {{ 'this invoice was' if n == 1 else 'these invoices were' }} for goods or "
            "services supplied to you in the course of your business, we are entitled to "
            + CHARGES_BASIS
            + ". Interest is continuing to be added until the debt is paid. We also reserve the "
            "right to claim our reasonable costs of recovery in excess of the fixed sums."
        ),
        Tag("elif penalties.applies"),
        P(
            "We are entitled to "
            + CHARGES_BASIS
            + ". Interest is continuing to be added until the debt is paid."
        ),
        Tag("else"),
        P(
            "We are not adding interest or any other charges to this debt at present. If we have "
            "to start court proceedings, we may ask the court to award interest and to order you "
            "to pay the court fees."
        ),
        Tag("endif"),
        _h3("What the debt is for"),
        P(
            "The debt arises under our agreement with you for the goods and services described "
            "in the following {{ 'invoice' if n == 1 else 'invoices' }}, issued by "
            "{{ creditor.name }} to {{ debtor.name }}:"
        ),
        plain_invoices(describe=True),
        P(
            "If you would like a copy of {{ 'the invoice' if n == 1 else 'the invoices' }}, or of "
            "any written agreement, quotation or terms and conditions that applied, please ask "
            "us and we will send {{ 'it' if n == 1 else 'them' }} to you."
        ),
        _h3("How to pay, or to discuss payment"),
        P(
            "You can pay by bank transfer to the account below, quoting the reference shown. If "
            "you would prefer to pay another way, please contact us."
        ),
        *payment(),
        P(
            "If you cannot pay the full amount at once, please contact us"
            + CONTACT
            + " to discuss paying by instalments. We will consider any reasonable offer; the "
            "enclosed Financial Statement will help us to understand your circumstances.",
            align="left",
        ),
        _h3("What you need to do now"),
        P(
            "Please reply **within 30 days of the date of this letter, that is by "
            "{{ reply.date }}**, using the enclosed Reply Form, and send it to "
            + RETURN_ADDRESS
            + "{% if creditor.email %}, or by email to {{ creditor.email }}{% endif %}. If you "
            "dispute the debt, please tell us why on the Reply Form, so that we can try to "
            "resolve the matter without going to court.",
            align="left",
        ),
        P(
            "We will not start court proceedings before {{ reply.earliest_action }}. If you tell "
            "us on the Reply Form that you are getting debt advice, or you ask us for documents, "
            "we will give you more time: we will not start proceedings until at least 30 days "
            "after we receive your Reply Form or send you the documents, whichever is later. If "
            "you do not reply, we may start court proceedings against you without further "
            "notice once that date has passed."
        ),
        _h3("Debt advice"),
        P(
            "You may wish to get free, independent advice about your debts before you reply. "
            "Organisations such as Citizens Advice, StepChange Debt Charity and National Debtline "
            "give free and confidential debt advice{% if debtor.kind == 'trader' %}, and Business "
            "Debtline helps people who are self-employed{% endif %}. The enclosed Information "
            "Sheet explains more."
        ),
        enclosures("Statement of account · Information Sheet · Reply Form · Financial Statement"),
    ],
    annexes=[
        # Statement of account
        *annex_title("Statement of account", CLAIM_REF),
        *statement(),
        PageBreak(),
        # Information Sheet
        *annex_title("Information Sheet", CLAIM_REF),
        _h3("What is this letter?"),
        P(
            "{{ creditor.name }} says that you owe it {{ totals.total }}. Before a business takes "
            "an individual to court over a debt, it is expected to follow the Pre-Action Protocol "
            "for Debt Claims. This means writing to you with details of the debt and giving you "
            "time to reply, to get advice and, if possible, to agree how the debt will be paid "
            "without going to court."
        ),
        _h3("What should I do?"),
        bullet(
            "Read the letter and the statement of account carefully, and check them against your "
            "own records."
        ),
        bullet(
            "Fill in the Reply Form and send it to us by {{ reply.date }}. Keep a copy for "
            "yourself."
        ),
        bullet(
            "If you agree that you owe the money, you can pay it in full or offer to pay by "
            "instalments. If you offer instalments, please also fill in the Financial Statement, "
            "so that we can see what you can afford."
        ),
        bullet(
            "If you do not agree that you owe the money, or all of it, say why on the Reply Form "
            "and send copies of any documents that support what you say."
        ),
        bullet(
            "If you need documents from us, such as a copy of an invoice or of the agreement, "
            "tick the box on the Reply Form and say which ones."
        ),
        _h3("How long do I have?"),
        P(
            "You have 30 days from the date at the top of our letter: your reply should reach us "
            "by **{{ reply.date }}**. If you are getting debt advice, or you have asked us for "
            "documents, tell us on the Reply Form and we will allow you more time before taking "
            "any further step."
        ),
        _h3("Where can I get free advice?"),
        P(
            "You may wish to get free, independent debt advice. Organisations that can help "
            "include Citizens Advice, StepChange Debt Charity and National Debtline; Business "
            "Debtline helps people who are self-employed. An adviser can also help you to fill "
            "in the Reply Form and the Financial Statement."
        ),
        _h3("What happens if I reply?"),
        P(
            "We will consider your reply and any offer of payment, and let you know our "
            "response. If we cannot reach agreement, we will write to you again, giving you at "
            "least 14 days' notice before we start court proceedings."
        ),
        _h3("What happens if I do not reply?"),
        P(
            "If you do not reply by {{ reply.date }}, we may start court proceedings against you "
            "without further notice, but not before {{ reply.earliest_action }}. If the court "
            "gives judgment against you, you may also have to pay court fees, costs and "
            "interest, and a County Court Judgment may make it harder for you to obtain credit "
            "in future."
        ),
        PageBreak(),
        # Reply Form
        Heading("Reply Form"),
        P(
            "Please complete this form and return it by **{{ reply.date }}** to "
            + RETURN_ADDRESS
            + "{% if creditor.email %} (email: {{ creditor.email }}){% endif %}. Our ref. "
            "{{ letter.reference }} · Your account {{ debtor.id }}",
            align="left",
            size=8,
            space_after=6,
        ),
        Grid(
            rows=[
                ["Your name", "{{ debtor.name }}"],
                ["Your address", "\n"],
                ["", "\n"],
                ["Telephone", "\n"],
                ["Email", "\n"],
            ],
            widths=[30, 140],
        ),
        _h3("1. The debt (tick one)"),
        choice("I agree that I owe the debt of {{ totals.total }}."),
        choice(
            f"I agree that I owe part of the debt. The amount I agree I owe is {BLANK}. My "
            "reasons for disputing the rest are given in section 4."
        ),
        choice(
            "I dispute the debt. My reasons are given in section 4, and I enclose copies of any "
            "documents that support them."
        ),
        _h3("2. Advice, documents and time (tick any that apply)"),
        choice("I enclose a completed Financial Statement."),
        choice(
            "I need more time because I am getting debt advice.\n"
            f"Adviser or organisation: {WIDE}\n"
            f"Date of my appointment, if known: {BLANK}"
        ),
        choice("I would like copies of documents. The documents I need are:\n" + "_" * 80),
        _h3("3. Offer of payment"),
        choice(f"I will pay the full amount by {BLANK}."),
        choice(
            f"I offer to pay {BLANK} every  {TICK}week  {TICK}fortnight  {TICK}month, "
            f"starting on {BLANK}. (Please also fill in the Financial Statement.)"
        ),
        _h3("4. Reasons and any other information"),
        Grid(rows=[["\n\n\n\n\n\n"]], widths=[170]),
        signature_lines(),
        PageBreak(),
        # Financial Statement
        Heading("Financial Statement"),
        P(
            "Please fill in this statement if you are offering to pay by instalments, so that we "
            "can see what you can afford, and return it with your Reply Form. Give monthly "
            "amounts. A debt adviser can help you to complete it. Our ref. "
            "{{ letter.reference }}",
            align="left",
            size=8,
            space_after=6,
        ),
        Grid(
            rows=[
                ["Name", "{{ debtor.name }}"],
                ["People in your household", "adults:                              children:"],
                ["Employment status", "\n"],
            ],
            widths=[48, 122],
        ),
        Columns(
            [
                [
                    _money(
                        "Income",
                        [
                            "Wages or salary (after tax)",
                            "Self-employed earnings (after tax)",
                            "Benefits and tax credits",
                            "Pensions",
                            "Child maintenance received",
                            "Contributions from others in the household",
                            "Other income",
                            "",
                        ],
                        "Total income",
                    )
                ],
                [
                    _money(
                        "Outgoings",
                        [
                            "Rent or mortgage",
                            "Council tax",
                            "Gas and electricity",
                            "Water",
                            "Telephone, internet and TV licence",
                            "Insurance",
                            "Food and housekeeping",
                            "Travel",
                            "Childcare",
                            "Priority debts (arrears, fines)",
                            "Other essential costs",
                        ],
                        "Total outgoings",
                    )
                ],
            ],
            widths=[85, 85],
        ),
        _h3("Other debts"),
        Grid(
            header=["Creditor", "Amount owed", "Paying per month"],
            rows=[["", "", ""] for _ in range(4)],
            widths=[90, 40, 40],
            numeric={1, 2},
        ),
        Grid(
            rows=[["Total income less total outgoings and debt payments (per month)", ""]],
            widths=[110, 60],
        ),
        P(
            "I confirm that the information in this statement is true to the best of my "
            "knowledge.",
            size=8,
        ),
        signature_lines(),
    ],
)

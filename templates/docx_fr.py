"""The French DOCX twins: the same wording as templates/fr/*.html (see make_docx.py)."""

from make_docx import Box, Columns, Grid, Heading, Letter, P, PageBreak, Table, Tag  # noqa: F401

# --------------------------------------------------------------------------- shared blocks

FR_INVOICES = Table(
    header=["Facture", "Date", "Échéance", "Montant TTC", "Déjà réglé", "Reste dû"],
    row=[
        "{{ inv.number }}",
        "{{ inv.issue_date }}",
        "{{ inv.due_date }}",
        "{{ inv.amount }}",
        "{{ inv.paid }}",
        "{{ inv.outstanding }}",
    ],
    loop="inv in invoices",
    widths=[32, 22, 22, 30, 28, 30],
    numeric={3, 4, 5},
    totals=[["Total restant dû", "", "", "", "", "{{ totals.principal }}"]],
)

# _statement.html: the account statement (statement letter, formal notice annex).
FR_STATEMENT = Table(
    header=["Date", "Libellé", "Débit", "Crédit", "Solde"],
    row=[
        "{{ row.date }}",
        "{{ row.label }}",
        "{{ row.debit }}",
        "{{ row.credit }}",
        "{{ row.balance }}",
    ],
    loop="row in statement.rows",
    widths=[22, 72, 23, 23, 24],
    numeric={2, 3, 4},
    empty="Aucune écriture échue à cette date.",
    totals=[
        [
            "Totaux et solde au {{ letter.date }}",
            "",
            "{{ statement.debit }}",
            "{{ statement.credit }}",
            "{{ statement.balance }}",
        ]
    ],
)


def fr_not_due(total_label: str, *, bold_due: bool = False) -> Table:
    """The invoices not yet due (reminder-0, statement)."""
    return Table(
        header=["Facture", "Date", "Échéance", "Montant TTC", "Reste à régler"],
        row=[
            "{{ inv.number }}",
            "{{ inv.issue_date }}",
            "**{{ inv.due_date }}**" if bold_due else "{{ inv.due_date }}",
            "{{ inv.amount }}",
            "{{ inv.outstanding }}",
        ],
        loop="inv in not_due",
        widths=[34, 28, 28, 37, 37],
        numeric={3, 4},
        totals=[[total_label, "", "", "", "{{ totals.not_due }}"]],
    )


def fr_payment(amount: str | None = None, reference: str = "payment.reference") -> list:
    """_payment.html: nothing without an IBAN; ``amount`` and ``reference`` are the
    template's ``pay_amount`` and ``pay_reference`` (context expressions, no arithmetic)."""
    lines = [
        "Bénéficiaire : {{ creditor.name }}",
        "IBAN : {{ payment.iban }}{% if payment.bic %} — BIC : {{ payment.bic }}{% endif %}"
        "{% if payment.bank %} ({{ payment.bank }}){% endif %}",
    ]
    if amount:
        lines.append(f"Montant : **{{{{ {amount} }}}}**")
    lines.append(f"Référence : {{{{ {reference} }}}}")
    return [Tag("if payment.iban"), Box(lines), Tag("endif")]


def fr_disputed(where: str, where_many: str) -> list:
    """The note on disputed invoices left out of the letter."""
    return [
        Tag("if disputed_count"),
        P(
            f'{{{{ "La facture que vous contestez est traitée séparément et {where}" if '
            f'disputed_count == 1 else "Les " ~ disputed_count ~ " factures que vous contestez '
            f'sont traitées séparément et {where_many}" }}}}',
            size=8.5,
        ),
        Tag("endif"),
    ]


DISPUTED_ABOVE = fr_disputed("ne figure pas ci-dessus.", "ne figurent pas ci-dessus.")

ONE = Tag("set one = invoices|length == 1")
L441 = Tag("set l441 = penalties.applies and penalties.regime == 'fr.l441_10'")


def fr_procedures(names: dict[str, str]) -> Tag:
    """``{% set procedures = {...} %}`` as a paragraph tag (no braces allowed there)."""
    pairs = ", ".join(f'("{k}", "{v}")' for k, v in names.items())
    return Tag(f"set procedures = dict([{pairs}])")


PROCEDURES = fr_procedures(
    {
        "fr.injonction_de_payer": "une requête en injonction de payer",
        "fr.petites_creances": "la procédure simplifiée de recouvrement des petites créances "
        "par commissaire de justice",
        "fr.refere_provision": "une demande de provision en référé",
        "eu.order_for_payment": "une injonction de payer européenne",
        "de.mahnverfahren": "une procédure d'injonction de payer allemande (Mahnverfahren)",
    }
)
BEFORE_COURT = Tag(
    "set before_court = dict([('fr.injonction_de_payer', 'auprès du'), "
    "('fr.refere_provision', 'devant le')])"
)
# The procedure announced (reminder-3, formal-notice), ending with its full stop.
PROCEDURE = (
    "{% if next_step and next_step.id in procedures and not next_step.needs_review %}"
    "{{ procedures[next_step.id] }}{% if next_step.court and next_step.id in before_court %} "
    "{{ before_court[next_step.id] }} {{ next_step.court[:1]|lower ~ next_step.court[1:] }}"
    "{% endif %}.{% else %}les voies de droit à notre disposition.{% endif %}"
)


def fr_penalties(last: str, total: str) -> Table:
    """The penalties (or interest) table of the formal notice."""
    return Table(
        header=["Facture", "Période", "Jours", "Base", "Taux", last],
        row=[
            "{{ line.invoice }}",
            "du {{ line.start }} au {{ line.end }}",
            "{{ line.days }}",
            "{{ line.base }}",
            "{{ line.rate }}",
            "{{ line.amount }}",
        ],
        loop="line in penalties.lines",
        widths=[26, 52, 13, 25, 20, 28],
        numeric={2, 3, 4, 5},
        totals=[[total, "", "", "", "", "{{ penalties.interest }}"]],
    )


# --------------------------------------------------------------------------- the letters

LETTERS: dict[str, Letter] = {
    "reminder-0": Letter(
        subject="{% if not_due %}Échéance prochaine de {{ ('votre facture ' ~ "
        "not_due[0].number) if not_due|length == 1 else 'vos factures' }}"
        "{% else %}Votre compte client{% endif %}",
        body=[
            Tag("set one = not_due|length == 1"),
            Tag("if not_due"),
            P(
                "Nous nous permettons de vous rappeler que {% if one %}la facture suivante "
                "arrivera à échéance le {{ not_due[0].due_date_long }} :{% else %}les factures "
                "suivantes arriveront bientôt à échéance :{% endif %}"
            ),
            fr_not_due("Total à régler", bold_due=True),
            P(
                "Nous vous remercions de bien vouloir prévoir le règlement {{ 'à cette date' if "
                "one else 'à ces dates' }}, par virement{% if payment.iban %} sur le compte "
                "ci-dessous{% endif %}, en rappelant {{ 'le numéro de la facture' if one else "
                "'les numéros des factures' }}."
            ),
            *fr_payment(reference="debtor.id ~ ' ' ~ not_due|map(attribute='number')|join(' ')"),
            Tag("else"),
            P(
                "Nous faisons le point sur votre compte client : aucune facture n'y arrive à "
                "échéance dans les prochains jours."
            ),
            Tag("endif"),
            P(
                "{% if invoices %}Par ailleurs, sauf erreur de notre part, "
                "{% if invoices|length == 1 %}la facture {{ invoices[0].number }}, échue le "
                "{{ invoices[0].due_date_long }}, reste{% else %}les factures "
                "{{ invoices[:-1]|map(attribute='number')|join(', ') }} et "
                "{{ invoices[-1].number }}, déjà échues, restent{% endif %} à régler pour un "
                "montant de **{{ totals.principal }}**. {% endif %}Si votre règlement est déjà "
                "programmé, nous vous prions de ne pas tenir compte de ce rappel. Nous vous "
                "remercions de votre confiance."
            ),
        ],
    ),
    "reminder-1": Letter(
        subject="Rappel de {{ 'facture arrivée' if invoices|length == 1 else 'factures "
        "arrivées' }} à échéance",
        body=[
            P(
                "Sauf erreur ou omission de notre part, nous n'avons pas encore reçu le règlement "
                "{{ 'de la facture suivante, arrivée' if invoices|length == 1 else 'des factures "
                "suivantes, arrivées' }} à échéance :"
            ),
            FR_INVOICES,
            P(
                "Il s'agit très probablement d'un simple oubli. Nous vous remercions de bien "
                "vouloir procéder au règlement de la somme de **{{ totals.principal }}** dans les "
                "meilleurs délais, par virement{% if payment.iban %} sur le compte ci-dessous"
                "{% endif %}, en indiquant en référence {{ 'le numéro de la facture' if "
                "invoices|length == 1 else 'les numéros des factures' }}."
            ),
            *fr_payment(),
            P(
                "Si votre règlement a été effectué entre-temps, nous vous prions de ne pas tenir "
                "compte de ce courrier. Pour toute question sur {{ 'cette facture' if "
                "invoices|length == 1 else 'ces factures' }}, notre service comptabilité se "
                "tient à votre disposition{% if creditor.phone %} au {{ creditor.phone }}"
                "{% endif %}{% if creditor.email %} ou par courriel à {{ creditor.email }}"
                "{% endif %}."
            ),
        ],
    ),
    "reminder-2": Letter(
        subject="Deuxième relance : {{ 'facture impayée' if invoices|length == 1 else "
        "'factures impayées' }}",
        body=[
            ONE,
            L441,
            P(
                "Malgré notre précédente relance, {{ 'la facture suivante demeure impayée' if one "
                "else 'les factures suivantes demeurent impayées' }} à ce jour :"
            ),
            FR_INVOICES,
            *DISPUTED_ABOVE,
            Tag("if l441"),
            P(
                "Conformément à l'article L441-10 du Code de commerce, des pénalités de retard "
                "courent de plein droit, sans qu'un rappel soit nécessaire, dès le lendemain de "
                "l'échéance{% if penalties.lines %}, {% if penalties.rates|length > 1 %}aux taux "
                "successifs de {{ penalties.rates[:-1]|join(', ') }} et {{ penalties.rates[-1] }}"
                "{% else %}au taux de {{ penalties.rate }}{% endif %} : elles s'élèvent à "
                "{{ penalties.interest }} au {{ letter.date }}{% endif %}."
                "{% if penalties.fixed_count %} S'y ajoute l'indemnité forfaitaire pour frais de "
                "recouvrement de {{ penalties.fixed_each }} par facture (article D441-5 du Code "
                "de commerce), soit {{ penalties.fixed }}.{% endif %}"
            ),
            P(
                "Nous vous demandons de régler la somme totale de **{{ totals.total }}** au plus "
                "tard le **{{ deadline.date }}** ou, à défaut, de nous indiquer sans attendre la "
                "date à laquelle vous prévoyez de régler. Si votre règlement est intervenu "
                "entre-temps, veuillez ne pas tenir compte de ce courrier."
            ),
            Tag("else"),
            P(
                "Nous vous demandons de régler la somme de **{{ totals.principal }}** au plus "
                "tard le **{{ deadline.date }}** ou, si vous n'êtes pas en mesure de le faire, "
                "de nous indiquer la date à laquelle vous prévoyez de régler.{% if consumer %} "
                "Si vous rencontrez des difficultés de paiement, nous vous invitons à nous "
                "contacter afin d'examiner ensemble une solution adaptée.{% endif %} Si votre "
                "règlement est intervenu entre-temps, nous vous prions de ne pas tenir compte "
                "de ce courrier."
            ),
            Tag("endif"),
            *fr_payment(),
        ],
    ),
    "reminder-3": Letter(
        subject="Dernière relance avant mise en demeure",
        body=[
            ONE,
            L441,
            PROCEDURES,
            BEFORE_COURT,
            P(
                "Malgré nos précédentes relances, {{ 'la facture suivante demeure impayée' if one "
                "else 'les factures suivantes demeurent impayées' }} à ce jour :"
            ),
            FR_INVOICES,
            *DISPUTED_ABOVE,
            P(
                "{% if l441 %}Nous vous demandons de régler au plus tard le "
                "**{{ deadline.date }}** la somme totale de **{{ totals.total }}**, qui comprend "
                "{% if penalties.lines %}les pénalités de retard dues de plein droit (article "
                "L441-10 du Code de commerce, {% if penalties.rates|length > 1 %}taux de "
                "{{ penalties.rates[:-1]|join(', ') }} puis {{ penalties.rates[-1] }}), "
                "{% else %}taux de {{ penalties.rate }}), {% endif %}soit "
                "{{ penalties.interest }} au {{ letter.date }}"
                "{{ ',' if penalties.fixed_count else '.' }} {% endif %}"
                "{% if penalties.lines and penalties.fixed_count %}et {% endif %}"
                "{% if penalties.fixed_count %}l'indemnité forfaitaire pour frais de "
                "recouvrement (article D441-5 du même code), soit {{ penalties.fixed }}. "
                "{% endif %}{% else %}Nous vous demandons de régler la somme de "
                "**{{ totals.principal }}** au plus tard le **{{ deadline.date }}**. {% endif %}"
                "À défaut, nous vous adresserons une mise en demeure par lettre recommandée, "
                "{% if consumer %}qui fera courir les intérêts au taux légal (articles 1231-6 et "
                "1344-1 du Code civil), {% endif %}puis nous poursuivrons le recouvrement par "
                + PROCEDURE
                + " Si vous avez réglé entre-temps, veuillez ne pas tenir compte de ce courrier."
                "{% if consumer %} En cas de difficulté de paiement, nous vous invitons à nous "
                "contacter sans attendre.{% endif %}"
            ),
            *fr_payment(),
        ],
    ),
    "formal-notice": Letter(
        subject="Mise en demeure de payer",
        mode="Lettre recommandée avec accusé de réception",
        body=[
            ONE,
            L441,
            Tag("set legal_rate = penalties.regime == 'fr.taux_legal'"),
            Tag("set other_interest = penalties.applies and not l441"),
            Tag("set claims_more = penalties.applies"),
            PROCEDURES,
            BEFORE_COURT,
            P(
                "Nous constatons que vous restez redevable envers {{ creditor.name }} "
                "{{ 'de la facture suivante, échue et demeurée impayée' if one else 'des "
                "factures suivantes, échues et demeurées impayées' }} à ce jour (relevé de "
                "compte en annexe) :"
            ),
            FR_INVOICES,
            *fr_disputed(
                "n'est pas visée par la présente mise en demeure.",
                "ne sont pas visées par la présente mise en demeure.",
            ),
            Tag("if l441"),
            Tag("if penalties.lines"),
            P(
                "En application de l'article L441-10 du Code de commerce, {{ 'cette facture "
                "produit' if one else 'ces factures produisent' }} de plein droit, sans qu'un "
                "rappel soit nécessaire, des pénalités de retard à compter du jour suivant la "
                "date d'échéance, {% if penalties.rates|length > 1 %}aux taux successifs de "
                "{{ penalties.rates[:-1]|join(', ') }} et {{ penalties.rates[-1] }}.{% else %}au "
                "taux de {{ penalties.rate }}.{% endif %} Arrêtées au {{ letter.date }}, elles "
                "s'élèvent à {{ penalties.interest }} :"
            ),
            fr_penalties("Pénalités", "Total des pénalités de retard au {{ letter.date }}"),
            Tag("endif"),
            Tag("if penalties.fixed_count"),
            P(
                "S'y ajoute l'indemnité forfaitaire pour frais de recouvrement due de plein droit "
                "par tout professionnel en retard de paiement, d'un montant de "
                "{{ penalties.fixed_each }} par facture (articles L441-10 et D441-5 du Code de "
                "commerce), soit {{ penalties.fixed }}."
            ),
            Tag("endif"),
            Tag("elif other_interest"),
            Tag("if penalties.lines"),
            P(
                "{{ 'Cette facture produit' if one else 'Ces factures produisent' }} des intérêts "
                "de retard qui s'élèvent, au {{ letter.date }}, à {{ penalties.interest }} :"
            ),
            fr_penalties("Intérêts", "Total des intérêts au {{ letter.date }}"),
            Tag("endif"),
            Tag("if penalties.fixed_count"),
            P(
                "S'y ajoute une indemnité forfaitaire pour frais de recouvrement de "
                "{{ penalties.fixed_each }} par facture, soit {{ penalties.fixed }}."
            ),
            Tag("endif"),
            Tag("endif"),
            Tag("if claims_more"),
            Grid(
                rows=[
                    ["Principal restant dû", "{{ totals.principal }}"],
                    Tag("if penalties.lines"),
                    [
                        "{{ 'Pénalités de retard' if l441 else 'Intérêts de retard' }} au "
                        "{{ letter.date }}",
                        "{{ totals.interest }}",
                    ],
                    Tag("endif"),
                    Tag("if penalties.fixed_count"),
                    [
                        "Indemnité forfaitaire pour frais de recouvrement"
                        "{% if penalties.fixed_count > 1 %} ({{ penalties.fixed_count }} × "
                        "{{ penalties.fixed_each }}){% endif %}",
                        "{{ totals.fixed }}",
                    ],
                    Tag("endif"),
                    ["**Total dû au {{ letter.date }}**", "**{{ totals.total }}**"],
                ],
                widths=[104, 36],
                numeric={1},
            ),
            Tag("endif"),
            P(
                "En conséquence, nous vous mettons en demeure de nous régler la somme de "
                "**{{ totals.total if claims_more else totals.principal }}** "
                "({{ totals.total_words if claims_more else totals.principal_words }}) au plus "
                "tard le **{{ deadline.date }}**, soit dans un délai de {{ deadline.days }}\u00a0"
                "jours à compter de la date de la présente lettre."
                "{% if l441 and penalties.lines %} Les pénalités de retard continuent de courir "
                "jusqu'au complet paiement, à raison de {{ penalties.daily }} par jour."
                "{% elif legal_rate and penalties.applies %} Les intérêts au taux légal "
                "continuent de courir jusqu'au complet paiement (articles 1231-6 et 1344-1 du "
                "Code civil).{% elif legal_rate %} Conformément aux articles 1231-6 et 1344-1 du "
                "Code civil, cette somme produira intérêts au taux légal à compter de la "
                "réception de la présente lettre.{% endif %}"
            ),
            Tag("if creditor.country == 'FR'"),
            P(
                "**La présente lettre vaut mise en demeure au sens de l'article 1344 du Code "
                "civil.**"
            ),
            Tag("else"),
            P("**La présente lettre vaut mise en demeure.**"),
            Tag("endif"),
            P(
                "À défaut de règlement intégral dans ce délai, nous poursuivrons, sans nouvel "
                "avis, le recouvrement de notre créance par "
                + PROCEDURE
                + " Nous nous réservons en outre le droit de demander {% if l441 %}une "
                "indemnisation complémentaire, sur justification, si les frais de recouvrement "
                "exposés dépassent le montant de l'indemnité forfaitaire (article L441-10 du "
                "Code de commerce), ainsi que {% endif %}la condamnation aux dépens et aux frais "
                "de procédure."
            ),
            *fr_payment(amount="totals.total if claims_more else totals.principal"),
            P(
                "Si vous avez réglé entre-temps, nous vous prions de ne pas tenir compte de la "
                "présente."
            ),
        ],
        annexes=[
            Heading("Annexe : relevé de compte"),
            P(
                "{{ debtor.name }} — compte client {{ debtor.id }} — arrêté au "
                "{{ letter.date }} — réf. {{ letter.reference }}",
                align="left",
                size=8.5,
            ),
            FR_STATEMENT,
        ],
    ),
    "statement": Letter(
        subject="Relevé de compte au {{ letter.date }}",
        body=[
            Tag("set due = statement.rows|length > 0"),
            P(
                "Nous vous prions de trouver ci-dessous le relevé de votre compte client arrêté "
                "au {{ letter.date }}. {% if due %}Il fait apparaître un solde échu de "
                "**{{ statement.balance }}** en notre faveur. {% else %}Il ne présente aucun "
                "solde échu à cette date. {% endif %}Nous vous remercions de bien vouloir le "
                "rapprocher de votre comptabilité et de nous signaler toute différence."
            ),
            FR_STATEMENT,
            *fr_disputed("ne figure pas dans ce relevé.", "ne figurent pas dans ce relevé."),
            Tag("if due"),
            P(
                "Nous vous remercions de bien vouloir régler le solde échu{% if payment.iban %} "
                "par virement sur le compte ci-dessous{% endif %}, si ce n'est déjà fait."
            ),
            *fr_payment(amount="statement.balance"),
            Tag("endif"),
            Tag("if not_due"),
            P(
                "Pour information, {{ \"la facture suivante, non encore échue, n'est pas "
                'comprise" if not_due|length == 1 else "les factures suivantes, non encore '
                'échues, ne sont pas comprises" }} dans ce solde :'
            ),
            fr_not_due("Total non échu"),
            Tag("endif"),
        ],
    ),
    "call-sheet": Letter(
        subject="Fiche d'appel — {{ debtor.name }}",
        sheet=True,
        body=[
            ONE,
            L441,
            fr_procedures(
                {
                    "fr.injonction_de_payer": "Requête en injonction de payer",
                    "fr.petites_creances": "Procédure simplifiée de recouvrement des petites "
                    "créances par commissaire de justice",
                    "fr.refere_provision": "Demande de provision en référé",
                    "eu.order_for_payment": "Injonction de payer européenne",
                    "de.mahnverfahren": "Procédure d'injonction de payer allemande "
                    "(Mahnverfahren)",
                }
            ),
            P(
                "Document interne, ne pas envoyer — préparé le {{ letter.date }} — réf. "
                "{{ letter.reference }} — compte client {{ debtor.id }}",
                align="left",
                size=8.5,
                space_after=6,
            ),
            Columns(
                [
                    [
                        Heading("Débiteur", size=10),
                        Tag("if debtor.contact"),
                        P("Interlocuteur : **{{ debtor.contact }}**", align="left"),
                        Tag("endif"),
                        P(
                            "Téléphone : **{{ debtor.phone if debtor.phone else 'non "
                            "renseigné' }}**",
                            align="left",
                        ),
                        Tag("if debtor.email"),
                        P("Courriel : {{ debtor.email }}", align="left"),
                        Tag("endif"),
                        P("{{ debtor.address_lines|join(' · ') }}", align="left", size=8),
                    ],
                    [
                        Heading("Créance au {{ letter.date }}", size=10),
                        Grid(
                            rows=[
                                ["Principal échu", "**{{ totals.principal }}**"],
                                Tag("if penalties.applies"),
                                Tag("if penalties.lines"),
                                [
                                    "{{ 'Pénalités de retard' if l441 else 'Intérêts de "
                                    "retard' }}{% if penalties.rate %} "
                                    "({{ penalties.rates|join(', ') }}){% endif %}",
                                    "{{ totals.interest }}",
                                ],
                                Tag("endif"),
                                Tag("if penalties.fixed_count"),
                                [
                                    "Indemnités forfaitaires ({{ penalties.fixed_count }} × "
                                    "{{ penalties.fixed_each }})",
                                    "{{ totals.fixed }}",
                                ],
                                Tag("endif"),
                                ["Total exigible", "**{{ totals.total }}**"],
                                Tag("endif"),
                                Tag("if not_due"),
                                ["Non échu (pour mémoire)", "{{ totals.not_due }}"],
                                Tag("endif"),
                            ],
                            widths=[62, 24],
                            numeric={1},
                            borders=False,
                        ),
                        P(
                            "{% if l441 %}Pénalités et indemnités dues de plein droit (C. com. "
                            "L441-10, D441-5) ; priorité de l'appel : le principal."
                            "{% elif consumer %}Particulier : ni pénalités ni frais de "
                            "recouvrement à réclamer (CPCE L111-8) ; intérêts au taux légal "
                            "seulement après mise en demeure.{% else %}Aucune pénalité calculée "
                            "pour ce débiteur : n'en évoquer aucune.{% endif %}",
                            align="left",
                            size=8,
                        ),
                    ],
                ],
                widths=[76, 88],
            ),
            Heading("Factures échues", size=10),
            Table(
                header=[
                    "Facture",
                    "Date",
                    "Échéance",
                    "Retard",
                    "Montant TTC",
                    "Déjà réglé",
                    "Reste dû",
                ],
                row=[
                    "{{ inv.number }}",
                    "{{ inv.issue_date }}",
                    "{{ inv.due_date }}",
                    "{{ inv.days_late }} j",
                    "{{ inv.amount }}",
                    "{{ inv.paid }}",
                    "{{ inv.outstanding }}",
                ],
                loop="inv in invoices",
                widths=[26, 22, 22, 16, 28, 25, 25],
                numeric={3, 4, 5, 6},
                empty="Aucune facture échue.",
                totals=[["Total restant dû", "", "", "", "", "", "{{ totals.principal }}"]],
            ),
            Tag("if disputed_count"),
            P(
                "**Litige en cours :** {{ disputed_count }} facture{{ '' if disputed_count == 1 "
                "else 's' }} contestée{{ '' if disputed_count == 1 else 's' }}, hors de cette "
                "relance : ne pas {{ 'la' if disputed_count == 1 else 'les' }} réclamer pendant "
                "l'appel.",
                size=8.5,
            ),
            Tag("endif"),
            Columns(
                [
                    [
                        Heading("Objectif de l'appel", size=10),
                        Box(
                            [
                                "Obtenir une **date** et un **montant** de paiement fermes "
                                "(cible : {{ totals.principal }} au plus tard le "
                                "{{ deadline.date }}) ou le motif précis du retard. Rester "
                                "courtois."
                            ]
                        ),
                        Heading("Questions à poser", size=10),
                        P(
                            "{{ 'Facture reçue' if one else 'Factures reçues' }}, et par le bon "
                            "service ?",
                            align="left",
                            size=8.5,
                            space_after=0,
                            style="List Bullet",
                        ),
                        P(
                            "{{ 'Validée' if one else 'Validées' }} (bon à payer) ? Sinon, quel "
                            "blocage ?",
                            align="left",
                            size=8.5,
                            space_after=0,
                            style="List Bullet",
                        ),
                        P(
                            "Date, montant et moyen du règlement ?",
                            align="left",
                            size=8.5,
                            space_after=0,
                            style="List Bullet",
                        ),
                        P(
                            "Qui paie (nom, téléphone, courriel) ?",
                            align="left",
                            size=8.5,
                            space_after=0,
                            style="List Bullet",
                        ),
                    ],
                    [
                        Heading("Historique", size=10),
                        P(
                            "Relances :{% for item in history.reminders %}{{ '\\n' }}— "
                            "{% if item is mapping %}{{ item.values()|join(' — ') }}{% else %}"
                            "{{ item }}{% endif %}{% else %} Aucune relance enregistrée."
                            "{% endfor %}",
                            align="left",
                            size=8.5,
                            space_after=0,
                        ),
                        P(
                            "Appels :{% for item in history.calls %}{{ '\\n' }}— "
                            "{% if item is mapping %}{{ item.values()|join(' — ') }}{% else %}"
                            "{{ item }}{% endif %}{% else %} Aucun appel enregistré."
                            "{% endfor %}",
                            align="left",
                            size=8.5,
                        ),
                        Heading("Suite prévue sans accord", size=10),
                        P(
                            "Dernière relance, puis mise en demeure (LRAR).",
                            align="left",
                            size=8.5,
                            space_after=0,
                        ),
                        P(
                            "Procédure envisagée : {% if next_step %}{{ procedures[next_step.id] "
                            "if next_step.id in procedures else next_step.id }}"
                            "{% if next_step.court %} — {{ next_step.court }}{% endif %}"
                            "{% if next_step.form %} ({{ next_step.form }}){% endif %}"
                            "{% if next_step.needs_review %} **— à vérifier**{% endif %}."
                            "{% else %}à déterminer.{% endif %}",
                            align="left",
                            size=8.5,
                        ),
                    ],
                ],
                widths=[82, 82],
            ),
            Heading("Objections fréquentes", size=10),
            Grid(
                header=["Objection", "Réponse suggérée"],
                rows=[
                    [
                        "**Facture non reçue**",
                        "Renvoyer la facture par courriel pendant l'appel{% if debtor.email %} "
                        "({{ debtor.email }}){% endif %}, vérifier l'adresse de facturation, "
                        "obtenir une date de paiement.",
                    ],
                    [
                        "**Litige**",
                        "Noter le motif et les factures concernées, suspendre la relance de ces "
                        "factures et transmettre au service concerné ; demander le règlement de "
                        "la partie non contestée.",
                    ],
                    [
                        "**Difficultés de trésorerie**",
                        "Proposer un échéancier (montants et dates), à confirmer par écrit.",
                    ],
                    [
                        "**Paiement en cours**",
                        "Demander la date et la référence du virement, ainsi que le montant ; "
                        "vérifier la réception.",
                    ],
                ],
                widths=[36, 128],
            ),
            Heading("Résultat de l'appel", size=10),
            Grid(
                rows=[
                    ["Date et heure de l'appel", "", "Interlocuteur joint", ""],
                    ["Promesse : date", "", "Montant (€)", ""],
                    ["Motif du retard", ""],
                    ["Prochaine action", "", "À faire le", ""],
                ],
                widths=[44, 40, 34, 46],
            ),
            P(
                "Après accord : envoyer la lettre de récapitulatif d'appel pour confirmer par "
                "écrit la date et le montant convenus.",
                align="left",
                size=8,
            ),
        ],
    ),
    "call-recap": Letter(
        subject="Confirmation de notre entretien téléphonique",
        body=[
            ONE,
            Tag("set cur = '€' if currency == 'EUR' else currency"),
            P(
                "Nous faisons suite à notre entretien téléphonique du {{ call.date if call and "
                "call.date else '........' }} et vous en remercions."
            ),
            P(
                "Comme convenu, nous prenons bonne note de votre engagement à nous régler le "
                "montant de {{ call.amount if call and call.amount else '........ ' ~ cur }} au "
                "plus tard le {{ call.by if call and call.by else '........' }}, au titre "
                "{{ 'de la facture suivante' if one else 'des factures suivantes' }} :"
            ),
            FR_INVOICES,
            *DISPUTED_ABOVE,
            P(
                "Modalités convenues pour le solde, le cas échéant : {{ call.note if call and "
                "call.note else '........................................................' }}"
            ),
            P(
                "Nous vous remercions d'effectuer ce règlement par virement{% if payment.iban %} "
                "sur le compte ci-dessous{% endif %}, en rappelant {{ 'le numéro de la facture' "
                "if one else 'les numéros des factures' }}. À défaut de règlement à la date "
                "convenue, nous serions contraints de reprendre la procédure de recouvrement."
            ),
            *fr_payment(),
        ],
    ),
}

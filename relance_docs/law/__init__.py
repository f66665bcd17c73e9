"""The rules layer: statutory interest, legal deadlines, procedure eligibility and
limitation, and the legal values documents quote.

Law is data: rates, thresholds, fixed sums and periods are effective-dated rows under
``rules/`` (one pack per jurisdiction, see :mod:`relance_docs.law.packs`); this package
interprets them. It is one engine and one package per jurisdiction:

- the engine: ``periods`` and ``counting`` (periods, day counting, the Deadline record),
  ``calendars``, ``rates`` and ``lines`` (regimes, half-year rate series, interest lines),
  ``interest`` (:func:`compute_interest`), ``thresholds`` (ceilings and their open points),
  ``limitation``, ``assessment`` and ``procedures`` (:func:`assess`), ``reasons``;
- the jurisdictions: ``fr``, ``gb``, ``de``, ``eu``, each giving its interest regime,
  deadline rules, procedures, prerequisites and limitation to ``registry``;
- from ledgers to claims: ``claims`` (and ``debtor``), ``single`` (one claim by hand);
  ``documents``: what a letter may quote and which letters it must not write.

Nothing here reads a ledger or writes a file: the only I/O is loading the packs.
"""

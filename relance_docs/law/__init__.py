"""The rules layer: statutory interest, legal deadlines and procedure eligibility.

Law is data: rates, thresholds and fixed sums are effective-dated rows under ``rules/``
(one pack per jurisdiction, see :mod:`relance_docs.law.packs`); this package interprets
them. Nothing here reads a ledger or writes a file: the only I/O is loading the packs.
"""

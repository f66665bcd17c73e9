"""relance-docs: get unpaid invoices paid, and escalate correctly when that fails.

The library reads a creditor's ledger (:mod:`relance_docs.intake`), applies the law of
the jurisdiction (:mod:`relance_docs.law`), decides the next dunning step
(:mod:`relance_docs.dunning`) and produces the documents (:mod:`relance_docs.render`).
The ``relance`` command (:mod:`relance_docs.cli`) is a thin layer over it.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]

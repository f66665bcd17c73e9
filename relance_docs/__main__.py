"""``python -m relance_docs`` is the ``relance`` command."""

from .cli import main

if __name__ == "__main__":
    main()

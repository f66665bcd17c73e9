"""``relance serve``: the local web page, over the same library as the other commands."""

from __future__ import annotations

from pathlib import Path

import click

from . import cli
from .store import db_option

__all__ = ["serve"]

_LOCAL = ("127.0.0.1", "localhost", "::1")


@cli.command()
@db_option
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on. Anything but this machine shows the page to your "
    "network: only behind a firewall you trust.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--creditor",
    "profile_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Creditor profile (YAML) to sign with, for a store filled by 'relance import' "
    "(the page keeps a copy beside the store); otherwise give it with the first import.",
)
@click.option(
    "--max-upload-mb",
    type=click.IntRange(1, 1024),
    default=20,
    show_default=True,
    help="The largest upload accepted (a ledger and a profile), in MB.",
)
def serve(
    db_path: Path, host: str, port: int, profile_path: Path | None, max_upload_mb: int
) -> None:
    """Open the web page: import a ledger, see today's letters and why, preview and
    write the batch, record calls, promises and disputes. In French or English.

    \b
    Example:
        relance serve --db demo/relance.db
        relance serve --db relance.db --creditor samples/creditor-fr.yaml --port 8080
    then open the address it prints in your browser.
    """
    from werkzeug.serving import make_server

    from ..web import create_app, keep_profile

    hosts = ("127.0.0.1", "localhost", "[::1]")
    if host not in _LOCAL:
        click.echo(
            f"warning: listening on {host}: anyone who can reach this machine on port "
            f"{port} can read the ledger and write letters.",
            err=True,
        )
        hosts = (*hosts, host.lower())
    app = create_app(db_path, upload_limit=max_upload_mb * 1024 * 1024, allowed_hosts=hosts)
    if profile_path is not None:
        keep_profile(app, profile_path)
    server = make_server(host, port, app, threaded=True)
    shown = "127.0.0.1" if host in _LOCAL else host
    click.echo(f"relance-docs on http://{shown}:{server.server_port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:  # pragma: no cover - interactive
        pass
    finally:
        server.server_close()

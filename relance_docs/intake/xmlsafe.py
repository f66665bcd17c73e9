"""XML from outside (e-invoices, bank statements), parsed with lxml and nothing trusted.

No DTD, no entity of any kind (an "XML bomb" expands a kilobyte into gigabytes, an
external entity reads a file of the machine or calls the network), no network, no huge
text nodes, and a size cap: an invoice or a statement needs none of these. A refusal is
one line naming the file.
"""

from __future__ import annotations

import re

from lxml import etree

from .limits import DEFAULT_LIMITS, Limits, too_big

__all__ = ["XmlRefused", "find_all", "find_one", "find_text", "local", "parse_xml"]

_DTD_RE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class XmlRefused(ValueError):
    """The document is refused; the message says why, for ``file: message``."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(data: bytes, limits: Limits = DEFAULT_LIMITS) -> etree._Element:
    """The root element of ``data``, or :class:`XmlRefused`."""
    if len(data) > limits.max_unpacked_bytes:
        raise XmlRefused(too_big(len(data), limits, "the XML is"))
    if not data.strip():
        raise XmlRefused("the file is empty")
    if _DTD_RE.search(data):
        raise XmlRefused(
            "declares a DTD or entities (<!DOCTYPE>, <!ENTITY>), which invoices and "
            "statements never need: refused (it could be an XML bomb or read local files)"
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None)
        where = f" (line {line})" if line else ""
        raise XmlRefused(f"is not well-formed XML{where}: {exc.msg}") from None
    except ValueError as exc:  # e.g. a unicode string with an encoding declaration
        raise XmlRefused(f"is not XML ({exc})") from None
    if root is None:
        raise XmlRefused("is not XML")
    return root


def local(element: etree._Element) -> str:
    """The element's name without its namespace."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def find_all(node: etree._Element, path: str) -> list[etree._Element]:
    """Elements under ``node`` along ``path``: local names separated by ``/``, so that
    every namespace version reads the same (``Stmt/Ntry``)."""
    xpath = "/".join(f"*[local-name()='{step}']" for step in path.split("/"))
    return node.xpath(xpath)


def find_one(node: etree._Element, path: str) -> etree._Element | None:
    found = find_all(node, path)
    return found[0] if found else None


def find_text(node: etree._Element, path: str) -> str | None:
    found = find_one(node, path)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None

"""The match report keeps the company's header and footer on any wkhtmltopdf.

Odoo renders a report's header and footer (web.external_layout) as separate pages that
wkhtmltopdf stamps on every page, which only a wkhtmltopdf built with its patched Qt can do;
the wkhtmltopdf of Debian and Ubuntu is not, and silently prints neither. On such a
wkhtmltopdf the match report carries them inside its body instead: the header above the first
page, the footer below the last (the report is one or two pages long).
"""

import functools
import logging
import subprocess

from lxml import etree
from lxml import html as lxml_html

from odoo import models

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin

_logger = logging.getLogger(__name__)

INLINE_LAYOUT_REPORTS = ("hr_interview_closing.report_applicant_match",)
_CLASS_XPATH = "//div[contains(concat(' ', normalize-space(@class), ' '), ' {} ')]"


@functools.cache
def wkhtmltopdf_prints_headers():
    """Whether the installed wkhtmltopdf prints separate headers and footers (patched Qt)."""
    try:
        version = subprocess.run(
            [_get_wkhtmltopdf_bin(), "--version"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return True  # no usable wkhtmltopdf: Odoo says so itself, leave the layout alone
    return "patched qt" in version.lower()


def inline_header_and_footer(html):
    """Move each document's header into the top of its article and its footer to the bottom,
    without the page numbers that only a separate footer can fill."""
    root = lxml_html.fromstring(html, parser=lxml_html.HTMLParser(encoding="utf-8"))
    for kind in ("header", "footer"):
        for node in root.xpath(_CLASS_XPATH.format(kind)):
            article = _sibling_article(node, following=kind == "header")
            if article is None:
                continue
            classes = [c for c in node.get("class", "").split() if c != kind]
            node.set("class", " ".join([f"o_hic_inline_{kind}", "mb-3" if kind == "header" else "mt-4", *classes]))
            for number in node.xpath(".//span[contains(@class, 'page') or contains(@class, 'topage')]"):
                holder = number.getparent()
                if holder is not None and holder.getparent() is not None:
                    holder.getparent().remove(holder)
            node.getparent().remove(node)
            if kind == "header":
                article.insert(0, node)
            else:
                article.append(node)
    return etree.tostring(root, method="html", encoding="utf-8")


def _sibling_article(node, following):
    siblings = node.itersiblings() if following else node.itersiblings(preceding=True)
    for sibling in siblings:
        if "article" in (sibling.get("class") or "").split():
            return sibling
    return None


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _prepare_html(self, html, report_model=False):
        if self.report_name in INLINE_LAYOUT_REPORTS and not wkhtmltopdf_prints_headers():
            html = inline_header_and_footer(html)
        return super()._prepare_html(html, report_model=report_model)

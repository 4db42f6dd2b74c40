"""The one placeholder syntax of every text an admin edits (closing scripts, weak-match
suggestions): ``{{ name }}``, or ``{{ name ||| default }}`` for an empty value — the grammar of
Odoo's inline templates, restricted to bare names from an allowed list, so that a text can never
reach a record. Values are plain strings: a value is never evaluated (a candidate called
``{{ 7*7 }}`` stays so). No ORM.
"""

import ast
import re

# Same grammar as odoo.tools.rendering_tools.INLINE_TEMPLATE_REGEX: {{ expression ||| default }}
INLINE_TEMPLATE_REGEX = re.compile(r"\{\{(.+?)(\|\|\|\s*(.*?))?\}\}")


class PlaceholderError(ValueError):
    """A text that cannot be rendered; ``kind`` is 'syntax' or 'unknown', ``detail`` names it."""

    def __init__(self, kind, detail):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


def check(text, allowed):
    """Raise PlaceholderError for the first problem of ``text``; return the placeholders it uses."""
    used = []
    position = 0
    for found in INLINE_TEMPLATE_REGEX.finditer(text or ""):
        _check_literal(text[position : found.start()])
        position = found.end()
        expression = found.group(1).strip()
        if not expression:
            raise PlaceholderError("syntax", found.group(0))
        try:
            tree = ast.parse(expression, mode="eval")
        except SyntaxError:
            raise PlaceholderError("syntax", found.group(0)) from None
        if not isinstance(tree.body, ast.Name):
            raise PlaceholderError("syntax", found.group(0))
        if tree.body.id not in allowed:
            raise PlaceholderError("unknown", found.group(0))
        used.append(tree.body.id)
    _check_literal((text or "")[position:])
    return used


def _check_literal(text):
    for marker in ("{{", "}}"):
        index = text.find(marker)
        if index != -1:
            raise PlaceholderError("syntax", text[max(0, index - 10) : index + 20].strip())


def render(text, values):
    """``text`` with each ``{{ name ||| default }}`` replaced by its value (else the default, else
    nothing). Checked first: an unknown name raises PlaceholderError."""
    check(text, values)

    def value(found):
        return str(values.get(found.group(1).strip()) or (found.group(3) or "").strip())

    return INLINE_TEMPLATE_REGEX.sub(value, text or "")


def example(names):
    """The placeholders as an admin writes them: "{{ score }}, {{ skill }}"."""
    return ", ".join(f"{{{{ {name} }}}}" for name in names)

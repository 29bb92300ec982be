"""A framework as readable text (``omi framework show``)."""

from __future__ import annotations

from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import Condition, Question
from omi_desktop.core.i18n import _


def describe_condition(c: Condition) -> str:
    """A condition in words, e.g. ``1.2.1 = yes and rosh_level in (high, very_high)``."""
    if c.all is not None:
        return "(" + " and ".join(describe_condition(x) for x in c.all) + ")"
    if c.any is not None:
        return "(" + " or ".join(describe_condition(x) for x in c.any) + ")"
    if c.not_ is not None:
        return "not " + describe_condition(c.not_)
    if c.equals is not None:
        return f"{c.equals.question or c.equals.fact} = {c.equals.value}"
    if c.in_ is not None:
        return f"{c.in_.question or c.in_.fact} in ({', '.join(map(str, c.in_.values))})"
    if c.contains is not None:
        return f"{c.contains.question} includes {c.contains.value}"
    if c.answered is not None:
        return f"{c.answered} answered"
    assert c.compare is not None
    cmp = c.compare

    def side(o: object) -> str:
        return str(
            getattr(o, "question", None) or getattr(o, "fact", None) or getattr(o, "value", None) or "today"
        )

    ops = {"lt": "<", "le": "<=", "eq": "=", "ne": "!=", "ge": ">=", "gt": ">"}
    days = f" + {cmp.days} days" if cmp.days else ""
    return f"{side(cmp.left)} {ops[cmp.op]} {side(cmp.right)}{days}"


def _question_line(q: Question) -> str:
    kind = q.type
    if q.type == "judgement":
        kind = "/".join(q.allowed_judgements())
    elif q.options:
        kind = f"{q.type}: " + ", ".join(o.value for o in q.options)
    extras = []
    if q.threads:
        extras.append(", ".join(q.threads))
    if not q.required:
        extras.append(_("optional"))
    if q.relevant is not None:
        extras.append(_("if") + " " + describe_condition(q.relevant))
    tail = f"  [{'; '.join(extras)}]" if extras else ""
    return f"      {q.id:<8} {q.text.en}  <{kind}>{tail}"


def outline(framework: Framework) -> str:
    spec = framework.spec
    lines = [f"{spec.title.en} ({spec.id}, version {spec.version})"]
    for instrument in spec.instrument:
        lines.append(f"\n{instrument.title.en} [{instrument.id}, one per {instrument.subject}]")
        for section in spec.section:
            if section.instrument != instrument.id:
                continue
            module = f"  (module {section.module})" if section.module else ""
            lines.append(f"  {section.id} {section.title.en}{module}")
            for criterion in section.criterion:
                lines.append(f"    {criterion.id} {criterion.title.en}")
                lines.extend(_question_line(q) for q in criterion.question)
    return "\n".join(lines)

"""A framework as readable text (``omi framework show [--guidance]``)."""

from __future__ import annotations

import textwrap

from omi_desktop.core.framework.framework import Framework
from omi_desktop.core.framework.model import Condition, Module, Question, Text
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


QUESTION_TEXT_COLUMN = 15  # where a question's text starts; its guidance lines up under it


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
    return f"{'':<6}{q.id:<{QUESTION_TEXT_COLUMN - 7}} {q.text.en}  <{kind}>{tail}"


GUIDANCE_WIDTH = 100


def _guidance(text: Text | None, indent: int) -> list[str]:
    if text is None:
        return []
    return textwrap.wrap(
        text.en, width=GUIDANCE_WIDTH, initial_indent=" " * indent, subsequent_indent=" " * indent
    )


def _module_state(module: Module) -> str:
    return _("active by default") if module.active_by_default else _("inactive by default")


def _modules(framework: Framework) -> list[str]:
    lines = []
    for module in framework.spec.module:
        lines.append(
            _("Module {id} ({title}): {state}; switched on or off for each inspection").format(
                id=module.id, title=module.title.en, state=_module_state(module)
            )
        )
    return lines


def outline(framework: Framework, *, guidance: bool = False) -> str:
    """Instruments, sections, criteria and questions with their conditions; guidance too if asked."""
    spec = framework.spec
    modules = {m.id: m for m in spec.module}
    lines = [f"{spec.title.en} ({spec.id}, version {spec.version})", *_modules(framework)]
    has_guidance = any(s.guidance or any(c.guidance for c in s.criterion) for s in spec.section) or any(
        q.guidance for q in framework.questions.values()
    )
    if has_guidance and not guidance:
        lines.append(_("Guidance is left out: add --guidance to read it."))
    for instrument in spec.instrument:
        lines.append(f"\n{instrument.title.en} [{instrument.id}, one per {instrument.subject}]")
        for section in spec.section:
            if section.instrument != instrument.id:
                continue
            module = modules.get(section.module or "")
            tail = f"  (module {module.id}, {_module_state(module)})" if module else ""
            lines.append(f"  {section.id} {section.title.en}{tail}")
            if guidance:
                lines += _guidance(section.guidance, 3 + len(section.id))
            for criterion in section.criterion:
                lines.append(f"    {criterion.id} {criterion.title.en}")
                if guidance:
                    lines += _guidance(criterion.guidance, 5 + len(criterion.id))
                for question in criterion.question:
                    lines.append(_question_line(question))
                    if guidance:
                        lines += _guidance(question.guidance, QUESTION_TEXT_COLUMN)
    return "\n".join(lines)

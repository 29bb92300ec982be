"""``omi hq --help`` lists the head-office actions in the order of the work, whichever module adds them."""

from __future__ import annotations

import re

from omi_desktop.commands.hq import ORDER

WORKING_ORDER = [
    "inspection", "inspectors", "team", "longlist", "sample", "analysis", "replace", "allocate",
    "assign", "allocation", "enrol", "revoke", "keys", "issue-assignment", "import", "conflicts",
    "set-aside", "receipt",
]  # fmt: skip


def test_hq_help_lists_the_actions_in_working_order(omi):
    result = omi("hq", "--help")
    assert result.code == 0
    listed = re.findall(r"^    ([a-z-]+)", result.out, flags=re.MULTILINE)
    assert listed == WORKING_ORDER
    assert list(ORDER) == WORKING_ORDER


def test_every_action_still_parses_after_reordering(omi):
    for action in WORKING_ORDER:
        result = omi("hq", action, "--help")
        assert result.code == 0 and f"omi hq {action}" in result.out, action

"""A small sync world for tests: head office and inspectors, each with its own data folder, store and keys.

Real stores on disk, real key pairs, real bundles. Head office sets the inspection up with
``core/setup.create_inspection`` on the small test framework (laptops get the framework inside the
assignment) and allocates cases; inspectors answer with the demo's plausible-answer generator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from omi_desktop.core.demo import PlausibleAnswers
from omi_desktop.core.framework import registry
from omi_desktop.core.inspections import list_cases
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.review import answer_many, finalise, open_case_review
from omi_desktop.core.setup import InspectorSpec, create_inspection
from omi_desktop.core.store import Store
from omi_desktop.core.sync import keys as sync_keys
from omi_desktop.core.sync import trust
from omi_desktop.core.sync.assignment import import_assignment, issue_assignment
from omi_desktop.core.sync.export import export_return
from omi_desktop.core.sync.returns import import_returns

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
MINI = FIXTURES / "frameworks" / "mini.toml"
ANCHOR = date(2026, 11, 2)


@dataclass
class Party:
    id: str
    data_dir: Path
    store: Store
    keys: sync_keys.PrivateKeys

    @property
    def identity(self) -> sync_keys.PublicIdentity:
        return self.keys.identity


@dataclass
class World:
    root: Path
    hq: Party
    people: dict[str, Party] = field(default_factory=dict)
    inspection_id: str = ""
    lead: str | None = None
    framework_id: str = "mini"

    def __getitem__(self, identity_id: str) -> Party:
        return self.people[identity_id]

    def close(self) -> None:
        for party in [self.hq, *self.people.values()]:
            party.store.close()

    # -- steps ----------------------------------------------------------------------------------------
    def assign(self, identity_id: str) -> Path:
        out = self.root / "outbox" / f"assignment-{identity_id}.omia"
        out.parent.mkdir(exist_ok=True)
        issued = issue_assignment(
            self.hq.store, self.hq.keys, inspector_id=identity_id, out=out, inspection_ref=self.inspection_id
        )
        party = self.people[identity_id]
        import_assignment(party.store, issued.path, party.keys)
        return issued.path

    def answer(self, identity_id: str, references: list[str] | None = None, seed: int = 1) -> list[str]:
        """Answer and finalise the party's allocated cases (or the given references); returns review ids."""
        party = self.people[identity_id]
        framework = registry.get_framework(party.store, self.framework_id, 1)
        generator = PlausibleAnswers(framework, random.Random(seed), ANCHOR)
        done = []
        for case in list_cases(party.store, self.inspection_id):
            wanted = (
                case.reference in references if references is not None else case.inspector_id == identity_id
            )
            if not wanted:
                continue
            view = open_case_review(party.store, case.id, actor=identity_id)
            given = {qid: a.value for qid, a in view.answers.items()}
            items = generator.for_review("case", view.facts, view.active_modules, given)
            view = answer_many(party.store, view.review.id, items, actor=identity_id)
            finalise(party.store, view.review.id, actor=identity_id)
            done.append(view.review.id)
        return done

    def export(self, identity_id: str, name: str | None = None) -> Path:
        party = self.people[identity_id]
        out = (
            self.root
            / "stick"
            / (name or f"{identity_id}-{len(list((self.root / 'stick').glob(identity_id + '*'))) + 1}.omib")
        )
        out.parent.mkdir(exist_ok=True)
        result = run_to_end(export_return(party.store, party.keys, out, self.inspection_id))
        return result.path

    def hq_import(self, *paths: Path):
        return run_to_end(import_returns(self.hq.store, list(paths), self.hq.keys, at="hq"))


def _party(root: Path, identity_id: str, name: str, role: str, passphrase: bytes | None = None) -> Party:
    data_dir = root / identity_id
    store = Store.open(data_dir)
    sync_keys.create_keys(data_dir, identity_id=identity_id, name=name, role=role, passphrase=passphrase)
    return Party(identity_id, data_dir, store, sync_keys.load_private_keys(data_dir, passphrase))


def case_facts(reference: str, inspector: str, n: int) -> dict:
    return {
        "reference": reference,
        "order_type": "licence" if n % 2 else "community_order",
        "commencement_date": date(2026, 5, 1 + n),
        "rosh_level": "high" if n % 3 == 0 else "medium",
        "family_name": f"Sampleford{n}",
        "first_name": "Alex",
        "date_of_birth": date(1990, 1, 1 + n),
        "offender_manager": "Sam Testwood",
        "inspector_id": inspector,
    }


def make_world(
    root: Path,
    inspectors: tuple[str, ...] = ("INS-A", "INS-B"),
    lead: str | None = "LEAD",
    cases_each: int = 3,
    framework: Path = MINI,
) -> World:
    """HQ with an inspection on the mini framework (or ``framework``); every inspector enrolled, HQ pinned
    on every laptop."""
    hq = _party(root, "HQ", "Head office (test)", "hq")
    installed = registry.install(hq.store, framework)
    world = World(root, hq, lead=lead, framework_id=installed.id)
    for identity_id in (*inspectors, *([lead] if lead else [])):
        party = _party(root, identity_id, f"Inspector {identity_id}", "inspector")
        world.people[identity_id] = party
        trust.enrol(hq.store, party.identity, confirm=party.identity.fingerprint)
        trust.pin_hq(party.store, hq.identity, confirm=sync_keys.display_fingerprint(hq.identity.fingerprint))
    cases = []
    for i, identity_id in enumerate(inspectors):
        for j in range(cases_each):
            n = i * cases_each + j + 1
            cases.append(case_facts(f"C{n:03d}", identity_id, n))
    inspection = create_inspection(
        hq.store,
        title="Test inspection",
        area_code="A1",
        area_name="Area One",
        region_code="R1",
        region_name="Region One",
        framework_id=installed.id,
        fieldwork_start=ANCHOR,
        team=[InspectorSpec(i, f"Inspector {i}") for i in inspectors],
        lead=InspectorSpec(lead, f"Inspector {lead}", role="lead") if lead else None,
        cases=cases,
    )
    world.inspection_id = inspection.id
    return world

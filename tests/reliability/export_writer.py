"""Child process of test_export_kill.py: export return bundles one after another, for ever.

    python export_writer.py DATA_DIR OUT_DIR RUN

Prints ``ready`` once the store and keys are open, then ``exported NAME`` after each export returns. Between
exports it changes one review (reopen, answer, finalise), so bundles differ. The parent SIGKILLs it at
random moments.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from omi_desktop.core.inspections import list_cases
from omi_desktop.core.progress import run_to_end
from omi_desktop.core.review import answer, finalise, get_review, reopen
from omi_desktop.core.store import Store
from omi_desktop.core.sync.export import export_return
from omi_desktop.core.sync.keys import load_private_keys

MAX_EXPORTS = 500  # a child the parent somehow failed to kill still ends


def main() -> None:
    data_dir, out_dir, run = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    store = Store.open(data_dir)
    keys = load_private_keys(data_dir)
    me = keys.identity.id
    reviews = [c.review_id for c in list_cases(store, _inspection(store)) if c.review_id]
    print("ready", flush=True)
    for n in range(1, MAX_EXPORTS):
        review_id = reviews[n % len(reviews)]
        if get_review(store, review_id).review.finalised:  # a kill may have come between reopen and finalise
            reopen(store, review_id, actor=me, reason=f"run {run} change {n}")
        answer(store, review_id, "1.2.2", (run * 7 + n) % 60, actor=me)
        finalise(store, review_id, actor=me)
        name = f"run{run:02d}-{n:03d}.omib"
        run_to_end(export_return(store, keys, out_dir / name))
        print(f"exported {name}", flush=True)


def _inspection(store: Store) -> str:
    from omi_desktop.core.inspections import resolve_inspection

    return resolve_inspection(store).id


if __name__ == "__main__":
    main()

"""Small-number suppression for everything KS sees. One module, one rule.

A KS report shows *cells* (one figure per municipality) and *sums* over sets
of cells (the national total, each county's, each size class's, the total of
the filtered rows, and — in the trend — one figure per month, whose sum is
the filtered total). Any cell or sum under `THRESHOLD` is hidden ("færre enn
5"); so is anything else needed so that no hidden figure can be worked out
from what is still shown.

Why what remains is safe: a hidden figure Q (a cell, or a hidden sum of cells)
is *protected* when there is another set of non-negative integer values for
the hidden cells that agrees with every figure still shown and changes Q.
We make sure such a witness exists for every hidden figure, in one of two
simple forms:

* a hidden cell `a` inside Q that is in no shown sum: add one person to `a`;
* hidden cells `a` (in Q) and `b` (not in Q) that lie in exactly the same
  shown sums ("twins"), with at least one person between them: move one
  person from `a` to `b`, or from `b` to `a`. Every shown sum holds both or
  neither, so it does not change; Q changes by one.

Until every hidden figure has a witness we hide the cheapest extra cell(s)
that make a pair of twins, or a shown sum (which merges groups of twins).
Hiding only ever grows, so this ends; at worst everything is hidden. Rates
are shown only over shown counts. `tests/reports/test_suppression.py` checks
the promise with hypothesis against a brute-force attacker who knows every
shown figure and solves for the hidden ones.

Each measure (assigned, enrolled, started, completed, passed) is suppressed
on its own: in a period they are separate counts of events. Where one measure
counts a subset of another's people (assigned enrollments are enrollments;
passing goes with completing), whatever the larger one hides the smaller one
hides too (`within`), so a shown small figure never bounds a hidden large one.
"""

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

THRESHOLD = 5


@dataclass
class Suppressed:
    """What to hide: cell keys and sum names."""

    cells: set = field(default_factory=set)
    sums: set = field(default_factory=set)


def suppress(
    cells: Mapping[Hashable, int],
    sums: Mapping[Hashable, Iterable[Hashable]],
    forced_sums: Iterable[Hashable] = (),
    forced_cells: Iterable[Hashable] = (),
) -> Suppressed:
    """Decide which cells and sums to hide. `cells` maps a key to a count;
    `sums` maps a name to the cell keys it adds up (all of them shown
    somewhere on the same filters); `forced_sums` and `forced_cells` are
    hidden whatever their value (because another view or measure on the same
    filters hides them). Pure and deterministic: the same figures give the
    same pattern."""
    members = {name: frozenset(keys) for name, keys in sums.items() if keys}
    value = {name: sum(cells[k] for k in keys) for name, keys in members.items()}
    in_sums = defaultdict(list)
    for name, keys in members.items():
        for key in keys:
            in_sums[key].append(name)
    hidden_cells = {k for k, v in cells.items() if v < THRESHOLD}
    hidden_cells |= set(forced_cells) & set(cells)
    hidden_sums = {n for n, v in value.items() if v < THRESHOLD}
    hidden_sums |= set(forced_sums) & set(members)
    order = sorted(cells, key=lambda k: (cells[k], str(k)))  # cheapest first

    while True:
        signature = {k: frozenset(n for n in in_sums[k] if n not in hidden_sums) for k in cells}
        classes = defaultdict(list)
        for key in order:
            classes[signature[key]].append(key)
        state = (cells, signature, classes, hidden_cells)
        problem = None
        for key in sorted(hidden_cells, key=str):
            if not _protected(frozenset([key]), state):
                problem = frozenset([key])
                break
        if problem is None:
            for name in sorted(hidden_sums, key=str):
                if name in members and not _protected(members[name], state):
                    problem = members[name]
                    break
        if problem is None:
            return Suppressed(hidden_cells, hidden_sums)
        _fix(problem, state, members, value, in_sums, hidden_sums)


def _protected(inside, state):
    cells, signature, classes, hidden = state
    for a in inside:
        if a not in hidden:
            continue
        if not signature[a]:
            return True  # in no shown sum: free
        for b in classes[signature[a]]:
            if b not in inside and b in hidden and cells[a] + cells[b] >= 1:
                return True
    return False


def _fix(inside, state, members, value, in_sums, hidden_sums):
    """Hide the cheapest thing that gives `inside` a witness (or gets closer)."""
    cells, signature, classes, hidden = state

    def cost(key):
        return 0 if key in hidden else cells[key]

    best = None  # (cost, cells to hide, sum to hide)
    for a in inside:
        if not signature[a]:
            option = (cost(a), [a], None)
            best = option if best is None or option[0] < best[0] else best
            continue
        for b in classes[signature[a]]:
            if b in inside or cells[a] + cells[b] < 1:
                continue
            option = (cost(a) + cost(b), [a, b], None)
            if best is None or option[0] < best[0]:
                best = option
    for a in inside:
        for name in in_sums[a]:
            if name not in hidden_sums:
                option = (value[name], [], name)
                if best is None or option[0] < best[0]:
                    best = option
    _, new_cells, new_sum = best
    hidden.update(new_cells)
    if new_sum is not None:
        hidden_sums.add(new_sum)


def suppress_with_trend(cells, sums, total, periods, within=None):
    """Suppress a table and its trend together. `total` names the sum in
    `sums` that the trend's `periods` (period → count) add up to. A total
    hidden by one view is hidden in the other. `within`: the (table, trend)
    of a measure that counts a superset of these people; everything it hides
    is hidden here too. Returns (table, trend)."""
    outer_table, outer_trend = within or (Suppressed(), Suppressed())
    forced = set(outer_table.sums)
    while True:
        table = suppress(cells, sums, forced_sums=forced, forced_cells=outer_table.cells)
        trend_forced = {total} if total in table.sums else set()
        trend = suppress(
            periods,
            {total: list(periods)},
            forced_sums=trend_forced | (outer_trend.sums & {total}),
            forced_cells=outer_trend.cells,
        )
        if total in trend.sums and total not in table.sums and sums.get(total):
            forced.add(total)
            continue
        return table, trend

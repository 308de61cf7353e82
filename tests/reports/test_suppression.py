"""No figure hidden from KS can be worked out from what the same filters show.

The attacker knows every shown cell and sum, that counts are whole numbers
and never negative, and solves for the hidden cells by brute force. A hidden
figure is recovered when every solution gives it the same value.
"""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from learning.reports.suppression import THRESHOLD, suppress, suppress_with_trend

FREE_RANGE = 12  # values tried for a hidden cell that no shown sum bounds


def _solutions(cells, sums, hidden):
    """Yield every assignment of the hidden cells consistent with what is shown
    (a depth-first search; the last unknown of each shown sum is forced)."""
    unknown = sorted(hidden, key=str)
    position = {k: i for i, k in enumerate(unknown)}
    constraints = []  # (cells still unknown in it, what they must add up to)
    for keys in sums.values():
        if not keys:
            continue
        inside = [k for k in keys if k in hidden]
        rest = sum(cells[k] for k in keys) - sum(cells[k] for k in keys if k not in hidden)
        constraints.append((inside, rest))
    closes = {i: [] for i in range(len(unknown))}  # constraints decided at position i
    for inside, rest in constraints:
        if inside:
            closes[max(position[k] for k in inside)].append((inside, rest))

    def dfs(i, partial):
        if i == len(unknown):
            yield dict(partial)
            return
        key = unknown[i]
        limits = [
            rest - sum(partial.get(k, 0) for k in inside)
            for inside, rest in constraints
            if key in inside
        ]
        top = min(limits) if limits else FREE_RANGE
        if top < 0:
            return
        candidates = range(top + 1)
        if closes[i]:
            inside, rest = closes[i][0]
            forced = rest - sum(partial[k] for k in inside if k != key)
            candidates = [forced] if 0 <= forced <= top else []
        for v in candidates:
            partial[key] = v
            if all(sum(partial[k] for k in ins) == r for ins, r in closes[i]):
                yield from dfs(i + 1, partial)
        partial.pop(key, None)

    yield from dfs(0, {})


def _moves(cells, sums, hidden, steps):
    """Yield every other assignment x + d of the hidden cells, d in `steps` per
    cell, that keeps every shown sum and every count non-negative."""
    unknown = sorted(hidden, key=str)
    rows = [[k for k in keys if k in hidden] for keys in sums.values()]
    for d in itertools.product(steps, repeat=len(unknown)):
        move = dict(zip(unknown, d, strict=True))
        if any(cells[k] + move[k] < 0 for k in unknown):
            continue
        if all(sum(move[k] for k in row) == 0 for row in rows):
            yield {k: cells[k] + move[k] for k in unknown}


def assert_nothing_recoverable(cells, sums, result):
    """Every hidden cell and hidden sum takes at least two values over the
    solutions an attacker can find (small moves first, then every solution)."""
    hidden = result.cells
    visible_sums = {n: ks for n, ks in sums.items() if n not in result.sums and ks}
    # Primary suppression: nothing under the threshold is shown.
    assert all(v >= THRESHOLD for k, v in cells.items() if k not in hidden)
    assert all(sum(cells[k] for k in ks) >= THRESHOLD for ks in visible_sums.values())
    targets = {("cell", k): [k] for k in hidden}
    targets.update({("sum", n): list(sums[n]) for n in result.sums if sums[n]})
    seen = {t: {sum(cells[k] for k in keys)} for t, keys in targets.items()}

    def record(solutions):
        for solution in solutions:
            full = {**cells, **solution}
            for target, keys in targets.items():
                seen[target].add(sum(full[k] for k in keys))
            if all(len(values) > 1 for values in seen.values()):
                return True
        return False

    if not targets or record(_moves(cells, visible_sums, hidden, (-1, 0, 1))):
        return
    if len(hidden) <= 5 and record(_moves(cells, visible_sums, hidden, (-2, -1, 0, 1, 2))):
        return
    record(_solutions(cells, visible_sums, hidden))
    recovered = [t for t, values in seen.items() if len(values) <= 1]
    assert not recovered, f"recoverable: {recovered} from {cells} with {sums} hiding {result}"


@st.composite
def sector(draw):
    """A few municipalities in counties and size classes, mostly small counts."""
    n = draw(st.integers(min_value=1, max_value=6))
    counties = draw(st.lists(st.integers(0, 2), min_size=n, max_size=n))
    sizes = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    values = draw(
        st.lists(st.one_of(st.integers(0, 6), st.integers(5, 11)), min_size=n, max_size=n)
    )
    filtered = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    cells = {f"m{i}": values[i] for i in range(n)}
    sums = {"national": list(cells)}
    for i in range(n):
        sums.setdefault(f"county{counties[i]}", []).append(f"m{i}")
        sums.setdefault(f"size{sizes[i]}", []).append(f"m{i}")
    sums["filter"] = [f"m{i}" for i in range(n) if filtered[i]]
    return cells, sums


@settings(max_examples=300, deadline=None)
@given(sector())
def test_no_hidden_figure_can_be_worked_out(case):
    cells, sums = case
    result = suppress(cells, sums)
    assert_nothing_recoverable(cells, sums, result)


@settings(max_examples=150, deadline=None)
@given(sector(), st.lists(st.integers(0, 9), min_size=1, max_size=4))
def test_the_trend_gives_nothing_away_either(case, split):
    """The trend's months add up to the filtered total shown in the table."""
    cells, sums = case
    total = sum(cells[k] for k in sums["filter"])
    # Spread the filtered total over months in a way the attacker does not know.
    months = {}
    remaining = total
    for i, share in enumerate(split[:-1]):
        months[f"month{i}"] = min(share, remaining)
        remaining -= months[f"month{i}"]
    months[f"month{len(split) - 1}"] = remaining
    table, trend = suppress_with_trend(cells, sums, "filter", months)
    assert_nothing_recoverable(cells, sums, table)
    assert_nothing_recoverable(months, {"filter": list(months)}, trend)
    if sums["filter"]:  # a total hidden in one view is hidden in the other
        assert ("filter" in table.sums) == ("filter" in trend.sums)


@settings(max_examples=150, deadline=None)
@given(sector(), st.lists(st.integers(0, 1), min_size=6, max_size=6))
def test_a_nested_measure_hides_what_the_outer_one_hides(case, keep):
    """Assigned enrollments are some of the enrollments: the assigned table
    hides at least what the enrolled table hides, and still gives nothing away."""
    cells, sums = case
    inner = {k: v * keep[i] for i, (k, v) in enumerate(cells.items())}  # inner <= outer
    total = sum(cells[k] for k in sums["filter"])
    outer = suppress_with_trend(cells, sums, "filter", {"month0": total})
    table, trend = suppress_with_trend(
        inner, sums, "filter", {"month0": sum(inner[k] for k in sums["filter"])}, within=outer
    )
    assert outer[0].cells <= table.cells
    assert outer[0].sums & set(sums) <= table.sums
    assert outer[1].cells <= trend.cells
    assert_nothing_recoverable(inner, sums, table)


def test_a_lone_small_municipality_gets_a_complement():
    cells = {"a": 3, "b": 40, "c": 7}
    result = suppress(cells, {"national": ["a", "b", "c"]})
    assert result.cells == {"a", "c"}  # c is the cheapest complement
    assert result.sums == set()


def test_a_county_of_one_hides_its_total_and_a_sibling_county():
    cells = {"oslo": 2, "b1": 30, "b2": 8, "c1": 9, "c2": 50}
    sums = {
        "national": list(cells),
        "county-oslo": ["oslo"],
        "county-b": ["b1", "b2"],
        "county-c": ["c1", "c2"],
    }
    result = suppress(cells, sums)
    assert "oslo" in result.cells and "county-oslo" in result.sums
    assert_nothing_recoverable(cells, sums, result)

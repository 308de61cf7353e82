"""The map: TopoJSON decoded in Python (arcs, delta encoding) into SVG paths."""

from django.core.cache import cache
from django.test import TestCase
from django.urls import reverse

from learning.reports import map as norway_map
from tenants.models import Organisation

from .world import build_world


def test_it_undoes_quantization_and_delta_encoding():
    topology = {
        "transform": {"scale": [0.5, 2], "translate": [10, 60]},
        "arcs": [[[0, 0], [2, 0], [0, 1]], [[2, 1], [-2, -1]]],
    }
    assert norway_map.decode_arcs(topology) == [
        [(10.0, 60.0), (11.0, 60.0), (11.0, 62.0)],
        [(11.0, 62.0), (10.0, 60.0)],
    ]


def test_a_negative_arc_index_follows_the_arc_backwards():
    arcs = [[(0, 0), (1, 0)], [(1, 0), (1, 1), (0, 0)]]
    assert norway_map.ring_positions([0, 1], arcs) == [(0, 0), (1, 0), (1, 1), (0, 0)]
    assert norway_map.ring_positions([~1], arcs) == [(0, 0), (1, 1), (1, 0)]


def test_every_municipality_gets_a_path_north_above_south():
    paths, height = norway_map.norway()
    assert len(paths) == 357
    oslo, tromso = paths["0301"], paths["5501"]
    y_of = lambda d: float(d[1:].split("L")[0].split()[1])  # noqa: E731
    assert y_of(tromso) < y_of(oslo) < height


class MapPageTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_world(cls)

    def test_it_hatches_suppressed_municipalities_and_credits_kartverket(self):
        Organisation.objects.filter(pk=self.alpha.pk).update(number="0301")  # on the map
        cache.clear()
        self.client.force_login(self.kari)
        response = self.client.get(reverse("reports:national_map"))
        content = response.content.decode()
        assert response.status_code == 200
        assert 'fill="url(#hatch)"' in content  # Alfavik's two learners are hidden
        assert "Kartverket, CC BY 4.0" in content
        assert "færre enn 5" in content

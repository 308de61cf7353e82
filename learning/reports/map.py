"""Norway's municipalities as SVG paths, from TopoJSON, in plain Python.

TopoJSON stores each shared border once ("arcs"); a polygon's ring lists the
arcs it follows, a negative index (~i) meaning arc i reversed. A quantized
file (with a `transform`) also delta-encodes each arc: every position after
the first is the difference from the one before, in integer grid steps. We
decode both, project longitude/latitude with a spherical transverse Mercator
centred on 15° E (how Norway's national maps look), and keep the paths in
memory: they never change while the process runs.
"""

import json
import math
from functools import cache
from pathlib import Path

TOPOJSON = Path(__file__).resolve().parent / "data" / "kommuner.topojson"
OBJECT = "Kommuner"
WIDTH = 600  # SVG user units; the height follows from the country's shape
CENTRAL_MERIDIAN = 15.0
ATTRIBUTION = "Kartverket, CC BY 4.0"


def decode_arcs(topology):
    """Absolute [lon, lat] positions of every arc (undoing quantization)."""
    transform = topology.get("transform")
    if not transform:
        return [[tuple(p[:2]) for p in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_positions(ring, arcs):
    """A ring's positions from its arc indexes; shared endpoints once."""
    positions = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        positions.extend(arc if not positions else arc[1:])
    return positions


def polygons(geometry, arcs):
    """A geometry's polygons, each a list of rings of positions."""
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    return [[ring_positions(ring, arcs) for ring in polygon] for polygon in parts]


def project(lon, lat):
    """Spherical transverse Mercator (unit sphere); y grows northwards."""
    lam = math.radians(lon - CENTRAL_MERIDIAN)
    phi = math.radians(lat)
    b = math.cos(phi) * math.sin(lam)
    x = 0.5 * math.log((1 + b) / (1 - b))
    y = math.atan2(math.tan(phi), math.cos(lam))
    return x, y


def svg_paths(topology, width=WIDTH, object_name=OBJECT):
    """({number: path data}, viewBox height) for every geometry in the object."""
    arcs = [[project(lon, lat) for lon, lat in arc] for arc in decode_arcs(topology)]
    xs = [x for arc in arcs for x, _ in arc]
    ys = [y for arc in arcs for _, y in arc]
    min_x, max_x, min_y, max_y = min(xs), max(xs), min(ys), max(ys)
    scale = width / (max_x - min_x)
    height = round((max_y - min_y) * scale, 1)

    def point(p):
        return round((p[0] - min_x) * scale, 1), round((max_y - p[1]) * scale, 1)

    paths = {}
    for geometry in topology["objects"][object_name]["geometries"]:
        props = geometry.get("properties", {})
        number = props.get("kommunenummer") or props.get("id") or geometry.get("id")
        commands = []
        for polygon in polygons(geometry, arcs):
            for ring in polygon:
                points = []
                for p in ring:
                    q = point(p)
                    if not points or q != points[-1]:
                        points.append(q)
                if len(points) < 3:
                    continue
                head, *tail = points
                commands.append(
                    f"M{head[0]:g} {head[1]:g}" + "".join(f"L{x:g} {y:g}" for x, y in tail) + "Z"
                )
        paths[number] = "".join(commands)
    return paths, height


@cache
def norway():
    """The municipalities' paths and the map's height, decoded once per process."""
    with TOPOJSON.open(encoding="utf-8") as f:
        return svg_paths(json.load(f))


# Colour-blind-safe sequential scale (viridis, five steps; light to dark), with
# the text colour that keeps the legend readable on each.
SCALE = ["#fde725", "#5ec962", "#21918c", "#3b528b", "#440154"]


def colour_class(rate, breaks):
    """Index into SCALE for a rate, given the four upper bounds of the lower classes."""
    for i, upper in enumerate(breaks):
        if rate < upper:
            return i
    return len(breaks)


def breaks_for(max_rate):
    """Four even breaks from 0 to the highest rate shown (at least 1 %)."""
    top = max(max_rate, 1.0)
    step = top / 5
    return [round(step * i, 1) for i in range(1, 5)]

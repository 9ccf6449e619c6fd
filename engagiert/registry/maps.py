"""A map of the state drawn from the registry's own coordinates: no tile server, no request
to anyone else. Points are projected equirectangularly, which is faithful enough at this scale."""

import math
from dataclasses import dataclass

WIDTH = 600
MARGIN = 12
#: There is no outline of the state (no openly licensed one in the package registries), so the
#: seats of the five Regierungsbezirke are named on the map for orientation.
LANDMARKS = {
    "05111000": "Düsseldorf",
    "05315000": "Köln",
    "05515000": "Münster",
    "05766020": "Detmold",
    "05958004": "Arnsberg",
}
#: Marked places are named on the map as well when there are at most this many.
MAX_NAMED = 8


@dataclass(frozen=True)
class MapPoint:
    ags: str
    name: str
    x: float
    y: float
    highlighted: bool
    latitude: float
    longitude: float


@dataclass(frozen=True)
class MapLabel:
    x: float
    y: float
    text: str
    #: Right-aligned (ends at the point) near the eastern edge, so it stays inside the map.
    end: bool


@dataclass(frozen=True)
class StateMap:
    width: int
    height: int
    points: list[MapPoint]

    @property
    def highlighted(self) -> list[MapPoint]:
        return [point for point in self.points if point.highlighted]

    @property
    def labels(self) -> list[MapLabel]:
        """Names on the map: the marked places when there are few, and the landmarks."""
        marked = self.highlighted
        named = {point.ags for point in marked} if len(marked) <= MAX_NAMED else set()
        # A landmark close to a named place gives way to it (the two names would overlap).
        crowded = {
            landmark.ags
            for landmark in self.points
            if landmark.ags in LANDMARKS and landmark.ags not in named
            for point in marked
            if point.ags in named and math.dist((landmark.x, landmark.y), (point.x, point.y)) < 30
        }
        return [
            MapLabel(
                x=point.x - 9 if point.x > self.width * 0.7 else point.x + 9,
                y=point.y + 4,
                text=point.name if point.ags in named else LANDMARKS[point.ags],
                end=point.x > self.width * 0.7,
            )
            for point in self.points
            if point.ags in named or (point.ags in LANDMARKS and point.ags not in crowded)
        ]

    def as_data(self) -> list[list[object]]:
        """Compact rows for the optional tile map: [ags, name, lat, lon, highlighted]."""
        return [[p.ags, p.name, p.latitude, p.longitude, p.highlighted] for p in self.points]


def state_map(points: list[tuple[str, str, float, float]], highlight: set[str]) -> StateMap:
    """Project (ags, name, lat, lon) into an SVG box; `highlight` names the keys to mark."""
    if not points:
        return StateMap(WIDTH, WIDTH // 2, [])
    lats = [lat for _, _, lat, _ in points]
    lons = [lon for _, _, _, lon in points]
    squeeze = math.cos(math.radians((min(lats) + max(lats)) / 2))
    span_x = max((max(lons) - min(lons)) * squeeze, 1e-9)
    span_y = max(max(lats) - min(lats), 1e-9)
    scale = (WIDTH - 2 * MARGIN) / span_x
    height = round(span_y * scale + 2 * MARGIN)
    projected = [
        MapPoint(
            ags=ags,
            name=name,
            x=round(MARGIN + (lon - min(lons)) * squeeze * scale, 1),
            y=round(MARGIN + (max(lats) - lat) * scale, 1),
            highlighted=ags in highlight,
            latitude=lat,
            longitude=lon,
        )
        for ags, name, lat, lon in points
    ]
    # Highlighted points are drawn last so they sit on top.
    projected.sort(key=lambda point: point.highlighted)
    return StateMap(WIDTH, height, projected)

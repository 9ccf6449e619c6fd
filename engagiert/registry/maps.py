"""A map of the state drawn from the registry's own coordinates: no tile server, no request
to anyone else. Points are projected equirectangularly, which is faithful enough at this scale."""

import math
from dataclasses import dataclass

WIDTH = 600
MARGIN = 12


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
class StateMap:
    width: int
    height: int
    points: list[MapPoint]

    @property
    def highlighted(self) -> list[MapPoint]:
        return [point for point in self.points if point.highlighted]

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

"""Distances between places of the registry: the exact great-circle distance and a cheap
bounding box to narrow candidates in SQL before it (plain comparisons on latitude and
longitude, the same on SQLite and PostgreSQL)."""

import math

from django.db.models import Q

EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE = 111.32


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def bounding_box(lat: float, lon: float, radius_km: float, prefix: str = "") -> Q:
    """Everything within `radius_km` of the point lies in this box (and a little more);
    `prefix` names the relation holding `latitude` and `longitude` (e.g. ``"authority__"``)."""
    dlat = radius_km / KM_PER_DEGREE
    dlon = radius_km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    return Q(
        **{
            f"{prefix}latitude__gte": lat - dlat,
            f"{prefix}latitude__lte": lat + dlat,
            f"{prefix}longitude__gte": lon - dlon,
            f"{prefix}longitude__lte": lon + dlon,
        }
    )

// Optional tile map (only when the operator sets MAP_TILE_URL): replaces the SVG map with a
// Leaflet map of the same points. Without JavaScript, or without tiles, the SVG map stays.
document.addEventListener("DOMContentLoaded", () => {
  const container = document.querySelector(".tile-map");
  const data = document.getElementById("map-points");
  if (!container || !data || typeof L === "undefined") return;
  const points = JSON.parse(data.textContent);
  container.hidden = false;
  document.querySelector(".state-map-figure").hidden = true;
  const map = L.map(container);
  L.tileLayer(container.dataset.tileUrl, {
    attribution: container.dataset.attribution, maxZoom: 18,
  }).addTo(map);
  const markers = points.map(([ags, name, lat, lon, highlighted, url]) => {
    const marker = L.circleMarker([lat, lon], {
      radius: highlighted ? 7 : 3, weight: 1,
      className: highlighted ? "tile-map__point is-highlighted" : "tile-map__point",
    });
    const link = document.createElement("a");
    link.href = url || `/kommunen/${ags}/`;  // a page may give its own link
    link.textContent = name;
    return marker.bindPopup(link).addTo(map);
  });
  map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [12, 12] });
});

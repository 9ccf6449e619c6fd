// Optional tile map (only when the operator sets MAP_TILE_URL): replaces the SVG map with a
// Leaflet map of the same points. Without JavaScript, or without tiles, the SVG map stays.
// The marked points are links with the place's name (keyboard and screen reader); the others
// are plain dots. A map that comes again with an HTMX answer (directory filters) is drawn again.
function engagiertTileMap() {
  const container = document.querySelector(".tile-map");
  const data = document.getElementById("map-points");
  if (!container || !data || container.dataset.drawn || typeof L === "undefined") return;
  container.dataset.drawn = "1";
  const points = JSON.parse(data.textContent);
  container.hidden = false;
  document.querySelector(".state-map-figure").hidden = true;
  const map = L.map(container);
  L.tileLayer(container.dataset.tileUrl, {
    attribution: container.dataset.attribution, maxZoom: 18,
  }).addTo(map);
  const markers = points.map(([ags, name, lat, lon, highlighted, url]) => {
    if (!highlighted) {
      return L.circleMarker([lat, lon], {
        radius: 3, weight: 1, interactive: false, className: "tile-map__point",
      }).addTo(map);
    }
    const link = document.createElement("a");
    link.href = url || `/kommunen/${ags}/`;  // a page may give its own link
    link.className = "tile-map__marker";
    link.setAttribute("aria-label", name);
    link.title = name;
    return L.marker([lat, lon], {
      keyboard: false,  // the link inside is the one focusable element
      icon: L.divIcon({ html: link, className: "tile-map__point is-highlighted", iconSize: [14, 14] }),
    }).addTo(map);
  });
  map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [12, 12] });
}
document.addEventListener("DOMContentLoaded", engagiertTileMap);
document.addEventListener("htmx:load", engagiertTileMap);

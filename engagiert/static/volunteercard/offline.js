// Keeps the page it is included in (the digital card, the verification page) and the files it
// uses on this device: a service worker answers from this cache when there is no connection.
(function () {
  "use strict";
  const root = document.querySelector("[data-service-worker]");
  if (!root || !("serviceWorker" in navigator) || !("caches" in window)) return;
  const files = [location.pathname];
  document.querySelectorAll("link[rel=stylesheet], script[src]").forEach(function (element) {
    files.push(element.getAttribute("href") || element.getAttribute("src"));
  });
  if (root.dataset.ed25519) files.push(root.dataset.ed25519);
  navigator.serviceWorker
    .register(root.dataset.serviceWorker, { scope: root.dataset.scope })
    .then(function () { return navigator.serviceWorker.ready; })
    .then(function () { return caches.open("ehrenamtskarte"); })
    .then(function (cache) { return cache.addAll(files); })
    .then(function () {
      const note = document.getElementById("offline-note");
      if (note) note.hidden = false;
      root.dataset.offlineReady = "true";
    })
    .catch(function () { /* without the cache the page still works online */ });
})();

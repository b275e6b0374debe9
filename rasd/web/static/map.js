// Maps: the big clustered map (/map) and an incident's point. Text goes in with textContent only.
(function () {
  "use strict";
  var PRECISION = {1: "named town", 2: "near a town / part of a region", 3: "region or larger"};
  var STYLE = {
    1: {radius: 7, weight: 2, dashArray: null, fillOpacity: 0.8, opacity: 1},
    2: {radius: 9, weight: 2, dashArray: "4 3", fillOpacity: 0.5, opacity: 1},
    3: {radius: 14, weight: 1, dashArray: "2 4", fillOpacity: 0.2, opacity: 0.6}
  };
  function plainBackground(map) {
    // Offline: a plain background with a one-degree graticule for orientation.
    if (map.getContainer().classList.contains("plain-background")) { return; }
    map.getContainer().classList.add("plain-background");
    for (var lat = 29; lat <= 40; lat++) {
      L.polyline([[lat, 32], [lat, 46]], {color: "#c9ced6", weight: 1, interactive: false}).addTo(map);
    }
    for (var lon = 32; lon <= 46; lon++) {
      L.polyline([[29, lon], [40, lon]], {color: "#c9ced6", weight: 1, interactive: false}).addTo(map);
    }
  }
  function baseLayer(map, tileUrl) {
    if (!tileUrl) { plainBackground(map); return; }
    var tiles = L.tileLayer(tileUrl, {maxZoom: 18, attribution: "map tiles: see RASD_TILE_URL"});
    // A tile server out of reach (no internet): fall back to the plain background.
    tiles.on("tileerror", function () { plainBackground(map); });
    tiles.addTo(map);
  }
  function marker(p) {
    var style = STYLE[p.precision] || STYLE[3];
    var colour = p.kind === "incident" ? "#b3261e" : "#1f5fa8";
    var precision = STYLE[p.precision] ? p.precision : "unknown";
    return L.circleMarker([p.lat, p.lon], {
      radius: style.radius, weight: style.weight, dashArray: style.dashArray, color: colour,
      fillColor: colour, fillOpacity: style.fillOpacity, opacity: style.opacity,
      className: "rasd-marker kind-" + p.kind + " precision-" + precision
    });
  }
  function popup(p) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = p.href;
    link.textContent = (p.type || p.kind) + (p.place ? " · " + p.place : "");
    link.dir = "auto";
    box.appendChild(link);
    var lines = [
      p.date ? "date: " + p.date : "date unknown",
      "geo precision: " + (PRECISION[p.precision] || "unknown"),
      p.kind === "incident" ? "independent sources: " + p.sources : "single report (no incident)",
      p.killed !== null && p.killed !== undefined ? "killed (best): " + p.killed : ""
    ];
    lines.forEach(function (text) {
      if (!text) { return; }
      var line = document.createElement("div");
      line.textContent = text;
      box.appendChild(line);
    });
    return box;
  }
  function bigMap(el) {
    var map = L.map(el, {maxZoom: 18, minZoom: 4}).setView([35.0, 38.5], 7);
    baseLayer(map, el.getAttribute("data-tile-url"));
    var cluster = L.markerClusterGroup({maxClusterRadius: 40});
    var status = document.getElementById("map-status");
    fetch(el.getAttribute("data-points"), {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        data.points.forEach(function (p) {
          var m = marker(p);
          m.bindPopup(function () { return popup(p); });
          m.options.rasdId = p.id;
          cluster.addLayer(m);
        });
        map.addLayer(cluster);
        el.setAttribute("data-loaded", String(data.points.length));
        if (status) { status.textContent = data.points.length + " points"; }
      });
  }
  function smallMap(el) {
    var lat = parseFloat(el.getAttribute("data-lat"));
    var lon = parseFloat(el.getAttribute("data-lon"));
    var precision = parseInt(el.getAttribute("data-precision"), 10) || 3;
    var zoom = precision === 1 ? 10 : 8;
    var map = L.map(el, {maxZoom: 18}).setView([lat, lon], zoom);
    // The page's grid may size the box after this runs: centre again once laid out.
    window.addEventListener("load", function () { map.invalidateSize(); map.setView([lat, lon], zoom); });
    baseLayer(map, el.getAttribute("data-tile-url"));
    var m = marker({lat: lat, lon: lon, precision: precision, kind: "incident"}).addTo(map);
    var label = document.createElement("span");
    label.textContent = el.getAttribute("data-label") + " (" + (PRECISION[precision] || "precision unknown") + ")";
    m.bindTooltip(label, {permanent: true, direction: "right"});
    el.setAttribute("data-loaded", "1");
  }
  var big = document.getElementById("map");
  if (big) { bigMap(big); }
  var small = document.getElementById("incident-map");
  if (small) { smallMap(small); }
})();

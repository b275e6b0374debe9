#!/usr/bin/env bash
# Re-fetch the web app's third-party static files from their npm packages, at pinned versions.
# No CDN: documenters often work offline, so the files are vendored in rasd/web/static/vendor/.
# Usage: rasd/web/vendor.sh   (needs npm and access to the npm registry)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$here/static/vendor"
HTMX=2.0.4
LEAFLET=1.9.4
CLUSTER=1.5.3

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for pkg in "htmx.org@$HTMX" "leaflet@$LEAFLET" "leaflet.markercluster@$CLUSTER"; do
  npm pack --silent "$pkg" >/dev/null
done
for tgz in *.tgz; do
  mkdir -p "${tgz%.tgz}" && tar -xzf "$tgz" -C "${tgz%.tgz}"
done

rm -rf "$dest" && mkdir -p "$dest/leaflet/images" "$dest/markercluster"
cp htmx.org-$HTMX/package/dist/htmx.min.js "$dest/htmx.min.js"
cp htmx.org-$HTMX/package/LICENSE "$dest/htmx.LICENSE"
cp leaflet-$LEAFLET/package/dist/leaflet.js leaflet-$LEAFLET/package/dist/leaflet.css "$dest/leaflet/"
cp leaflet-$LEAFLET/package/dist/images/*.png "$dest/leaflet/images/"
cp leaflet-$LEAFLET/package/LICENSE "$dest/leaflet/LICENSE"
cp leaflet.markercluster-$CLUSTER/package/dist/leaflet.markercluster.js \
   leaflet.markercluster-$CLUSTER/package/dist/MarkerCluster.css \
   leaflet.markercluster-$CLUSTER/package/dist/MarkerCluster.Default.css "$dest/markercluster/"
cp leaflet.markercluster-$CLUSTER/package/MIT-LICENCE.txt "$dest/markercluster/LICENSE"

{
  echo "# Vendored by rasd/web/vendor.sh with \`npm pack\` (no CDN). Charts are hand-written SVG."
  echo "htmx.org $HTMX (0BSD) -> htmx.min.js"
  echo "leaflet $LEAFLET (BSD-2-Clause) -> leaflet/"
  echo "leaflet.markercluster $CLUSTER (MIT) -> markercluster/"
  echo
  echo "# sha256"
  (cd "$dest" && find . -type f ! -name VERSIONS.txt | sort | xargs sha256sum)
} > "$dest/VERSIONS.txt"
echo "vendored into $dest"

#!/usr/bin/env bash
# Builds the real workloads the runtime tests run under runc, from Debian packages, once, into a cache directory:
#   rootfs/   debootstrap --variant=minbase bookworm + nginx-light, python3 (no apt lists, .debs, docs or man pages)
#   oci/      OCI layout: tag `nginx`   (base layer + a layer with /var/www/html/index.html and the site config;
#                                        entrypoint nginx -g 'daemon off;', port 80)
#                         tag `service` (base layer + a layer with /srv/service.py: python3 http.server on port 8080,
#                                        run as www-data)
# Usage: build-runtime-image.sh [CACHE_DIR]; prints the directory. Safe to run concurrently (flock) and idempotent.
set -euo pipefail

version=1 # bump when what this script builds changes
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-${SEAWALL_TEST_IMAGES:-${XDG_CACHE_HOME:-$HOME/.cache}/seawall/test-images}}
out="$cache/runtime-v$version"
mkdir -p "$cache"
exec 9>"$cache/.runtime.lock"
flock 9
if [ -f "$out/.done" ]; then echo "$out"; exit 0; fi

bash "$here/setup-system.sh" >&2
rm -rf "$out.tmp"
mkdir -p "$out.tmp"
cd "$out.tmp"

mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
packages=nginx-light,python3
echo "build-runtime-image: debootstrap minbase + $packages (a few minutes)" >&2
debootstrap --variant=minbase --include="$packages" bookworm rootfs "$mirror" >debootstrap.log 2>&1 ||
  { tail -20 debootstrap.log >&2; exit 1; }
# Small on purpose: the tests unpack it; downloaded packages, lists, docs and man pages are not what it runs.
rm -rf rootfs/var/cache/apt/archives/*.deb rootfs/var/cache/apt/*.bin rootfs/var/lib/apt/lists/* \
  rootfs/usr/share/man/* rootfs/usr/share/info/* rootfs/usr/share/locale/* debootstrap.log
find rootfs/usr/share/doc -mindepth 1 -not -name copyright -not -type d -delete
find rootfs/usr/share/doc -mindepth 1 -type d -empty -delete

umoci init --layout oci >/dev/null
umoci new --image oci:base >/dev/null
umoci unpack --image oci:base bundle >/dev/null
tar -C rootfs --numeric-owner -cf - . | tar -C bundle/rootfs --numeric-owner -xf -
umoci repack --image oci:base --history.created_by "debootstrap --variant=minbase --include=$packages bookworm" bundle >/dev/null
umoci config --image oci:base \
  --config.env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin >/dev/null
rm -rf bundle

# nginx: a page of our own, an IPv4-only site (a test namespace may lack IPv6), logs to the container's stdio.
umoci unpack --image oci:base bundle >/dev/null
r=bundle/rootfs
cat >"$r/var/www/html/index.html" <<'HTML'
<!doctype html>
<html><head><title>seawall runtime test</title></head><body><p>served by nginx under seawall</p></body></html>
HTML
cat >"$r/etc/nginx/sites-available/default" <<'CONF'
server {
  listen 80 default_server;
  root /var/www/html;
  index index.html;
  location / { try_files $uri $uri/ =404; }
}
CONF
ln -sf /dev/stdout "$r/var/log/nginx/access.log"
ln -sf /dev/stderr "$r/var/log/nginx/error.log"
cp "$r/var/www/html/index.html" rootfs/var/www/html/index.html
umoci repack --image oci:nginx --history.created_by "COPY index.html nginx site" bundle >/dev/null
rm -rf bundle
umoci config --image oci:nginx --config.entrypoint nginx --config.entrypoint -g \
  --config.entrypoint 'daemon off;' --config.exposedports 80/tcp --config.workingdir / \
  --config.stopsignal SIGQUIT --history.created_by "ENTRYPOINT nginx -g 'daemon off;'" >/dev/null

# service: a small script-based HTTP service, unprivileged, on an unprivileged port.
umoci unpack --image oci:base bundle >/dev/null
r=bundle/rootfs
mkdir -p "$r/srv"
cat >"$r/srv/service.py" <<'PY'
#!/usr/bin/env python3
"""A small HTTP service for Seawall's runtime tests: GET / answers JSON, GET /files lists /srv."""
import json
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/files":
            body = {"files": sorted(os.listdir("/srv"))}
        else:
            body = {"service": "seawall-test", "path": self.path, "uid": os.getuid()}
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8080"))
    ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
PY
chmod 0755 "$r/srv/service.py"
mkdir -p rootfs/srv && cp "$r/srv/service.py" rootfs/srv/service.py
umoci repack --image oci:service --history.created_by "COPY service.py /srv/" bundle >/dev/null
rm -rf bundle
umoci config --image oci:service --config.entrypoint python3 --config.entrypoint /srv/service.py \
  --config.exposedports 8080/tcp --config.user www-data --config.workingdir /srv \
  --config.env PORT=8080 --history.created_by 'ENTRYPOINT ["python3", "/srv/service.py"]' >/dev/null
umoci gc --layout oci

touch .done
cd ..
rm -rf "$out"
mv "$out.tmp" "$out"
echo "$out"

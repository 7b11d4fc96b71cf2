#!/usr/bin/env bash
# System packages used by the optional parts of the test suite (installed only where missing):
#   chromium + fonts-noto-cjk  -> the explorer test in a real headless browser (tests/viz)
#   virtuoso-opensource        -> the SPARQL-endpoint store test against a real server (tests/rdf)
# Needs root and Debian's apt; anywhere else it says so and exits 0: those tests then skip
# with the reason.
set -uo pipefail
want=()
command -v chromium >/dev/null || want+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || want+=(fonts-noto-cjk)
command -v virtuoso-t >/dev/null || want+=(virtuoso-opensource)
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "system-deps: cannot install ${want[*]} (needs root and apt-get); the tests that need them will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
echo "system-deps: installing ${want[*]}" >&2
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null 2>&1 \
  || echo "system-deps: apt-get install ${want[*]} failed; the tests that need them will skip" >&2
exit 0

#!/bin/sh
# Installs the fonts and tools banmian needs, with apt-get where there is one.
# Elsewhere it says what to install and how to point fonts/fonts.toml at it.
set -eu
PACKAGES="fonts-noto-cjk fonts-noto-cjk-extra fonts-arphic-ukai fonts-lxgw-wenkai fonts-hanazono ghostscript poppler-utils qpdf"
# Debian's Chromium: the headless browser of the live proof's end-to-end test, driven by Playwright
# (never downloaded). Where apt has no such package (Ubuntu ships it as a snap) that test is skipped.
BROWSER="chromium"

missing=""
for p in $PACKAGES $BROWSER; do
  if command -v dpkg-query >/dev/null 2>&1; then
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  if ! command -v gs >/dev/null 2>&1 || ! command -v pdfimages >/dev/null 2>&1; then
    echo "banmian: no apt-get here. Install Noto Serif/Sans CJK, a Kai font (LXGW WenKai or AR PL UKai)," >&2
    echo "  HanaMin (Hanazono), Ghostscript, poppler and qpdf with your package manager (macOS: brew install" >&2
    echo "  --cask font-noto-serif-cjk-sc font-noto-sans-cjk-sc font-hanamina font-lxgw-wenkai; brew install ghostscript" >&2
    echo "  poppler qpdf), then list their folders under [search] paths in fonts/fonts.toml." >&2
  fi
  exit 0
fi

[ -z "$missing" ] && exit 0
echo "banmian: installing system packages:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -q >/dev/null
required=$(echo "$missing" | tr ' ' '\n' | grep -vx "$BROWSER" | tr '\n' ' ' || true)
if [ -n "$(echo "$required" | tr -d ' ')" ]; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $required >/dev/null
fi
case " $missing " in
  *" $BROWSER "*)
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $BROWSER >/dev/null ||
      echo "banmian: no $BROWSER package here; the live proof's browser test will be skipped" >&2 ;;
esac

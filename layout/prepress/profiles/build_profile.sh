#!/bin/sh
# Rebuild newsprint-tr002.icc from the CGATS TR 002 coldset-newsprint characterization data.
# Run once by a developer (about a minute); the .icc is committed and neither install nor CI
# rebuilds it. Needs Debian's `argyll` (colprof) and `icc-profiles-free` (TR002.ti3, sRGB.icc).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=/usr/share/color/icc/TR002.ti3
srgb=/usr/share/color/icc/sRGB.icc
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# colprof names its output after its input: copy the data under the profile's name.
cp "$data" "$work/newsprint-tr002.ti3"
cd "$work"

# -q m            medium-quality tables: small file, peak error ~1 dE against the data
# -nc             leave the 48 KB measurement set out of the profile (the description names it)
# -k x            heaviest GCR (maximum black): grey and shadows on K, the newsprint practice
#                 that keeps the grey balance stable on a coldset press
# -l 220 -L 95    total ink 220 % and black 95 %: coldset newsprint cannot dry more ink
# -S sRGB         gamut-map the perceptual and saturation B2A tables from sRGB, the space
#                 of nearly every photo we receive
# -c mt -d pp     viewing conditions: a typical monitor in, a practical reflection print out
# -Z p            perceptual is the profile's default intent
colprof -q m -nc -k x -l 220 -L 95 -S "$srgb" -c mt -d pp -Z p \
    -A "banmian" \
    -D "Newsprint coldset CGATS TR 002, TAC 220%, heavy GCR (banmian)" \
    -C "Derived from ANSI CGATS/SNAP TR 002-2007 characterization data (NPES); no further permission needed" \
    newsprint-tr002

cp newsprint-tr002.icc "$here/newsprint-tr002.icc"
echo "wrote $here/newsprint-tr002.icc"

#!/usr/bin/env bash
# Draws Selo's app icon (build/appicon.png, 1024x1024) with ImageMagick: a deep
# green rounded square carrying a white seal ring with a bold "S". The PNG is
# committed; run this only to change the mark. The committed
# build/windows/icon.ico is the one `wails build` derived from it; like Wails,
# this script writes the .ico only when it is missing (delete it to derive it
# again, at the sizes Wails uses). Needs Debian's imagemagick and
# fonts-dejavu-core.
set -euo pipefail
cd "$(dirname "$0")/../.."

font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
[ -f "$font" ] || { echo "make-icon: $font missing (apt-get install fonts-dejavu-core)" >&2; exit 1; }
green='#1d6f5f'
out=build/appicon.png

convert -size 1024x1024 xc:none \
  -fill "$green" -draw 'roundrectangle 48,48 975,975 200,200' \
  -fill none -stroke white -strokewidth 30 -draw 'circle 512,512 512,170' \
  -strokewidth 10 -draw 'circle 512,512 512,215' \
  -stroke none -fill white -font "$font" -pointsize 440 -gravity center -annotate +0+10 'S' \
  -depth 8 -define png:exclude-chunks=date,time -strip "$out"
identify "$out"
ico=build/windows/icon.ico
if [ ! -f "$ico" ]; then
  mkdir -p build/windows
  convert "$out" -define icon:auto-resize=256,128,64,48,32,16 "$ico"
  identify "$ico"
fi

#!/usr/bin/env bash
# Makes mocks/fixtures/sample.mp4: the small, playable video the simulator serves as a finished job's
# result. 1.5 s of ffmpeg's testsrc2 pattern (colour bars, a moving gradient and boxes, a running
# timestamp and frame counter) at 160x90, 24 fps, H.264 Constrained Baseline (avc1), yuv420p, no audio,
# "fast start" (moov before mdat, so browsers and Range clients can play it progressively); ~16 KB.
#
# Needs Debian's ffmpeg (apt-get install -y ffmpeg), built with libx264. Not part of the build: it
# documents how the committed fixture was made. Re-running may give a byte-different file (x264 and
# ffmpeg versions), which is fine; test/support/mp4.test.ts checks the properties, not the bytes.
set -euo pipefail

cd "$(dirname "$0")/.."
out=mocks/fixtures/sample.mp4

# -map_metadata -1 and the bitexact flags keep encoder/version strings and timestamps out of the
# container, so the file is as small and as stable as ffmpeg allows.
ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "testsrc2=size=160x90:rate=24:duration=1.5" \
  -an \
  -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p \
  -preset veryslow -crf 28 -g 24 \
  -movflags +faststart \
  -map_metadata -1 -fflags +bitexact -flags:v +bitexact \
  "$out"

ffprobe -v error -show_entries format=duration,size:stream=codec_name,codec_tag_string,profile,width,height,pix_fmt,r_frame_rate \
  -of default=nw=1 "$out"

#!/usr/bin/env bash
# Regenerates the Turkish IVR prompts listed in dialplans/sounds/tr/manifest.json as
# dialplans/sounds/tr/alo153/<name>.wav: 8 kHz, mono, 16-bit signed PCM WAV, which
# Asterisk plays without transcoding on ulaw/alaw calls.
#
# Usage: scripts/make-prompts.sh [name ...]     (no names: every prompt)
#
# Source of each prompt, first match wins:
#   1. dialplans/sounds/tr/studio/<name>.<ext>  a studio recording (any format sox reads);
#      it gets the same resample/level/trim chain, so a site can drop in a recording
#      and rerun this script without the TTS voice ever overwriting it.
#   2. manifest "silenceSeconds"                 digital silence of that length.
#   3. manifest "say" (else "text")              espeak-ng, Turkish voice, at the entry's
#      "rate" (words a minute) if it has one, else ALO153_TTS_RATE (140). The read-back's
#      numerals and prefix have "rate" 180: they sit between the caller's choice and the
#      queue, where every tenth of a second counts (issue 10: <= 5 s for any ticket number).
# The output is deterministic (no dither, fixed voice settings), so rerunning the
# script on an unchanged manifest rewrites byte-identical files.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SOUNDS_DIR="$ROOT/dialplans/sounds/tr"
MANIFEST="$SOUNDS_DIR/manifest.json"
STUDIO_DIR="$SOUNDS_DIR/studio"
OUT_DIR="$SOUNDS_DIR/alo153"
VOICE="${ALO153_TTS_VOICE:-tr}"
RATE_WPM="${ALO153_TTS_RATE:-140}"   # espeak-ng default is 175; slower is easier on a phone line (sentences)
PEAK_DBFS="${ALO153_PROMPT_PEAK_DBFS:--3}"

die() { echo "make-prompts: $*" >&2; exit 1; }

for tool in espeak-ng sox node; do
  command -v "$tool" >/dev/null 2>&1 \
    || die "'$tool' not found. Install it (Debian/Ubuntu: apt-get install -y espeak-ng sox; node >= 20)."
done
espeak-ng --voices="$VOICE" | awk 'NR > 1' | grep -q . \
  || die "espeak-ng has no '$VOICE' voice (espeak-ng --voices=$VOICE is empty)."
[[ -f "$MANIFEST" ]] || die "manifest not found: $MANIFEST"

# One line per prompt: name<TAB>kind<TAB>rate<TAB>value (rate "-": the default). Names are
# checked here so that a manifest typo can never write outside OUT_DIR.
read_manifest() {
  node -e '
    const fs = require("node:fs");
    const manifest = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    for (const [name, entry] of Object.entries(manifest)) {
      if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`bad prompt name: ${name}`);
      const rate = entry.rate ?? "-";
      if (rate !== "-" && !(Number.isInteger(rate) && rate >= 80 && rate <= 450)) {
        throw new Error(`prompt ${name}: "rate" is espeak-ng words a minute, an integer 80..450`);
      }
      if (typeof entry.silenceSeconds === "number" && entry.silenceSeconds > 0) {
        console.log(`${name}\tsilence\t-\t${entry.silenceSeconds}`);
        continue;
      }
      const spoken = entry.say ?? entry.text;
      if (typeof spoken !== "string" || spoken.trim() === "" || /[\t\n\r]/.test(spoken)) {
        throw new Error(`prompt ${name} needs a one-line "text" (or "say") or a positive "silenceSeconds"`);
      }
      console.log(`${name}\tspeech\t${rate}\t${spoken}`);
    }
  ' "$MANIFEST"
}

OUTPUT_FORMAT=(-t wav -r 8000 -c 1 -b 16 -e signed-integer)
# Leave headroom first (espeak-ng peaks at full scale, so the filters would clip),
# trim leading and trailing quiet (below 0.3 % for 20 ms), resample with sox's
# anti-aliasing filter, then set the peak so every prompt plays at the same level.
# 0.3 % is as tight as the trim goes: espeak-ng's s, ş, z and f are only ~1 % of full
# scale, so a higher threshold clips them ("sekiz" heard as "ekiz", "dokuz" as "doku").
LEVEL_AND_TRIM=(gain -6 silence 1 0.02 0.3% reverse silence 1 0.02 0.3% reverse
                highpass 60 rate -v 8000 gain -n "$PEAK_DBFS")

studio_recording_for() {
  local name="$1" candidate
  for candidate in "$STUDIO_DIR/$name".*; do
    [[ -f "$candidate" ]] && { echo "$candidate"; return 0; }
  done
  return 1
}

render() {
  local name="$1" kind="$2" rate="$3" value="$4" target tmp studio
  target="$OUT_DIR/$name.wav"
  # Written beside the target and renamed, so Asterisk never plays a half-written file.
  tmp="$(mktemp "$OUT_DIR/.$name.XXXXXX.wav")"
  pending_tmp="$tmp"
  if studio="$(studio_recording_for "$name")"; then
    sox -D "$studio" "${OUTPUT_FORMAT[@]}" "$tmp" remix - "${LEVEL_AND_TRIM[@]}"
    echo "studio  $name <- ${studio#"$ROOT"/}"
  elif [[ "$kind" == silence ]]; then
    sox -D -n "${OUTPUT_FORMAT[@]}" "$tmp" trim 0 "$value"
    echo "silence $name ($value s)"
  else
    [[ "$rate" == - ]] && rate="$RATE_WPM"
    espeak-ng -v "$VOICE" -s "$rate" --stdout "$value" \
      | sox -D -t wav - "${OUTPUT_FORMAT[@]}" "$tmp" "${LEVEL_AND_TRIM[@]}"
    echo "tts     $name ($rate wpm)"
  fi
  chmod 0644 "$tmp"   # mktemp makes it 0600; Asterisk runs as its own user
  mv -f "$tmp" "$target"
  pending_tmp=""
}

pending_tmp=""
trap '[[ -z "$pending_tmp" ]] || rm -f "$pending_tmp"' EXIT
mkdir -p "$OUT_DIR"
manifest_lines="$(read_manifest)" || die "cannot read $MANIFEST"
declare -A wanted=()
for name in "$@"; do wanted["$name"]=1; done

rendered=0
while IFS=$'\t' read -r name kind rate value; do
  if (( $# > 0 )) && [[ -z "${wanted[$name]:-}" ]]; then continue; fi
  render "$name" "$kind" "$rate" "$value"
  unset 'wanted[$name]'
  rendered=$((rendered + 1))
done <<< "$manifest_lines"

(( ${#wanted[@]} == 0 )) || die "not in the manifest: ${!wanted[*]}"
echo "make-prompts: wrote $rendered prompt(s) to ${OUT_DIR#"$ROOT"/}"

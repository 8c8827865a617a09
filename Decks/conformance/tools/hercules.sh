#!/bin/bash
# hercules.sh DECK [EC]: runs a conformance deck on Hercules 3.13 as a second
# opinion. Assembles Decks/conformance/DECK.asm with s370 asm (SYSPARM EC
# when asked), loads the core image at 0, starts at X'1000', and prints the
# lines the deck wrote on the 1403 at 00E (also left in $OUT/prt.txt) and
# the final PSW. Run from the package root after a build.
set -e
deck=$1; sysparm=${2:-}
s370=${S370:-.build/debug/s370}
dir=$(pwd)/Decks/conformance
OUT=${OUT:-/tmp/herc-$deck}
mkdir -p "$OUT"; rm -f "$OUT/prt.txt" "$OUT/pch.txt" "$OUT/log"
$s370 asm "$dir/$deck.asm" ${sysparm:+--sysparm $sysparm} --maclib "$dir/maclib" --core "$OUT/deck.bin" 2>/dev/null
{
  echo "ARCHMODE S/370"; echo "MAINSIZE 2"; echo "NUMCPU 1"; echo "CNSLPORT 0"
  echo "CPUMODEL 0158"
  echo "0009 3215-C / noprompt"
  echo "000E 1403 $OUT/prt.txt"
  if grep -q '^\* DEVICES:.*2540R' "$dir/$deck.asm"; then
    cards=$(grep '^\* DEVICES:' "$dir/$deck.asm" | sed 's/.*2540R \([^,]*\).*/\1/')
    echo "000C 3505 $dir/$cards ascii eof"
    echo "000D 3525 $OUT/pch.txt ascii"
  fi
  if grep -q '^\* DEVICES:.*3330' "$dir/$deck.asm"; then
    serial=$(grep '^\* DEVICES:' "$dir/$deck.asm" | sed 's/.*3330 \([A-Z0-9]*\).*/\1/')
    rm -f "$OUT/vol.cckd"; dasdinit -z "$OUT/vol.cckd" 3330 "$serial" >/dev/null 2>&1
    echo "0190 3330 $OUT/vol.cckd"
  fi
} > "$OUT/h.cnf"
printf 'psw\nquit\n' > "$OUT/post.rc"
cat > "$OUT/h.rc" <<RC
loadcore $OUT/deck.bin 0
psw sm=00 pk=0 cmwp=0 cc=0 pm=0 ia=1000
hao tgt HHCCP011I
hao cmd script $OUT/post.rc
start
pause 30
RC
(cd "$OUT" && HERCULES_RC=h.rc timeout 120 hercules -f h.cnf </dev/null >log 2>&1) || true
grep -E ' FAIL$' "$OUT/prt.txt" || true
tail -1 "$OUT/prt.txt"
grep -o 'PSW=[0-9A-F ]*\|psw [0-9A-F]* [0-9A-F]*' "$OUT/log" | tail -1

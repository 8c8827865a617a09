#!/bin/bash
# hercules-bench.sh IMAGE [HEXORIGIN]: runs a bench core image on Hercules 3.13
# headless (PERFORMANCE.md) and prints the seconds from the start of the run
# to the disabled wait, with the instruction count Hercules reports.
# Make the image with: s370 asm Decks/bench/NAME.asm --core NAME.bin
set -e
image=$(readlink -f "$1"); origin=${2:-1000}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
printf 'ARCHMODE S/370\nMAINSIZE 16\nNUMCPU 1\nCNSLPORT 0\n000F 3215-C / noprompt\n' > h.cnf
printf 'sh date +%%s.%%N > %s/t1\nipending\nquit\n' "$work" > post.rc
cat > h.rc <<RC
loadcore $image $origin
psw sm=00 pk=0 cmwp=0 cc=0 pm=0 ia=$origin
hao tgt HHCCP011I
hao cmd script $work/post.rc
sh date +%s.%N > $work/t0
start
pause 120
RC
HERCULES_RC=h.rc hercules -f h.cnf </dev/null >log 2>&1 || true
t0=$(cat t0); t1=$(cat t1)
count=$(grep -o 'instcount [0-9]*' log | tail -1 | cut -d' ' -f2)
grep -q 'HHCCP011I' log || { echo "no disabled wait in 120 s"; exit 1; }
echo "$count $t0 $t1" | awk '{ s = $3 - $2; printf "%d instructions %.3f s %.1f MIPS (Hercules)\n", $1, s, $1 / s / 1e6 }'
grep -o 'psw [0-9A-F]* [0-9A-F]*' log | tail -1

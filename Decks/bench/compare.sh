#!/bin/bash
# compare.sh [ROUNDS]: each workload on s370 and on Hercules 3.13, one after
# the other, ROUNDS times (default 3); prints the best MIPS of each and the
# ratio. Run from the package root after `make release`.
set -e
rounds=${1:-3}
s370=${S370:-.build/release/s370}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
declare -A ours theirs
names="LOOP8 DECIMAL MOVES HFP BRANCH MIX MIXDAT"
for n in $names; do
  src=$(echo $n | tr A-Z a-z); sp=""
  if [ $n = MIXDAT ]; then src=mix; sp="--sysparm DAT"; fi
  $s370 asm Decks/bench/$src.asm $sp --core $tmp/$n.bin 2>/dev/null
done
for r in $(seq $rounds); do
  for n in $names; do
    m=$($s370 bench $n --json | sed 's/.*"mips":\([0-9.]*\).*/\1/')
    h=$(Decks/bench/hercules-bench.sh $tmp/$n.bin | head -1 | awk '{print $5}')
    echo "round $r $n s370 $m Hercules $h" >&2
    if [ -z "${ours[$n]}" ] || awk "BEGIN{exit !($m > ${ours[$n]})}"; then ours[$n]=$m; fi
    if [ -z "${theirs[$n]}" ] || awk "BEGIN{exit !($h > ${theirs[$n]})}"; then theirs[$n]=$h; fi
  done
done
printf '| workload | s370 MIPS | Hercules 3.13 MIPS | ratio |\n|---|---:|---:|---:|\n'
for n in $names; do
  awk -v n=$n -v a=${ours[$n]} -v b=${theirs[$n]} 'BEGIN{printf "| %s | %.0f | %.0f | %.2f |\n", n, a, b, a/b}'
done

#!/bin/bash
# run.sh DECK.bin : runs a conformance core image on Hercules, printer to prt.txt
set -e
cd /tmp/herc
rm -f prt.txt log
cat > h.cnf <<CNF
ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT 0
000F 3215-C / noprompt
000E 1403 /tmp/herc/prt.txt
CNF
cat > h.rc <<RC
loadcore $1 0
psw sm=00 pk=0 cmwp=0 cc=0 pm=0 ia=1000
hao tgt HHCCP011I
hao cmd script /tmp/herc/post.rc
start
pause ${2:-20}
RC
printf 'psw\nquit\n' > post.rc
HERCULES_RC=h.rc timeout 120 hercules -f h.cnf </dev/null >log 2>&1 || true

"""The DASD deck: channel programs on a 3330 disk (the 3330 component
description; PoO, "Input/Output Operations"): seek, search ID equal with
the TIC back to it, read data, read key and data, write count key and data,
incorrect length, no record found and its sense byte. The volume is a new
one the runner (or tools/hercules.sh) makes for the run, labelled CONF01."""
import deck
from deck import Deck

deck.GENERATOR[0] = "gen_iodasd.py"
D = Deck("iodasd", "channel programs on a 3330 disk")
D.out.insert(2, "* DEVICES: 190 3330 CONF01")
N = [0]
SEEK, ARG, DATA = "@W+X'280'", "@W+X'288'", "@W+X'100'"


def chain(ccws):
    """CCWs copied to X'F00' onwards; each is (command, address, flags, count)."""
    N[0] += 1
    D.i("B     ZZCH%dE" % N[0])
    first = True
    for cmd, addr, flags, count in ccws:
        D.label("ZZCH%d" % N[0] if first else "", "DC", "X'%02X',AL3(%s),X'%02X',X'00',AL2(%d)" % (cmd, addr, flags, count))
        first = False
    D.label("ZZCH%dE" % N[0], "MVC", "X'F00'(%d),ZZCH%d" % (8 * len(ccws), N[0]))


def locate(cyl, head, rec, then):
    """Seek, search ID equal (command chained), TIC back to the search, then `then`."""
    D.i("MVC   %s(6),=X'0000%04X%04X'" % (SEEK, cyl, head), "MVC   %s(5),=X'%04X%04X%02X'" % (ARG, cyl, head, rec))
    chain([(0x07, SEEK, 0x40, 6), (0x31, ARG, 0x40, 5), (0x08, "X'F08'", 0x00, 1)] + then)


def run():
    """SIO, TIO until the status comes, the CSW saved at @W+X'3F0', TIO until
    the disk is available; R3 keeps SIO's condition code."""
    N[0] += 1
    n = N[0]
    D.i("MVC   72(4),=A(X'F00')", "MVC   64(8),@ZERO", "SIO   X'190'", "BALR  3,0", "BC    4,ZZIO%dS" % n)
    D.label("ZZIO%dW" % n, "TIO", "X'190'")
    D.i("BC    2,ZZIO%dW" % n)
    D.label("ZZIO%dS" % n, "MVC", "@W+X'3F0'(8),64")
    D.label("ZZIO%dD" % n, "TIO", "X'190'")
    D.i("BC    6,ZZIO%dD" % n, "SPM   3")


def ebc(text):
    table = {" ": 0x40, ",": 0x6B, ".": 0x4B}
    out = []
    for ch in text:
        if ch in table:
            out.append(table[ch])
        elif ch.isdigit():
            out.append(0xF0 + int(ch))
        elif "A" <= ch <= "I":
            out.append(0xC1 + ord(ch) - ord("A"))
        elif "J" <= ch <= "R":
            out.append(0xD1 + ord(ch) - ord("J"))
        else:
            out.append(0xE2 + ord(ch) - ord("S"))
    return bytes(out).hex().upper()


D.case("3330 read VOL1 data")
D.i("MVI   %s,X'00'" % DATA, "MVC   %s+1(99),%s" % (DATA, DATA))
locate(0, 0, 3, [(0x06, DATA, 0x00, 80)])
run()
D.chkcc(0)
D.chks("@W+X'3F4'", "0C", "US")
D.chks("@W+X'3F5'", "00", "CS")
D.chks("@W+X'3F6'", "0000", "COUNT")
D.chks(DATA, ebc("VOL1CONF01"), "DATA")
D.chks("@W+X'3F1'", "000F20", "CCWADDR")

D.case("3330 read key and data")
D.i("MVI   %s,X'00'" % DATA, "MVC   %s+1(99),%s" % (DATA, DATA))
locate(0, 0, 3, [(0x0E, DATA, 0x00, 84)])
run()
D.chkcc(0)
D.chks("@W+X'3F4'", "0C", "US")
D.chks("@W+X'3F6'", "0000", "COUNT")
D.chks(DATA, ebc("VOL1VOL1CONF01"), "DATA")

D.case("3330 read short count")
locate(0, 0, 3, [(0x06, DATA, 0x00, 40)])
run()
D.chks("@W+X'3F5'", "40", "CS")
D.chks("@W+X'3F6'", "0000", "COUNT")

D.case("3330 read short SLI")
locate(0, 0, 3, [(0x06, DATA, 0x20, 40)])
run()
D.chks("@W+X'3F4'", "0C", "US")
D.chks("@W+X'3F5'", "00", "CS")

D.case("3330 read long count")
locate(0, 0, 3, [(0x06, DATA, 0x00, 100)])
run()
D.chks("@W+X'3F5'", "40", "CS")
D.chks("@W+X'3F6'", "0014", "COUNT")

D.comment("Write a record on cylinder 1, track 0 after R0, then read it back.")
D.case("3330 write CKD")
D.i("MVC   @W+X'200'(8),=X'0001000001000050'", "MVC   @W+X'208'(80),=CL80'DASD RECORD ONE'")
locate(1, 0, 0, [(0x1D, "@W+X'200'", 0x00, 88)])
run()
D.chkcc(0)
D.chks("@W+X'3F4'", "0C", "US")
D.chks("@W+X'3F5'", "00", "CS")
D.chks("@W+X'3F6'", "0000", "COUNT")

D.case("3330 read back")
D.i("MVI   %s,X'00'" % DATA, "MVC   %s+1(99),%s" % (DATA, DATA))
locate(1, 0, 1, [(0x06, DATA, 0x00, 80)])
run()
D.chks("@W+X'3F4'", "0C", "US")
D.chks(DATA, ebc("DASD RECORD ONE"), "DATA")
D.chks(DATA + "+79", "40", "COL80")

D.comment("A record that is not there: unit check, no record found (sense")
D.comment("byte 1, X'08'), sensed at once.")
D.case("3330 no record found")
locate(1, 0, 5, [(0x06, DATA, 0x00, 80)])
run()
D.i("MVC   @W+X'3E0'(8),@W+X'3F0'", "MVI   @W+X'380',X'FF'")
chain([(0x04, "@W+X'380'", 0x20, 24)])
run()
D.i("NI    @W+X'3E4',X'02'")
D.chks("@W+X'3E4'", "02", "UC")
D.i("NI    @W+X'381',X'08'")
D.chks("@W+X'381'", "08", "SENSE1")

D.case("3330 sense after success")
locate(0, 0, 3, [(0x06, DATA, 0x00, 80)])
run()
D.i("MVI   @W+X'380',X'FF'")
chain([(0x04, "@W+X'380'", 0x20, 24)])
run()
D.chks("@W+X'380'", "0000", "SENSE")
print(D.write("../iodasd.asm"), "checks")

"""The device deck: channel programs on a console, a printer, a card reader
and punch (PoO, "Input/Output Operations"; the 2821 and 3215 component
descriptions): SIO, SIOF, TIO, TCH, STIDC, the CSW after each operation
(unit status, channel status, residual count), command reject and its sense
byte, channel program checks, and the data read from cards. It needs the
devices its DEVICES line names; the runner skips it on a machine without
them."""
import deck
from deck import Deck

deck.GENERATOR[0] = "gen_iodev.py"
D = Deck("iodev", "channel programs on the console, printer, reader and punch")
D.out.insert(2, "* DEVICES: 009 3215, 00C 2540R iodev.cards, 00D 2540P, 00E 1403")
N = [0]


def ccw(cmd, data, count, flags=0):
    """A CCW copied to the scratch area at X'F00' (doubleword aligned)."""
    N[0] += 1
    D.i("B     ZZCW%dE" % N[0])
    D.label("ZZCW%d" % N[0], "DC", "X'%02X',AL3(%s),X'%02X',X'00',AL2(%d)" % (cmd, data, flags, count))
    D.label("ZZCW%dE" % N[0], "MVC", "X'F00'(8),ZZCW%d" % N[0])


def run(unit, instr="SIO"):
    """Starts the CCW at X'F00' on `unit` and saves at @W+X'3F0' the CSW
    with its status: SIO may end with condition code 0 (TIO then waits for
    the status) or, for an immediate command, 1 with the status already
    stored (PoO: channel end in the initial status). The device is then
    waited for until TIO finds it available; R3 keeps SIO's condition code
    (BALR puts it in bits 2-3) for SPM to give back to a check."""
    N[0] += 1
    n = N[0]
    D.i("MVC   72(4),=A(X'F00')", "MVC   64(8),@ZERO", "%-5s X'%03X'" % (instr, unit), "BALR  3,0",
        "BC    4,ZZIO%dS" % n)
    D.label("ZZIO%dW" % n, "TIO", "X'%03X'" % unit)
    D.i("BC    2,ZZIO%dW" % n)
    D.label("ZZIO%dS" % n, "MVC", "@W+X'3F0'(8),64")
    D.label("ZZIO%dD" % n, "TIO", "X'%03X'" % unit)
    D.i("BC    6,ZZIO%dD" % n)


def io(name, unit, instr="SIO", status=None, chan=None, residual=None, immediate=False):
    D.case(name)
    run(unit, instr)
    if immediate:
        # Condition code 0 or 1; channel end in the status.
        D.i("N     3,=X'20000000'", "SPM   3")
        D.chkcc(0)
        D.i("NI    @W+X'3F4',X'08'")
        D.chks("@W+X'3F4'", "08", "CE")
    else:
        D.i("SPM   3")
        D.chkcc(0)
        if status is not None:
            D.chks("@W+X'3F4'", "%02X" % status, "US")
    if chan is not None:
        D.chks("@W+X'3F5'", "%02X" % chan, "CS")
    if residual is not None:
        D.chks("@W+X'3F6'", "%04X" % residual, "COUNT")


def startcheck(name):
    """A channel program the channel rejects when SIO starts it: condition
    code 1 and the CSW stored with program check (PoO, "Program Check")."""
    D.case(name)
    D.i("MVC   72(4),=A(X'F00')", "MVC   64(8),@ZERO", "SIO   X'00E'", "BALR  3,0",
        "MVC   @W+X'3F0'(8),64", "SPM   3")
    D.chkcc(1)
    D.chks("@W+X'3F5'", "20", "CS")


D.comment("The printer at 00E: a line, a skip, no operation, sense.")
D.i("MVC   @W(19),=C'CONFORMANCE IO TEST'")
ccw(0x09, "@W", 19)
io("SIO 1403 write", 0x00E, status=0x0C, chan=0x00, residual=0)
ccw(0x09, "@W", 10, 0x20)
io("SIOF 1403 write SLI", 0x00E, instr="SIOF", status=0x0C, chan=0x00, residual=0)
ccw(0x8B, "@W", 1, 0x20)
io("SIO 1403 skip channel 1", 0x00E, chan=0x00, immediate=True)
ccw(0x03, "@W", 1, 0x20)
io("SIO 1403 no operation", 0x00E, chan=0x00, immediate=True)
D.i("MVI   @W+X'20',X'FF'")
ccw(0x04, "@W+X'20'", 1)
io("SIO 1403 sense", 0x00E, status=0x0C, chan=0x00, residual=0)
D.chks("@W+X'20'", "00", "SENSE")

D.comment("Command reject: unit check, in SIO's status (CC 1) or in the ending")
D.comment("status; then SENSE at once, before a check prints (any other")
D.comment("command resets the sense byte): command reject, X'80'.")
ccw(0x37, "@W", 1, 0x20)
D.case("SIO 1403 command reject")
run(0x00E)
D.i("MVC   @W+X'3E0'(8),@W+X'3F0'", "MVI   @W+X'20',X'FF'")
ccw(0x04, "@W+X'20'", 1)
run(0x00E)
D.i("NI    @W+X'3E4',X'02'")
D.chks("@W+X'3E4'", "02", "UC")
D.chks("@W+X'20'", "80", "SENSE")

D.comment("Channel program checks (channel status X'20'), found by SIO.")
ccw(0x00, "@W", 1)
startcheck("SIO invalid command 00")
ccw(0x09, "@W", 0)
startcheck("SIO count zero")
D.case("SIO CAW key bits")
D.i("MVC   72(4),=X'01000F00'", "SIO   X'00E'")
D.chkcc(1)
D.case("SIO CAW CCW unaligned")
D.i("MVC   72(4),=X'00000F04'", "SIO   X'00E'")
D.chkcc(1)

D.comment("The console at 009.")
D.i("MVC   @W(12),=C'CONSOLE LINE'")
ccw(0x09, "@W", 12)
io("SIO 3215 write", 0x009, status=0x0C, chan=0x00, residual=0)
ccw(0x03, "@W", 1, 0x20)
io("SIO 3215 no operation", 0x009, chan=0x00, immediate=True)

D.comment("The reader at 00C holds two cards, then END OF FILE.")
D.i("MVI   @W+X'100',C' '", "MVC   @W+X'101'(79),@W+X'100'")
ccw(0x02, "@W+X'100'", 80)
io("SIO 2540R read 1", 0x00C, status=0x0C, chan=0x00, residual=0)
D.chks("@W+X'100'", "C3C1D9C440D6D5C5", "DATA")
ccw(0x02, "@W+X'100'", 80)
io("SIO 2540R read 2", 0x00C, status=0x0C, chan=0x00, residual=0)
D.chks("@W+X'100'", "C3C1D9C440E3E6D6", "DATA")
D.chks("@W+X'14F'", "40", "COL80")
ccw(0x02, "@W+X'100'", 40, 0x20)
io("SIO 2540R read past end", 0x00C, status=0x0D)

D.comment("The punch at 00D.")
D.i("MVC   @W+X'200'(80),=CL80'PUNCHED BY IODEV'")
ccw(0x01, "@W+X'200'", 80)
io("SIO 2540P punch", 0x00D, status=0x0C, chan=0x00, residual=0)

D.comment("TIO, TCH and STIDC on what is there.")
D.case("TIO 1403 available")
D.i("TIO   X'00E'")
D.chkcc(0)
D.case("TCH channel 0 available")
D.i("TCH   X'000'")
D.chkcc(0)
D.case("STIDC channel 0")
D.i("STIDC X'000'")
D.chkcc(0)
print(D.write("../iodev.asm"), "checks")

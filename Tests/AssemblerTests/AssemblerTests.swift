import Testing
import Assembler

// The sample programs of the default system, assembled from the sources the
// command carries (SampleSources.swift, generated from Decks/samples).

import Assembler
import CP
import Records

/// The samples the default system installs, the console greeter (hello) first.
func assembledSamples() throws -> [SampleProgram] {
    var out: [SampleProgram] = []
    for name in ["hello"] + sampleSources.keys.sorted().filter({ $0 != "hello" }) {
        guard let source = sampleSources[name] else { continue }
        var options = AssemblerOptions()
        options.sourceName = "\(name).asm"
        let result = Assembler.assemble(source, options: options)
        guard result.returnCode < 8 else {
            throw CPError("the sample \(name) does not assemble: \(result.diagnostics.map(\.description).joined(separator: "; "))")
        }
        let core = try result.coreImage()
        let ipl = try IPLDeck.cards(image: core.bytes, origin: core.origin, entry: core.entryPoint)
        out.append(SampleProgram(name: name, iplDeck: ipl, objectDeck: result.objectDeck.cards()))
    }
    return out
}

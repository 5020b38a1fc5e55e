using Xunit;
using Observatory.Collectors.Engines;
using Observatory.Core.Runs;
using Observatory.Tests.Collectors;

namespace Observatory.Tests.Isa;

/// <summary>
/// The portability matrix runs many cells per emulated V8 process (qemu-user takes seconds to start V8): for
/// real on the aarch64 Node build. Each invocation keeps its own stdout and verdict; one that kills the process
/// runs again alone and the ones after it go on in a fresh process.
/// </summary>
public class EmulatedBatchEngineTests
{
    private static EngineTestBed Bed => EngineTestBed.Shared;

    private static EngineInvocation Invocation(string artifact, string scratch)
    {
        var data = Path.Combine(scratch, "data");
        Directory.CreateDirectory(data);
        return new EngineInvocation
        {
            ArtifactPath = artifact, Args = Bed.ProbeArgs, Environment = Bed.ProbeEnv, StdinPath = Bed.StdinFile,
            Preopens = [new DirectoryMapping(data, ".")], ScratchDirectory = scratch, Iterations = 1,
            Timeout = TimeSpan.FromSeconds(20), ProgramName = "wasi_probe",
        };
    }

    [Fact]
    public void A_batch_keeps_each_cell_apart_and_a_process_killer_runs_alone()
    {
        var engine = Assert.IsAssignableFrom<IBatchEngine>(Bed.Engine("node-26.12.1-aarch64/default"));
        // A directory as the module: the driver's read of it throws outside any iteration and ends the process.
        var notAModule = Bed.Temp.Combine("batch", "not-a-module");
        Directory.CreateDirectory(notAModule);
        var results = engine.RunBatch(
        [
            Invocation(Bed.ProbeWasm, Bed.Temp.Combine("batch", "first")),
            Invocation(notAModule, Bed.Temp.Combine("batch", "killer")),
            Invocation(Bed.ProbeWasm, Bed.Temp.Combine("batch", "third")),
        ]);
        Assert.Equal(3, results.Count);
        foreach (var i in new[] { 0, 2 })
        {
            var it = Assert.Single(results[i].Iterations);
            Assert.True(it.Outcome == Outcome.Ok, $"{i}: {it.Outcome}: {it.Message}");
            Assert.Equal(Bed.ExpectedStdout, File.ReadAllText(it.StdoutPath!));
        }
        var killed = Assert.Single(results[1].Iterations);
        Assert.Equal(Outcome.Crash, killed.Outcome);
        Assert.Contains("EISDIR", killed.Message);
    }
}

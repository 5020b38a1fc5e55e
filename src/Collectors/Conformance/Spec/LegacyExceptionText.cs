using System.Text.RegularExpressions;
using Observatory.Collectors.Engines;
using Observatory.Collectors.Processes;

namespace Observatory.Collectors.Conformance.Spec;

/// <summary>
/// Module text in the legacy exception-handling syntax (<c>try</c> / <c>catch</c> /
/// <c>catch_all</c> / <c>delegate</c> / <c>rethrow</c>, the suite's <c>legacy/</c> folder).
/// Wasmtime's converter cannot read it: the wasm-tools text parser in libwasmtime 50 no longer
/// knows these instructions, so it stops with "unknown operator or unexpected token" (a parse
/// error, before any validation). wabt's <c>wat2wasm --enable-exceptions</c> still parses them
/// and encodes the legacy opcodes (try 0x06, catch 0x07, rethrow 0x09, delegate 0x18,
/// catch_all 0x19) that V8 and JavaScriptCore execute; <c>--no-check</c> keeps assert_invalid
/// modules for the engine to judge, as wast2json does. Used only for text Wasmtime refused
/// and that contains a legacy instruction, so every other module still comes from one converter.
/// </summary>
public static class LegacyExceptionText
{
    // try, delegate and rethrow exist only in the legacy proposal (try_table is one token, so \b would not
    // do); catch and catch_all do not count: try_table's clauses use the same words.
    private static readonly Regex LegacyInstruction = new(@"(?<![A-Za-z0-9_.$])(try|delegate|rethrow)(?![A-Za-z0-9_.$])", RegexOptions.Compiled);

    public static bool Uses(string text) => LegacyInstruction.IsMatch(StripStrings(text));

    /// <summary>The binary, or why not (wabt absent, or wabt's own parse error).</summary>
    public static (byte[]? Bytes, string? Error) Convert(string text)
    {
        var wat2wasm = PathLookup.Find("wat2wasm");
        if (wat2wasm is null)
            return (null, "legacy exception handling (try/catch/delegate/rethrow) is not parsed by Wasmtime's converter; install wabt (apt-get install wabt) so wat2wasm can convert it");
        var dir = Path.Combine(Path.GetTempPath(), "obs-legacy-eh-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        try
        {
            var input = Path.Combine(dir, "module.wat");
            var output = Path.Combine(dir, "module.wasm");
            File.WriteAllText(input, text);
            var r = ChildProcess.Run(new ChildProcessSpec
            {
                FileName = wat2wasm,
                Arguments = ["--enable-exceptions", "--enable-tail-call", "--no-check", input, "-o", output],
                Timeout = TimeSpan.FromSeconds(30),
            });
            if (r.ExitCode != 0 || !File.Exists(output))
                return (null, "wat2wasm --enable-exceptions: " + (r.Stderr.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.Ordinal)) ?? $"exit {r.ExitCode}").Replace(input, "module.wat", StringComparison.Ordinal).Trim());
            return (File.ReadAllBytes(output), null);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }

    private static string StripStrings(string text) => Regex.Replace(text, "\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
}

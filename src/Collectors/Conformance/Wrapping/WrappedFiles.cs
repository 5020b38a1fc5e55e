using Observatory.Collectors.Conformance.Spec;

namespace Observatory.Collectors.Conformance.Wrapping;

/// <summary>
/// Runs spec files on an engine through <see cref="ScriptWrapper"/>: each file that needs
/// wrappers on this engine is rewritten into the scratch directory, the engine runs the
/// rewritten copies, and each file's results are folded back to the original directives, so
/// what is stored is indistinguishable in shape from a direct run.
/// </summary>
public static class WrappedFiles
{
    /// <summary>
    /// The rewrite, or null (the file runs as written, its unwrappable assertions not-applicable as
    /// before) when the text defeats the rewrite's look-up of where each directive is.
    /// </summary>
    private static WrappedScript? RewriteOrNull(Wast.WastScript script, ValueCarriage carriage)
    {
        try
        {
            return ScriptWrapper.Rewrite(script, carriage);
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    public static void Run(ValueCarriage carriage, IReadOnlyList<SpecFile> files, SpecRunOptions options, Action<FileResult> onFile,
        Action<IReadOnlyList<SpecFile>, Action<FileResult>> run)
    {
        if (carriage == ValueCarriage.All) { run(files, onFile); return; }
        var dir = Path.Combine(options.ScratchDirectory, "wrapped-" + Guid.NewGuid().ToString("N")[..8]);
        var scripts = new Dictionary<string, (SpecFile Original, WrappedScript? Script)>(StringComparer.Ordinal);
        var rewritten = new List<SpecFile>(files.Count);
        try
        {
            foreach (var f in files)
            {
                var (parsed, _) = SpecFiles.Parse(f);
                var script = parsed is null ? null : RewriteOrNull(parsed, carriage);
                // Every file goes to the scratch copy, rewritten or not, so a sandboxed engine sees one folder.
                var path = Path.Combine(dir, f.RelativePath);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (script is null) File.Copy(f.Path, path);
                else File.WriteAllText(path, script.Text);
                scripts[f.RelativePath] = (f, script);
                rewritten.Add(f with { Path = path });
            }
            run(rewritten, r =>
            {
                var (original, script) = scripts[r.File.RelativePath];
                onFile(new FileResult(original, script is null ? r.Results : script.Fold(r.Results), r.FileError));
            });
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}

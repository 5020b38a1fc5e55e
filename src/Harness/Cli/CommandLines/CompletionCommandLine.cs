using System.CommandLine;

namespace Observatory.Harness.Cli.CommandLines;

/// <summary>
/// `observatory completion bash`: a script for ~/.bashrc that completes commands, options and values by
/// asking observatory itself (System.CommandLine's [suggest:POSITION] directive), so completion always
/// matches the installed commands.
/// </summary>
public sealed class CompletionCommandLine : ObservatoryCommand
{
    private readonly Argument<string> _shell = new("SHELL") { Description = "the shell to print a completion script for: bash" };

    public CompletionCommandLine() : base("completion", "print a shell completion script: eval \"$(observatory completion bash)\"")
    {
        _shell.AcceptOnlyFromAmong("bash");
        Arguments.Add(_shell);
    }

    public override string Notes => """
        Add `eval "$(./observatory completion bash)"` to ~/.bashrc (or source the output). The script asks
        `observatory [suggest:POSITION] "LINE"` for completions, so they follow the installed commands and
        options.
        """;

    public override int Execute(ParseResult parse, CommandContext context)
    {
        context.Out.Write(BashScript);
        return 0;
    }

    /// <summary>
    /// Completes the words of the line up to the cursor; the command word itself ($1, e.g. ./observatory) is
    /// left out of the line handed to [suggest], which parses from the first sub-command or option.
    /// </summary>
    public const string BashScript = """
        # bash completion for observatory: eval "$(observatory completion bash)"
        _observatory_complete() {
            local line="${COMP_LINE:0:$COMP_POINT}"
            local rest="${line#"$1"}"
            rest="${rest#"${rest%%[![:space:]]*}"}"
            local IFS=$'\n'
            COMPREPLY=($("$1" "[suggest:${#rest}]" "$rest" 2>/dev/null))
        }
        complete -o default -F _observatory_complete observatory ./observatory

        """;
}

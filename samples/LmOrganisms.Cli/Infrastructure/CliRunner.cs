using System.CommandLine;

namespace LmOrganisms.Cli.Infrastructure;

/// <summary>
/// Runs a command tree with the tool's error conventions: one line on stderr (control characters escaped) and the
/// documented exit code. Exit codes: 0 success; 1 bad input — a usage error (unknown command or option, missing or
/// malformed argument), an invalid or unreadable input file, an output path that cannot be written, or work refused up
/// front because it would not fit in memory; 2 a failure while running (cancelled, a numerical failure, out of memory,
/// or an internal error).
/// </summary>
public static class CliRunner
{
    /// <summary>Exit code for bad input (usage errors, unknown names, invalid files, work refused up front).</summary>
    public const int BadInput = 1;

    /// <summary>Exit code for a failure while running.</summary>
    public const int Failure = 2;

    /// <summary>Parses and invokes; parse errors become a single "lmo: error: …" line and exit <see cref="BadInput"/>.</summary>
    public static int Run(RootCommand root, string[] args)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            Console.Error.WriteLine($"lmo: error: {Text.Line(UsageError(parsed))} (see 'lmo --help')");
            return BadInput;
        }
        return parsed.Invoke();
    }

    // An unknown word where a subcommand belongs is named as such, with the commands there are; otherwise the first
    // error that names an unmatched token, then the first error.
    private static string UsageError(ParseResult parsed)
    {
        var command = parsed.CommandResult.Command;
        if (parsed.UnmatchedTokens.Count > 0 && command.Subcommands.Count > 0 && !parsed.UnmatchedTokens[0].StartsWith('-'))
        {
            var path = string.Join(' ', Ancestry(parsed.CommandResult));
            return $"unknown command '{parsed.UnmatchedTokens[0]}' for '{path}'; the commands are {string.Join(", ", command.Subcommands.Select(c => c.Name))}";
        }
        var unmatched = parsed.Errors.FirstOrDefault(e => parsed.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal)));
        return (unmatched ?? parsed.Errors[0]).Message;
    }

    private static IEnumerable<string> Ancestry(System.CommandLine.Parsing.CommandResult result)
    {
        var chain = new List<string>();
        for (var r = result; r is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            chain.Add(r.Command is RootCommand ? "lmo" : r.Command.Name);
        chain.Reverse();
        return chain;
    }

    /// <summary>
    /// Wraps a command body: bad input exits <see cref="BadInput"/>, anything else <see cref="Failure"/>, each with a
    /// one-line message (never a stack trace).
    /// </summary>
    public static int Guard(Func<int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return body();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"lmo: error: {Text.Line(e is ArgumentException a ? Strip(a) : e.Message)}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("lmo: cancelled");
            return Failure;
        }
        catch (OutOfMemoryException e)
        {
            Console.Error.WriteLine($"lmo: error: out of memory ({Text.Line(e.Message)})");
            return Failure;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArithmeticException)
        {
            Console.Error.WriteLine($"lmo: error: {Text.Line(e.Message)}");
            return Failure;
        }
#pragma warning disable CA1031 // the tool's contract: every failure is one line and exit 2, never a stack trace
        catch (Exception e)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"lmo: internal error: {e.GetType().Name}: {Text.Line(e.Message)}");
            return Failure;
        }
    }

    // The message without .NET's " (Parameter 'x')" and, for ArgumentOutOfRangeException, the "Actual value was" line
    // after it (the tool's messages state the value themselves).
    private static string Strip(ArgumentException e)
    {
        if (e.ParamName is null) return e.Message;
        int at = e.Message.IndexOf($" (Parameter '{e.ParamName}')", StringComparison.Ordinal);
        return at >= 0 ? e.Message[..at] : e.Message;
    }
}

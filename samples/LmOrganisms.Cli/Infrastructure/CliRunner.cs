using System.CommandLine;

namespace LmOrganisms.Cli.Infrastructure;

/// <summary>Runs a command tree with the tool's error conventions: one line on stderr and a non-zero exit code.</summary>
public static class CliRunner
{
    /// <summary>Exit code for bad input (parse errors, unknown names, invalid files).</summary>
    public const int BadInput = 1;

    /// <summary>Exit code for a failure while running.</summary>
    public const int Failure = 2;

    /// <summary>Parses and invokes; parse errors become a single "lmo: error: …" line.</summary>
    public static int Run(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            Console.Error.WriteLine($"lmo: error: {parsed.Errors[0].Message} (see 'lmo --help')");
            return BadInput;
        }
        return parsed.Invoke();
    }

    /// <summary>Wraps a command body: input errors exit 1 and other exceptions exit 2, each with a one-line message.</summary>
    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ArgumentException or FormatException or FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            Console.Error.WriteLine($"lmo: error: {OneLine(e is ArgumentException a ? Strip(a) : e.Message)}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("lmo: cancelled");
            return Failure;
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or ArithmeticException)
        {
            Console.Error.WriteLine($"lmo: error: {OneLine(e.Message)}");
            return Failure;
        }
    }

    private static string Strip(ArgumentException e)
    {
        var suffix = e.ParamName is null ? null : $" (Parameter '{e.ParamName}')";
        return suffix is not null && e.Message.EndsWith(suffix, StringComparison.Ordinal) ? e.Message[..^suffix.Length] : e.Message;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}

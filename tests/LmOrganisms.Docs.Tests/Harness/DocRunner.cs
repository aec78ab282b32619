using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using System.Text.RegularExpressions;
using TorchSharp;

namespace LmOrganisms.Docs.Tests;

/// <summary>The outcome of running a compiled documentation program.</summary>
/// <param name="Program">The program run.</param>
/// <param name="Exception">The exception the program threw (unwrapped from reflection), or null.</param>
/// <param name="TimedOut">True when the program did not finish within the timeout (it is left running in the background).</param>
/// <param name="ExitCode">The value a top-level <c>return n;</c> produced (0 when the program returns nothing).</param>
/// <param name="Output">What the program wrote to the console (standard output and error).</param>
/// <param name="Elapsed">The wall-clock time the program ran.</param>
public sealed partial record DocRun(
    DocProgram Program,
    Exception? Exception,
    bool TimedOut,
    int ExitCode,
    string Output,
    TimeSpan Elapsed)
{
    /// <summary>True when the program returned 0 within the timeout without an exception.</summary>
    public bool Succeeded => Exception is null && !TimedOut && ExitCode == 0;

    /// <summary>A report naming the block, what went wrong, and the console output; stack-trace lines of the program
    /// are mapped to markdown lines.</summary>
    public string Report()
    {
        var block = Program.Block;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"{block.Name}: the program ending with the C# block starting on line {block.FenceLine} of {block.File} ");
        if (TimedOut)
        {
            sb.Append(CultureInfo.InvariantCulture, $"did not finish within {Elapsed.TotalSeconds:F0} s.");
        }
        else if (Exception is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"threw after {Elapsed.TotalSeconds:F1} s:\n")
                .Append(MapStackTrace(Exception.ToString()));
        }
        else if (ExitCode != 0)
        {
            sb.Append(CultureInfo.InvariantCulture, $"returned exit code {ExitCode}.");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"ran in {Elapsed.TotalSeconds:F1} s.");
        }
        if (Output.Length > 0)
        {
            sb.Append("\n--- console output ---\n").Append(Output);
        }
        return sb.ToString();
    }

    /// <summary>Replaces <c>DocProgram.cs:line N</c> in a stack trace with the markdown file and line.</summary>
    public string MapStackTrace(string text) =>
        ProgramLine().Replace(text, m =>
        {
            var line = int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture);
            return line >= 1 && line <= Program.Map.Count ? $"{Program.MarkdownLineOf(line)}" : m.Value;
        });

    [GeneratedRegex(@"DocProgram\.cs:line (?<line>\d+)")]
    private static partial Regex ProgramLine();
}

/// <summary>
/// Runs a compiled documentation program (docs/api.md §2.11): loads it into a collectible load context, invokes its
/// entry point on a dedicated thread with libtorch pinned to one thread, in a fresh temporary working directory, with
/// the console captured, and waits at most a timeout. The working directory and the console are restored afterwards,
/// and the temporary directory is deleted. Not thread-safe: tests that run programs are [NonParallelizable].
/// </summary>
public static class DocRunner
{
    /// <summary>The default timeout; the environment variable <c>LMO_DOCS_RUN_TIMEOUT_SECONDS</c> overrides it.</summary>
    public static TimeSpan DefaultTimeout =>
        double.TryParse(Environment.GetEnvironmentVariable("LMO_DOCS_RUN_TIMEOUT_SECONDS"), NumberStyles.Float,
            CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromMinutes(5);

    /// <summary>Runs <paramref name="compilation"/>, which must have succeeded.</summary>
    public static DocRun Run(DocCompilation compilation, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        if (!compilation.Succeeded || compilation.Image is null)
        {
            throw new ArgumentException($"{compilation.Program.Block.Name} did not compile", nameof(compilation));
        }
        var limit = timeout ?? DefaultTimeout;
        var context = new AssemblyLoadContext(compilation.Program.Block.Name, isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(compilation.Image),
            compilation.Pdb is null ? null : new MemoryStream(compilation.Pdb));
        var entry = assembly.EntryPoint
            ?? throw new InvalidOperationException($"{compilation.Program.Block.Name}: the program has no entry point");

        var output = new StringWriter(CultureInfo.InvariantCulture);
        var synced = TextWriter.Synchronized(output);
        var (oldOut, oldError) = (Console.Out, Console.Error);
        var oldDirectory = Environment.CurrentDirectory;
        var workDirectory = Directory.CreateTempSubdirectory("lmo-docs-");
        Exception? thrown = null;
        var exitCode = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var thread = new Thread(() =>
        {
            try
            {
                // libtorch's OpenMP thread count is per calling thread: pin it on the thread that runs the program.
                torch.set_num_threads(1);
                var args = entry.GetParameters().Length == 1 ? new object?[] { Array.Empty<string>() } : [];
                if (entry.Invoke(null, args) is int code)
                {
                    exitCode = code;
                }
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                thrown = e.InnerException;
            }
#pragma warning disable CA1031 // any exception of the documentation program is its failure, reported to the test
            catch (Exception e)
#pragma warning restore CA1031
            {
                thrown = e;
            }
        })
        {
            IsBackground = true,
            Name = $"doc {compilation.Program.Block.Name}",
        };

        bool finished;
        try
        {
            Console.SetOut(synced);
            Console.SetError(synced);
            Environment.CurrentDirectory = workDirectory.FullName;
            thread.Start();
            finished = thread.Join(limit);
        }
        finally
        {
            clock.Stop();
            Environment.CurrentDirectory = oldDirectory;
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
        if (finished)
        {
            context.Unload();
            TryDelete(workDirectory);
        }
        string text;
        lock (synced) // the synchronized writer locks on itself; a program left running may still be writing
        {
            text = output.ToString();
        }
        return new DocRun(compilation.Program, finished ? thrown : null, !finished, exitCode, text, clock.Elapsed);
    }

    private static void TryDelete(DirectoryInfo directory)
    {
        try
        {
            directory.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // a file still open (e.g. by native code) keeps the temporary folder; it is harmless
        }
    }
}

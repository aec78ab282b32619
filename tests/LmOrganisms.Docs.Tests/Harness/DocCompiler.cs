using System.Collections.Immutable;
using System.Globalization;
using System.Reflection.PortableExecutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace LmOrganisms.Docs.Tests;

/// <summary>The outcome of compiling a <see cref="DocProgram"/>.</summary>
/// <param name="Program">The program compiled.</param>
/// <param name="Failures">The diagnostics that fail the block (errors, and warnings reported as errors).</param>
/// <param name="Image">The emitted assembly when there are no failures, else null.</param>
/// <param name="Pdb">The emitted portable PDB when there are no failures, else null.</param>
public sealed record DocCompilation(
    DocProgram Program,
    IReadOnlyList<Diagnostic> Failures,
    byte[]? Image,
    byte[]? Pdb)
{
    /// <summary>True when the program compiled without a failing diagnostic.</summary>
    public bool Succeeded => Failures.Count == 0;

    /// <summary>
    /// A report naming the block and each failing diagnostic at its markdown line, e.g.
    /// <c>README.md:63:9: error CS0103: The name 'mess3' does not exist in the current context</c>.
    /// </summary>
    public string Report()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture,
            $"{Program.Block.Name}: the C# block starting on line {Program.Block.FenceLine} of {Program.Block.File} ");
        var chain = Program.Block.Chain;
        if (chain.Count > 1)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"(continuing the blocks on lines {string.Join(", ", chain.SkipLast(1).Select(b => b.FenceLine))}) ");
        }
        sb.Append(CultureInfo.InvariantCulture, $"does not compile ({Failures.Count} diagnostic(s)):");
        foreach (var d in Failures)
        {
            sb.Append('\n').Append(DocCompiler.Format(d, Program));
        }
        return sb.ToString();
    }
}

/// <summary>
/// Compiles documentation programs with Roslyn against the packages (docs/api.md §2.11).
/// </summary>
/// <remarks>
/// <para>Options: a console application (top-level statements), C# latest, nullable enabled, the implicit global usings
/// of a new console project, warning level 9999 (all warning waves, like the repository's <c>AnalysisLevel latest</c>).</para>
/// <para>Warnings are failures, as in the repository build (<c>TreatWarningsAsErrors</c>): an obsolete member, a
/// possible null dereference or an unreachable line in the documentation is a bug the reader would meet. Exempt are
/// the SDK's default <c>NoWarn</c> (CS1701, CS1702: assembly version unification) and the "declared or assigned but
/// never used" warnings (CS0168, CS0219, CS8321), because snippets routinely show a value without using it.
/// Analyzers (CA rules) do not run.</para>
/// <para>References: every managed assembly the test host trusts (<c>TRUSTED_PLATFORM_ASSEMBLIES</c>: the runtime and
/// everything this test project references, that is every package in src/ and their dependencies) and any other
/// managed DLL in the test's output folder, one per assembly name. They are read once; every compilation is derived
/// from one base compilation, so Roslyn binds the references once.</para>
/// </remarks>
public static class DocCompiler
{
    /// <summary>The parse options: C# latest, a regular (not script) file.</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Regular);

    /// <summary>Warnings that do not fail a block: the SDK's default NoWarn, and unused locals or local functions.</summary>
    public static readonly ImmutableArray<string> ExemptWarnings = ["CS1701", "CS1702", "CS0168", "CS0219", "CS8321"];

    /// <summary>The implicit global usings of a new console project (Microsoft.NET.Sdk, ImplicitUsings enabled).</summary>
    public static readonly ImmutableArray<string> ImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading",
        "System.Threading.Tasks",
    ];

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(BuildReferences);
    private static readonly Lazy<CSharpCompilation> LazyBase = new(BuildBase);
    private static int compilationCount;

    /// <summary>The metadata references every documentation program is compiled against (built once).</summary>
    public static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    /// <summary>Compiles and emits <paramref name="program"/> (to memory).</summary>
    public static DocCompilation Compile(DocProgram program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var tree = CSharpSyntaxTree.ParseText(program.Source, ParseOptions, DocProgram.ProgramPath, Encoding.UTF8);
        var n = Interlocked.Increment(ref compilationCount);
        var compilation = LazyBase.Value
            .WithAssemblyName(string.Create(CultureInfo.InvariantCulture, $"DocBlock{n}"))
            .AddSyntaxTrees(tree);
        using var pe = new MemoryStream();
        using var pdb = new MemoryStream();
        var result = compilation.Emit(pe, pdb,
            options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        var failures = result.Diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error
                        || (d.Severity == DiagnosticSeverity.Warning && !d.IsSuppressed))
            .OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();
        return failures.Length == 0 && result.Success
            ? new DocCompilation(program, failures, pe.ToArray(), pdb.ToArray())
            : new DocCompilation(program, failures, null, null);
    }

    /// <summary>
    /// One diagnostic at its markdown position: <c>file:line:column: error CSxxxx: message</c>. Diagnostics outside the
    /// program (references, the implicit usings) keep Roslyn's own location.
    /// </summary>
    public static string Format(Diagnostic diagnostic, DocProgram program)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        ArgumentNullException.ThrowIfNull(program);
        var severity = diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning";
        var message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        var span = diagnostic.Location.GetLineSpan();
        if (diagnostic.Location.IsInSource && span.Path == DocProgram.ProgramPath)
        {
            var at = program.MarkdownLineOf(span.StartLinePosition.Line + 1);
            var column = span.StartLinePosition.Character + 1 + at.Indent;
            return string.Create(CultureInfo.InvariantCulture,
                $"{at.File}:{at.Line}:{column}: {severity} {diagnostic.Id}: {message}");
        }
        return $"{diagnostic.Location}: {severity} {diagnostic.Id}: {message}";
    }

    private static CSharpCompilation BuildBase()
    {
        var implicitUsings = CSharpSyntaxTree.ParseText(
            string.Join('\n', ImplicitUsings.Select(u => $"global using global::{u};")),
            ParseOptions, "ImplicitUsings.g.cs", Encoding.UTF8);
        var options = new CSharpCompilationOptions(
            OutputKind.ConsoleApplication,
            optimizationLevel: OptimizationLevel.Debug,
            nullableContextOptions: NullableContextOptions.Enable,
            warningLevel: 9999,
            generalDiagnosticOption: ReportDiagnostic.Error,
            specificDiagnosticOptions: ExemptWarnings.Select(id => KeyValuePair.Create(id, ReportDiagnostic.Suppress)),
            concurrentBuild: true,
            deterministic: true);
        return CSharpCompilation.Create("DocBlock", [implicitUsings], References, options);
    }

    private static ImmutableArray<MetadataReference> BuildReferences()
    {
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var local = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll").Order(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var references = ImmutableArray.CreateBuilder<MetadataReference>();
        foreach (var path in trusted.Concat(local))
        {
            if (AssemblyNameOf(path) is { } name && names.Add(name))
            {
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }
        return references.ToImmutable();
    }

    /// <summary>The assembly name of a managed assembly file; null for native or unreadable files.</summary>
    private static string? AssemblyNameOf(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return null;
            }
            var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            return reader.IsAssembly ? reader.GetString(reader.GetAssemblyDefinition().Name) : null;
        }
        catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

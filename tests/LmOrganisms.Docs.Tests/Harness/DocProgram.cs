using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LmOrganisms.Docs.Tests;

/// <summary>A markdown line a program line came from.</summary>
/// <param name="File">The markdown file (relative to the repository root).</param>
/// <param name="Line">The 1-based markdown line.</param>
/// <param name="Indent">How many leading spaces the extractor removed from that line (added back to columns).</param>
public readonly record struct MarkdownLine(string File, int Line, int Indent)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}";
}

/// <summary>
/// The top-level program formed by a C# block and the blocks it continues (docs/api.md §2.11), with the markdown line
/// of every program line.
/// </summary>
/// <remarks>
/// Layout: the <c>using</c> directives of every block of the chain (deduplicated, first occurrence kept), then the
/// statements of the blocks in order, then the type and namespace declarations of the blocks in order (C# requires
/// top-level statements to precede them, so a type declared in an early block may be used by a later one). Nothing is
/// rewritten inside a line, so every program line maps to exactly one markdown line.
/// </remarks>
public sealed class DocProgram
{
    /// <summary>The path the program's syntax tree carries (it appears in stack traces before they are mapped).</summary>
    public const string ProgramPath = "DocProgram.cs";

    private DocProgram(DocBlock block, string source, IReadOnlyList<MarkdownLine> map)
    {
        Block = block;
        Source = source;
        Map = map;
    }

    /// <summary>The last block of the chain (the one this program is named after).</summary>
    public DocBlock Block { get; }

    /// <summary>The program's C# source, lines joined with '\n'.</summary>
    public string Source { get; }

    /// <summary><c>Map[k]</c> is the markdown line of program line <c>k + 1</c>.</summary>
    public IReadOnlyList<MarkdownLine> Map { get; }

    /// <summary>The markdown line of a 1-based program line.</summary>
    public MarkdownLine MarkdownLineOf(int programLine) =>
        programLine >= 1 && programLine <= Map.Count
            ? Map[programLine - 1]
            : throw new ArgumentOutOfRangeException(nameof(programLine), programLine,
                $"the program of {Block.Name} has {Map.Count} lines");

    /// <summary>Builds the program that ends with <paramref name="block"/>.</summary>
    public static DocProgram For(DocBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var usings = new List<(string Text, MarkdownLine At)>();
        var statements = new List<(string Text, MarkdownLine At)>();
        var declarations = new List<(string Text, MarkdownLine At)>();
        var seenUsings = new HashSet<string>(StringComparer.Ordinal);

        foreach (var b in block.Chain)
        {
            var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(b.Code, DocCompiler.ParseOptions).GetRoot();
            var text = root.SyntaxTree.GetText();
            // role[k]: 0 statement line, 1 using line (kept), 2 using line (duplicate, dropped), 3 declaration line
            var role = new int[b.Lines.Count];
            foreach (var u in root.Usings)
            {
                var isNew = seenUsings.Add(u.WithoutTrivia().NormalizeWhitespace().ToFullString());
                Mark(role, text.Lines.GetLinePosition(u.SpanStart).Line, text.Lines.GetLinePosition(u.Span.End).Line,
                    isNew ? 1 : 2);
            }
            foreach (var member in root.Members.Where(m => m is not GlobalStatementSyntax))
            {
                // Comments and doc comments directly above a declaration travel with it.
                var start = member.GetLeadingTrivia()
                    .FirstOrDefault(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia));
                var from = start == default ? member.SpanStart : start.SpanStart;
                Mark(role, text.Lines.GetLinePosition(from).Line, text.Lines.GetLinePosition(member.Span.End).Line, 3);
            }
            for (var k = 0; k < b.Lines.Count; k++)
            {
                var entry = (b.Lines[k], new MarkdownLine(b.File, b.FirstCodeLine + k, b.Indents[k]));
                switch (role[k])
                {
                    case 0: statements.Add(entry); break;
                    case 1: usings.Add(entry); break;
                    case 3: declarations.Add(entry); break;
                    default: break;
                }
            }
        }

        var all = usings.Concat(statements).Concat(declarations).ToList();
        return new DocProgram(block, string.Join('\n', all.Select(e => e.Text)), all.Select(e => e.At).ToArray());
    }

    private static void Mark(int[] role, int first, int last, int value)
    {
        for (var k = first; k <= last && k < role.Length; k++)
        {
            role[k] = value;
        }
    }
}

namespace LmOrganisms.Docs.Tests;

/// <summary>
/// One fenced C# block of a markdown file (docs/api.md §2.11).
/// </summary>
/// <param name="File">The markdown file, relative to the repository root with '/' separators (e.g. <c>docs/api.md</c>).</param>
/// <param name="FenceLine">The 1-based line of the opening fence in the markdown; the block's name uses it.</param>
/// <param name="Lines">The code lines, with the fence's indentation removed.</param>
/// <param name="Indents">For each code line, how many leading spaces were removed (for mapping columns back).</param>
/// <param name="Continues">Marked <c>&lt;!-- continues --&gt;</c>: appended to the program of <see cref="Previous"/>.</param>
/// <param name="Run">Marked <c>&lt;!-- run --&gt;</c>: the program ending with this block is also executed.</param>
/// <param name="Previous">The C# block before this one in the same file (null for the first).</param>
/// <param name="Problem">Why the block is malformed (unknown marker, dangling continues, unclosed fence), or null.</param>
public sealed record DocBlock(
    string File,
    int FenceLine,
    IReadOnlyList<string> Lines,
    IReadOnlyList<int> Indents,
    bool Continues,
    bool Run,
    DocBlock? Previous,
    string? Problem)
{
    /// <summary>The stable test name: <c>README.md:57</c>, <c>docs/api.md:11</c> (file and opening-fence line).</summary>
    public string Name => $"{File}:{FenceLine}";

    /// <summary>The 1-based markdown line of the first code line (the line after the fence).</summary>
    public int FirstCodeLine => FenceLine + 1;

    /// <summary>The code as one string, lines joined with '\n'.</summary>
    public string Code => string.Join('\n', Lines);

    /// <summary>The blocks whose program this block ends: the continues chain from its start up to this block.</summary>
    public IReadOnlyList<DocBlock> Chain
    {
        get
        {
            var chain = new List<DocBlock> { this };
            for (var b = this; b.Continues && b.Previous is { } p; b = p)
            {
                chain.Add(p);
            }
            chain.Reverse();
            return chain;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}

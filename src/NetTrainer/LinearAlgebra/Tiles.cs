// Tile shapes as types: a kernel written once for a tile of up to 3 x 4 is compiled by the JIT once per shape
// (TRows, TCols are structs, so Count is a constant and the unused accumulators and loads disappear).
namespace NetTrainer.LinearAlgebra;

/// <summary>One side of a register tile, known when the kernel is compiled.</summary>
internal interface ITileSize
{
    /// <summary>How many rows (or registers) the tile has on this side.</summary>
    static abstract int Count { get; }
}

internal readonly struct One : ITileSize
{
    public static int Count => 1;
}

internal readonly struct Two : ITileSize
{
    public static int Count => 2;
}

internal readonly struct Three : ITileSize
{
    public static int Count => 3;
}

internal readonly struct Four : ITileSize
{
    public static int Count => 4;
}

/// <summary>How a dot-product tile reads B's rows: packed into a panel buffer, or in place (a type, so the JIT compiles each).</summary>
internal interface IPanelLayout
{
    static abstract bool Packed { get; }
}

internal readonly struct PackedPanel : IPanelLayout
{
    public static bool Packed => true;
}

internal readonly struct InPlacePanel : IPanelLayout
{
    public static bool Packed => false;
}

/// <summary>Which terms a row-combination tile sums: every one, or those a list names (a type, so the JIT compiles each).</summary>
internal interface ITermOrder
{
    static abstract bool Listed { get; }
}

internal readonly struct EveryTerm : ITermOrder
{
    public static bool Listed => false;
}

internal readonly struct ListedTerms : ITermOrder
{
    public static bool Listed => true;
}

internal static class Tiles
{
    /// <summary>Output rows that a thread's piece starts on a multiple of (the tall tile's height).</summary>
    public const int RowAlign = 3;

    /// <summary>
    /// The height of the next tile with <paramref name="remaining"/> rows to go: threes, except that 4 rows go as
    /// 2 + 2 (a lone row would run on a tile a third as wide), so only a 1-row matrix uses a 1-row tile.
    /// </summary>
    public static int NextRows(int remaining) => remaining is 2 or 4 ? 2 : Math.Min(remaining, 3);
}

// Elements starting on a cache line: every matrix's, and the buffers kernels pack (see Kernels.cs for the glossary).
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetTrainer.LinearAlgebra;

/// <summary>
/// Elements the kernels read a register at a time (every Matrix's, and the buffers they pack for themselves),
/// starting on a 64-byte boundary: a cache line, and a whole 512-bit register. From an array's own start (16 bytes
/// into an object, which the GC places on 8 bytes) a step of 256-bit loads typically spans two cache lines every
/// other time, and a 512-bit load every time. The array is pinned, so that the GC never moves it off the boundary.
/// Zeroed when made.
/// </summary>
internal sealed class AlignedBuffer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The boundary the first element is on, in bytes.</summary>
    public const int Alignment = 64;

    /// <summary>Room for <paramref name="length"/> elements from a 64-byte boundary.</summary>
    public unsafe AlignedBuffer(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Array = GC.AllocateArray<T>(length + Alignment / sizeof(T), pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(Array));
        Debug.Assert(address % sizeof(T) == 0, "an array's data is 8-byte aligned");
        Offset = (int)((Alignment - address % Alignment) % Alignment) / sizeof(T);
        Length = length;
    }

    /// <summary>The elements' count.</summary>
    public int Length { get; }

    /// <summary>The array the elements live in, from <see cref="Offset"/> on.</summary>
    public T[] Array { get; }

    /// <summary>Where the elements start in <see cref="Array"/>.</summary>
    public int Offset { get; }

    /// <summary>The first element, on the boundary.</summary>
    public ref T Start => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(Array), Offset);

    /// <summary>The elements.</summary>
    public Span<T> Span => Array.AsSpan(Offset, Length);
}
